import * as t from 'io-ts';
import { map, NEVER, timer } from 'rxjs';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { toolRuns, type Tool, type ToolSignal } from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract, unitOperator } from '../helpers/operator-contract.js';
import { argsDone, callAdded, callDone, created, done } from '../operators/events.js';

const city = t.type({ city: t.string });

const call = (rid: string, n: number, name: string, args: string): ServerEvent[] => [
  callAdded(rid, `item_${n}`, `call_${n}`, name, n),
  argsDone(rid, `item_${n}`, `call_${n}`, name, args, n),
  callDone(rid, `item_${n}`, `call_${n}`, name, args, 'completed', n),
];
const response = (...calls: ServerEvent[][]): ServerEvent[] => [
  created('r1'),
  ...calls.flat(),
  done('r1'),
];
const letters = (events: readonly ServerEvent[]) =>
  Object.fromEntries(events.map((e, i) => [String.fromCharCode(97 + i), e]));
const group = (events: readonly ServerEvent[]) =>
  `(${events.map((_, i) => String.fromCharCode(97 + i)).join('')})`;

const tool = (
  name: string,
  handler: Tool<{ city: string }>['handler'],
  extra: Partial<Tool<{ city: string }>> = {},
): Tool<{ city: string }> => ({
  name,
  description: name,
  parameters: {},
  codec: city,
  handler,
  ...extra,
});

/** A short text per signal, so the diagrams stay readable. */
const brief = (s: ToolSignal): string => {
  if (s.kind === 'command') {
    const e: ClientEvent = s.event;
    if (e.type === 'conversation.item.create')
      return e.item.type === 'function_call_output'
        ? `output:${e.item.call_id}:${e.item.output}`
        : `message:${e.item.type === 'message' ? e.item.role : ''}`;
    return e.type;
  }
  const u = s.update;
  if (u.kind === 'started') return `started:${u.callId}:${JSON.stringify(u.args)}`;
  if (u.kind === 'completed') return `completed:${u.callId}:${u.durationMs}`;
  return `failed:${u.callId}:${u.reason}:${u.durationMs}`;
};

describe('toolRuns', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(toolRuns, { tools: [] }),
    quiet: created('r1'),
    poison: { type: 'response.done', event_id: 'e', response: null },
  });

  it('parallel calls: one answers, one throws, one times out, one is cancelled by the user speaking', () => {
    const seen: string[] = [];
    testScheduler().run(({ hot, flush }) => {
      const tools = [
        tool('fast', ({ city: c }) => timer(10).pipe(map(() => `sunny in ${c}`))),
        tool('broken', () => {
          throw new Error('no network');
        }),
        tool('slow', () => NEVER, { timeoutMs: 50 }),
        tool('chatty', () => NEVER, { timeoutMs: 1000 }),
      ];
      const events = response(
        call('r1', 0, 'fast', '{"city":"Paris"}'),
        call('r1', 1, 'broken', '{"city":"Rome"}'),
        call('r1', 2, 'slow', '{"city":"Oslo"}'),
        call('r1', 3, 'chatty', '{"city":"Lima"}'),
      );
      const speech: ServerEvent = {
        type: 'input_audio_buffer.speech_started',
        event_id: 's',
        audio_start_ms: 0,
        item_id: 'u1',
      };
      const source = hot(`-${group(events)} 79ms s`, { ...letters(events), s: speech });
      toolRuns(source, { tools }).subscribe((s) => seen.push(`${brief(s)}`));
      flush();
    });
    expect(seen).toEqual([
      'started:call_0:{"city":"Paris"}',
      'started:call_1:{"city":"Rome"}',
      'output:call_1:{"error":"broken failed: no network"}',
      'failed:call_1:threw:0',
      'started:call_2:{"city":"Oslo"}',
      'started:call_3:{"city":"Lima"}',
      'output:call_0:sunny in Paris',
      'completed:call_0:10',
      'output:call_2:{"error":"slow failed: it did not answer within 50 ms"}',
      'failed:call_2:timed_out:50',
      // the user speaks: the running call is cancelled and gets no output
      'failed:call_3:cancelled:95',
      'response.create',
    ]);
  });

  it('bad arguments and unknown tools are explained to the model and reported failed', () => {
    const seen: string[] = [];
    testScheduler().run(({ hot, flush }) => {
      const events = response(call('r1', 0, 'fast', '{"city":1}'), call('r1', 1, 'nope', '{}'));
      toolRuns(hot(`-${group(events)}`, letters(events)), {
        tools: [tool('fast', () => 'x')],
      }).subscribe((s) => seen.push(brief(s)));
      flush();
    });
    expect(seen).toEqual([
      'started:call_0:{"city":1}',
      'output:call_0:{"error":"Invalid arguments for fast: \\"city\\" should be string, got 1. Fix them and call again."}',
      'failed:call_0:bad_arguments:0',
      'started:call_1:{}',
      'output:call_1:{"error":"Unknown tool \\"nope\\"."}',
      'failed:call_1:unknown_tool:0',
      'response.create',
    ]);
  });

  it('a tool that allows it keeps running when the user speaks', () => {
    const seen: string[] = [];
    testScheduler().run(({ hot, cold, flush }) => {
      const events = response(call('r1', 0, 'steady', '{"city":"Paris"}'));
      const speech: ServerEvent = {
        type: 'input_audio_buffer.speech_started',
        event_id: 's',
        audio_start_ms: 0,
        item_id: 'u1',
      };
      const tools = [
        tool('steady', () => cold('-----x|', { x: 'done' }), { cancelWhenInterrupted: false }),
      ];
      toolRuns(hot(`-${group(events)}-s`, { ...letters(events), s: speech }), { tools }).subscribe(
        (s) => seen.push(brief(s)),
      );
      flush();
    });
    expect(seen).toEqual([
      'started:call_0:{"city":"Paris"}',
      'output:call_0:done',
      'completed:call_0:5',
      'response.create',
    ]);
  });

  it('whileWorking: an interim output and a response first, the result later with its own response', () => {
    const seen: string[] = [];
    testScheduler().run(({ hot, cold, flush }) => {
      const events = response(call('r1', 0, 'report', '{"city":"Paris"}'));
      const tools = [
        tool('report', () => cold('300ms x|', { x: 'a long report' }), {
          whileWorking: { afterMs: 100, message: 'Working on it.' },
        }),
      ];
      toolRuns(hot(`-${group(events)}`, letters(events)), { tools }).subscribe((s) =>
        seen.push(brief(s)),
      );
      flush();
    });
    expect(seen).toEqual([
      'started:call_0:{"city":"Paris"}',
      'output:call_0:{"status":"in_progress","message":"Working on it."}',
      'response.create',
      'message:system',
      'response.create',
      'completed:call_0:300',
    ]);
  });

  it('whileWorking: a handler that answers in time answers as usual', () => {
    const seen: string[] = [];
    testScheduler().run(({ hot, cold, flush }) => {
      const events = response(call('r1', 0, 'report', '{"city":"Paris"}'));
      const tools = [
        tool('report', () => cold('20ms x|', { x: 'quick' }), { whileWorking: { afterMs: 100 } }),
      ];
      toolRuns(hot(`-${group(events)}`, letters(events)), { tools }).subscribe((s) =>
        seen.push(brief(s)),
      );
      flush();
    });
    expect(seen).toEqual([
      'started:call_0:{"city":"Paris"}',
      'output:call_0:quick',
      'completed:call_0:20',
      'response.create',
    ]);
  });
});
