import * as t from 'io-ts';
import { firstValueFrom, Subject, toArray } from 'rxjs';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import {
  described,
  tool,
  ToolDeclarationError,
  toolLoop,
  validateTools,
} from '../../src/session/index.js';

const Args = t.intersection([
  t.type({ city: described(t.string, 'A city name') }),
  t.partial({ days: t.Int }),
]);
const derived = {
  type: 'object',
  properties: { city: { type: 'string', description: 'A city name' }, days: { type: 'integer' } },
  required: ['city'],
};
const declare = (overrides: Partial<Parameters<typeof tool<typeof Args>>[0]> = {}) =>
  tool({
    name: 'get_weather',
    description: 'Current weather in a city',
    args: Args,
    handler: ({ city, days = 1 }) => ({ city, days, forecast: 'sunny' }),
    ...overrides,
  });

describe('tool', () => {
  it('derives parameters from the args codec and keeps the codec, handler and timeout', () => {
    const weather = declare({ timeoutMs: 500 });
    expect(weather).toMatchObject({
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: derived,
      codec: Args,
      timeoutMs: 500,
    });
    expect(weather.handler({ city: 'Paris' })).toEqual({
      city: 'Paris',
      days: 1,
      forecast: 'sunny',
    });
    expect(() => validateTools([weather])).not.toThrow();
  });

  it('passes the other fields of a Tool on as declared (slow tools, interruption)', () => {
    const slow = declare({ whileWorking: { afterMs: 2000 }, cancelWhenInterrupted: false });
    expect(slow).toMatchObject({ whileWorking: { afterMs: 2000 }, cancelWhenInterrupted: false });
  });

  it('leaves timeoutMs out when not given (the loop default applies)', () => {
    expect('timeoutMs' in declare()).toBe(false);
  });

  it.each(['get_weather', 'a', 'Get-Weather_2', 'x'.repeat(64)])('accepts the name %j', (name) => {
    expect(declare({ name }).name).toBe(name);
  });

  it.each(['', 'get weather', 'get.weather', 'météo', 'x'.repeat(65)])(
    'refuses the name %j',
    (name) => {
      expect(() => declare({ name })).toThrow(
        new ToolDeclarationError(
          'the name must be 1 to 64 letters, digits, "_" or "-" (the Realtime API function name rules)',
          { tool: name },
        ),
      );
    },
  );

  it('refuses a codec with no schema, with the tool name and the path under .args', () => {
    const call = () =>
      tool({
        name: 'get_weather',
        description: 'd',
        args: t.type({ when: t.Function }),
        handler: () => 'x',
      });
    expect(call).toThrow(ToolDeclarationError);
    expect(call).toThrow(
      'tool "get_weather": at .args.when cannot express Function: a function is not JSON',
    );
    expect(call).toThrow(
      expect.objectContaining({ tool: 'get_weather', path: '.args.when' }) as Error,
    );
  });

  it('refuses arguments that are not an object', () => {
    expect(() =>
      tool({ name: 'echo', description: 'd', args: t.string, handler: (s) => s }),
    ).toThrow(
      'tool "echo": at .args cannot express string as the arguments: the model sends a JSON object',
    );
  });

  it('accepts explicit parameters that agree with the codec, and sends them', () => {
    const parameters = {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'Where', minLength: 1 },
        days: { type: 'integer', minimum: 1, maximum: 7 },
      },
      required: ['city'],
    };
    expect(declare({ parameters }).parameters).toBe(parameters);
  });

  it.each<[string, { readonly [key: string]: unknown }, string]>([
    [
      'a property type',
      {
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'number' } },
        required: ['city'],
      },
      'at .args.days the type is number in parameters, integer in args',
    ],
    [
      'a property only in parameters',
      {
        type: 'object',
        properties: {
          city: { type: 'string' },
          days: { type: 'integer' },
          unit: { type: 'string' },
        },
        required: ['city'],
      },
      '.args.unit is only in parameters',
    ],
    [
      'a property only in args, and the required set',
      { type: 'object', properties: { city: { type: 'string' } }, required: ['city', 'days'] },
      '.args.days is only in args; .args.days is required only in parameters',
    ],
    [
      'a required property',
      { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } },
      '.args.city is required only in args',
    ],
    [
      'the root type',
      { type: 'array' },
      'at .args the type is array in parameters, object in args',
    ],
  ])(
    'refuses explicit parameters that disagree in %s, saying what differs',
    (_, parameters, what) => {
      expect(() => declare({ parameters })).toThrow(
        `tool "get_weather": the parameters disagree with the args codec: ${what}`,
      );
    },
  );

  it('compares nested objects, array items and nullable types', () => {
    const Nested = t.type({
      stops: t.array(t.type({ name: t.string, at: t.union([t.number, t.null]) })),
    });
    const agreeing = {
      type: 'object',
      properties: {
        stops: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, at: { type: ['number', 'null'] } },
            required: ['name', 'at'],
          },
        },
      },
      required: ['stops'],
    };
    const make = (parameters: { readonly [key: string]: unknown }) =>
      tool({ name: 'route', description: 'd', args: Nested, handler: () => 'ok', parameters });
    expect(make(agreeing).parameters).toBe(agreeing);
    const asAnyOf = JSON.parse(JSON.stringify(agreeing)) as typeof agreeing;
    Object.assign(asAnyOf.properties.stops.items.properties, {
      at: { anyOf: [{ type: 'number' }, { type: 'null' }] },
    });
    expect(make(asAnyOf).parameters).toBe(asAnyOf);
    const disagreeing = JSON.parse(JSON.stringify(agreeing)) as typeof agreeing;
    disagreeing.properties.stops.items.properties.at.type = ['number'];
    expect(() => make(disagreeing)).toThrow(
      'tool "route": the parameters disagree with the args codec: at .args.stops[].at the type is number in parameters, null|number in args',
    );
  });

  it('runs in the tool loop: decoded arguments reach the handler, bad ones get an error output', async () => {
    const calls: unknown[] = [];
    const weather = declare({ handler: (args) => (calls.push(args), 'sunny') });
    const events$ = new Subject<ServerEvent>();
    const sent = firstValueFrom(toolLoop(events$, { tools: [weather] }).pipe(toArray()));
    const call = (callId: string, args: string) =>
      events$.next({
        type: 'response.function_call_arguments.done',
        event_id: `e_${callId}`,
        response_id: 'resp_1',
        item_id: `item_${callId}`,
        output_index: 0,
        call_id: callId,
        name: 'get_weather',
        arguments: args,
      } as ServerEvent);
    call('call_1', '{"city":"Paris","days":2}');
    call('call_2', '{"city":"Paris","days":2.5}');
    events$.next({
      type: 'response.done',
      event_id: 'e_done',
      response: { id: 'resp_1', object: 'realtime.response', status: 'completed', output: [] },
    } as unknown as ServerEvent);
    events$.complete();
    const outputs = (await sent)
      .filter(
        (e): e is Extract<ClientEvent, { type: 'conversation.item.create' }> =>
          e.type === 'conversation.item.create',
      )
      .map((e) => e.item);
    expect(calls).toEqual([{ city: 'Paris', days: 2 }]);
    expect(outputs).toEqual([
      expect.objectContaining({ call_id: 'call_1', output: 'sunny' }),
      expect.objectContaining({
        call_id: 'call_2',
        output: expect.stringContaining('days') as unknown,
      }),
    ]);
  });
});
