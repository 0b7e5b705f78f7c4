import * as t from 'io-ts';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import type { Dialect } from '../../src/protocol/index.js';
import { described, tool } from '../../src/session/index.js';
import { finished, simulatorFixture, textOf } from './e2e.js';

const fixture = simulatorFixture();

describe.each<Dialect>(['ga', 'beta'])('a tool declared only by its codec (%s)', (dialect) => {
  it('is declared with the derived schema, called with decoded arguments, and answered', async () => {
    const calls: unknown[] = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'Current weather in a city',
      args: t.type({ city: described(t.string, 'A city name') }),
      handler: (args) => {
        calls.push(args);
        return { city: args.city, forecast: 'sunny, 21 C' };
      },
    });
    const { socket, sent } = await fixture.connect({ pace: 'instant' }, { dialect });
    const errors: unknown[] = [];
    socket.errors$.subscribe((e) => errors.push(e));
    const session = fixture.session(socket, {
      session: { output_modalities: ['text'] },
      tools: [getWeather],
    });
    const two = firstValueFrom(session.responses$.pipe(filter(finished), take(2), toArray()));
    expect((await session.ready()).kind).toBe('ready');
    session.sendText("What's the weather in Paris?");
    session.createResponse();
    const [first, second] = await two;

    const update = sent.find((e) => e.type === 'session.update');
    expect(JSON.stringify(update)).toContain(
      JSON.stringify({
        type: 'object',
        properties: { city: { type: 'string', description: 'A city name' } },
        required: ['city'],
      }),
    );
    expect(first?.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(calls).toEqual([{ city: 'Paris' }]);
    expect(second?.status).toBe('completed');
    expect(second && textOf(second)).toContain('sunny, 21 C');
    expect(errors).toEqual([]);
  });
});
