import * as t from 'io-ts';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { toolLoop, type Tool } from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract, unitOperator } from '../helpers/operator-contract.js';
import { argsDone, callAdded, callDone, created, done } from '../operators/events.js';

const city = t.type({ city: t.string });

const call = (rid: string, n: number, name: string, args: string): ServerEvent[] => [
  callAdded(rid, `item_${n}`, `call_${n}`, name, n),
  argsDone(rid, `item_${n}`, `call_${n}`, name, args, n),
  callDone(rid, `item_${n}`, `call_${n}`, name, args, 'completed', n),
];

const output = (n: number, out: string): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'function_call_output', call_id: `call_${n}`, output: out },
});
const create: ClientEvent = { type: 'response.create' };

/** All events of a response, as one marble value per event (frame letters a, b, c...). */
const letters = (events: readonly ServerEvent[]) =>
  Object.fromEntries(events.map((e, i) => [String.fromCharCode(97 + i), e]));
const group = (events: readonly ServerEvent[]) =>
  `(${events.map((_, i) => String.fromCharCode(97 + i)).join('')})`;

describe('toolLoop', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(toolLoop, { tools: [] }),
    quiet: created('r1'),
    // a `response.done` without its response
    poison: { type: 'response.done', event_id: 'e', response: null },
  });

  it('a codec whose decode throws is the error of the output', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const broken = new Error('codec bug');
      const tool: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'weather',
        parameters: {},
        codec: {
          ...city,
          decode: () => {
            throw broken;
          },
        },
        handler: () => 'sunny',
      };
      const response = [
        created('r1'),
        ...call('r1', 0, 'get_weather', '{"city":"Paris"}'),
        done('r1'),
      ];
      const events = hot(`-${group(response)}--`, letters(response));
      expectObservable(toolLoop(events, { tools: [tool] })).toBe('-#', undefined, broken);
      expectSubscriptions(events.subscriptions).toBe('^!');
    });
  });

  it('answers the calls of each response at its own response.done', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const tool: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'weather',
        parameters: {},
        codec: city,
        handler: ({ city: c }) => `sunny in ${c}`,
      };
      const first = [
        created('r1'),
        ...call('r1', 0, 'get_weather', '{"city":"Paris"}'),
        done('r1'),
      ];
      const second = [
        created('r2'),
        ...call('r2', 1, 'get_weather', '{"city":"Oslo"}'),
        done('r2'),
      ];
      const upper = (events: readonly ServerEvent[]) =>
        Object.fromEntries(events.map((e, i) => [String.fromCharCode(65 + i), e]));
      const secondGroup = `(${second.map((_, i) => String.fromCharCode(65 + i)).join('')})`;
      const events = hot(`-${group(first)}-${secondGroup}`, {
        ...letters(first),
        ...upper(second),
      });
      expectObservable(toolLoop(events, { tools: [tool] })).toBe('-(ab) 4ms (cd)', {
        a: output(0, 'sunny in Paris'),
        b: create,
        c: output(1, 'sunny in Oslo'),
        d: create,
      });
    });
  });
  it('two parallel calls, one throws and one times out: two outputs, then one response.create', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const slowResult = cold('----------x', { x: 'late' });
      const boom: Tool<{ city: string }> = {
        name: 'boom',
        description: 'always throws',
        parameters: {},
        codec: city,
        handler: () => {
          throw new Error('weather service down');
        },
      };
      const slow: Tool<{ city: string }> = {
        name: 'slow',
        description: 'never answers in time',
        parameters: {},
        codec: city,
        handler: () => slowResult,
        timeoutMs: 5,
      };
      const response = [
        created('r1'),
        ...call('r1', 0, 'boom', '{"city":"Paris"}'),
        ...call('r1', 1, 'slow', '{"city":"Oslo"}'),
        done('r1'),
      ];
      const events = hot(`--${group(response)}`, letters(response));
      const start = 2;
      const expected = `${start}ms a 4ms (bc)`;
      expectObservable(toolLoop(events, { tools: [boom, slow] })).toBe(expected, {
        a: output(0, JSON.stringify({ error: 'boom failed: weather service down' })),
        b: output(1, JSON.stringify({ error: 'slow failed: it did not answer within 5 ms' })),
        c: create,
      });
      expectSubscriptions(slowResult.subscriptions).toBe(`${start}ms ^ 4ms !`);
    });
  });

  it('runs a good call, explains bad arguments and unknown tools, one response.create after all', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const weather: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'weather',
        parameters: {},
        codec: city,
        handler: ({ city: c }) => Promise.resolve({ city: c, sky: 'sunny' }),
      };
      const response = [
        created('r1'),
        ...call('r1', 0, 'get_weather', '{"city":42}'),
        ...call('r1', 1, 'get_stocks', '{}'),
        done('r1'),
      ];
      const events = hot(`-${group(response)}`, letters(response));
      expectObservable(toolLoop(events, { tools: [weather] })).toBe('-(abc)', {
        a: output(
          0,
          JSON.stringify({
            error:
              'Invalid arguments for get_weather: "city" should be string, got 42. Fix them and call again.',
          }),
        ),
        b: output(1, JSON.stringify({ error: 'Unknown tool "get_stocks".' })),
        c: create,
      });
    });
  });

  it('does not run the calls of a cancelled response', () => {
    const handler = jest.fn(() => 'ran');
    testScheduler().run(({ hot, expectObservable }) => {
      const tool: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'weather',
        parameters: {},
        codec: city,
        handler,
      };
      const response = [
        created('r1'),
        ...call('r1', 0, 'get_weather', '{"city":"Paris"}'),
        done('r1', 'cancelled'),
      ];
      const events = hot(`-${group(response)}--`, letters(response));
      expectObservable(toolLoop(events, { tools: [tool] })).toBe('---------');
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('cancels a running handler when unsubscribed', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const result = cold('-----x', { x: 'sunny' });
      const tool: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'weather',
        parameters: {},
        codec: city,
        handler: () => result,
      };
      const response = [
        created('r1'),
        ...call('r1', 0, 'get_weather', '{"city":"Paris"}'),
        done('r1'),
      ];
      const events = hot(`-${group(response)}`, letters(response));
      expectObservable(toolLoop(events, { tools: [tool] }), '^---!').toBe('-----');
      expectSubscriptions(result.subscriptions).toBe('-^--!');
      expectSubscriptions(events.subscriptions).toBe('^---!');
    });
  });

  it('a handler returning an Observable answers with its first value', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const tool: Tool<{ city: string }> = {
        name: 'get_weather',
        description: 'weather',
        parameters: {},
        codec: city,
        handler: ({ city: c }) => cold('--x-y', { x: `sunny in ${c}`, y: 'ignored' }),
      };
      const response = [
        created('r1'),
        ...call('r1', 0, 'get_weather', '{"city":"Paris"}'),
        done('r1'),
      ];
      const events = hot(`-${group(response)}`, letters(response));
      expectObservable(toolLoop(events, { tools: [tool] })).toBe('---(ab)', {
        a: output(0, 'sunny in Paris'),
        b: create,
      });
    });
  });
});
