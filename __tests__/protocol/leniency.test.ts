import { join } from 'node:path';
import { either } from 'fp-ts';
import * as t from 'io-ts';
import {
  decodeServerEvent,
  decodeServerFrame,
  DecodeNotice,
  type ServerEvent,
} from '../../src/protocol/index.js';
import { gaServerEventCodecs } from '../../src/protocol/generated/events.js';
import { sdkEventSamples } from '../../scripts/sdk-samples.js';
import { openEnumPaths, openEnumsOf } from '../helpers/codec-examples.js';

const decodeNoticing = (json: unknown) => {
  const notices: DecodeNotice[] = [];
  const result = decodeServerEvent(json, { onNotice: (n) => notices.push(n) });
  return { result, notices };
};

/** Sets the value at a JSON path such as `.response.output[0].status` (on a copy). */
function withValueAt(value: unknown, path: string, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const steps = [...path.matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  let at: Record<string | number, unknown> = copy;
  steps.slice(0, -1).forEach((step) => (at = at[step] as Record<string | number, unknown>));
  at[steps[steps.length - 1]] = replacement;
  return copy;
}

const valueAt = (value: unknown, path: string): unknown =>
  [...path.matchAll(/\.([^.[]+)|\[(\d+)\]/g)]
    .map((m) => m[1] ?? Number(m[2]))
    .reduce<unknown>((at, step) => (at as Record<string | number, unknown>)[step], value);

describe('lenient decoding: enum values newer than the catalogue', () => {
  const samples = sdkEventSamples(join(__dirname, '..', '..', 'node_modules', 'openai'), [
    'RealtimeServerEvent',
  ]).RealtimeServerEvent.map((s) => {
    // The wire session carries id and object (see sdk-conformance.test.ts).
    if (s.type !== 'session.created' && s.type !== 'session.updated') return s.value;
    const session = s.value.session as { type: string };
    return { ...s.value, session: { id: 's', object: 'realtime.session', ...session } };
  });
  const cases = samples.flatMap((sample) => {
    const codec = gaServerEventCodecs[sample.type as string] as t.Mixed;
    return openEnumPaths(codec, sample).map(({ path, codec: enumCodec }) => ({
      type: sample.type as string,
      path,
      enumCodec,
      sample,
    }));
  });

  it('reaches every enum of the server catalogue', () => {
    const all = new Set(
      Object.values(gaServerEventCodecs).flatMap((c) => [...openEnumsOf(c as t.Mixed)]),
    );
    const reached = new Set(cases.map((c) => c.enumCodec));
    const missed = [...all].filter((c) => !reached.has(c)).map((c) => c.name);
    expect(missed).toEqual([]);
    expect(all.size).toBeGreaterThan(20);
  });

  it('decodes each unknown value, keeps it and reports exactly one notice naming its path', () => {
    for (const { type, path, sample } of cases) {
      const wire = withValueAt(sample, path, 'value_from_the_future');
      const { result, notices } = decodeNoticing(wire);
      expect([type, path, either.isRight(result)]).toEqual([type, path, true]);
      const decoded = (result as either.Right<ServerEvent>).right;
      expect([type, path, valueAt(decoded, path)]).toEqual([type, path, 'value_from_the_future']);
      expect(notices.map((n) => [n.eventType, n.path, n.kind, n.value])).toEqual([
        [type, path, 'unknown_value', 'value_from_the_future'],
      ]);
    }
  });

  it('says in the notice what it knows', () => {
    const { notices } = decodeNoticing({
      type: 'rate_limits.updated',
      event_id: 'e1',
      rate_limits: [{ name: 'audio_seconds', limit: 10, remaining: 9, reset_seconds: 1 }],
    });
    expect(notices[0]).toBeInstanceOf(DecodeNotice);
    expect(notices[0].message).toBe(
      'rate_limits.updated: at .rate_limits[0].name unknown value "audio_seconds" (known: "requests", "tokens"), kept as received',
    );
    expect(notices[0].known).toEqual(['requests', 'tokens']);
  });

  it('still refuses an enum field of the wrong JSON type, naming it', () => {
    const result = decodeServerEvent({
      type: 'rate_limits.updated',
      event_id: 'e1',
      rate_limits: [{ name: 7 }],
    });
    expect(either.isLeft(result) && result.left.message).toBe(
      'rate_limits.updated: at .rate_limits[0].name expected "requests" | "tokens", got 7',
    );
  });

  it('reports nothing for a stream it fully knows', () => {
    const { result, notices } = decodeNoticing({
      type: 'response.done',
      event_id: 'e1',
      response: { id: 'r1', status: 'completed', output: [] },
    });
    expect(either.isRight(result)).toBe(true);
    expect(notices).toEqual([]);
  });
});

describe('lenient decoding: members of an unknown type', () => {
  const message = {
    id: 'item_2',
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: 'Hello' }],
  };
  const hologram = { id: 'item_1', type: 'hologram', status: 'completed', beams: [1, 2] };

  it('decodes response.done with an unknown item: the item keeps its raw value, the rest is usable', () => {
    const { result, notices } = decodeNoticing({
      type: 'response.done',
      event_id: 'e1',
      response: { id: 'r1', status: 'completed', output: [hologram, message] },
    });
    expect(result).toEqual(
      either.right({
        type: 'response.done',
        event_id: 'e1',
        response: {
          id: 'r1',
          status: 'completed',
          output: [{ type: 'unknown', wireType: 'hologram', id: 'item_1', raw: hologram }, message],
        },
      }),
    );
    expect(notices.map((n) => n.message)).toEqual([
      'response.done: at .response.output[0] unknown member of type "hologram" (known: "message", "function_call", "function_call_output", "mcp_approval_response", "mcp_list_tools", "mcp_call", "mcp_approval_request"), kept as received',
    ]);
  });

  it('keeps a message of an unknown role and a tool of an unknown type', () => {
    const developer = { id: 'item_3', type: 'message', role: 'developer', content: [] };
    const item = decodeServerEvent({
      type: 'conversation.item.done',
      event_id: 'e',
      item: developer,
    });
    expect(item).toEqual(
      either.right({
        type: 'conversation.item.done',
        event_id: 'e',
        item: { type: 'unknown', wireType: 'message', id: 'item_3', raw: developer },
      }),
    );
    const tool = { type: 'web_search', max_results: 3 };
    const { result, notices } = decodeNoticing({
      type: 'session.updated',
      event_id: 'e',
      session: { id: 's', object: 'realtime.session', type: 'realtime', tools: [tool] },
    });
    expect(either.isRight(result) && result.right).toMatchObject({
      session: { tools: [{ type: 'unknown', wireType: 'web_search', raw: tool }] },
    });
    expect(notices.map((n) => [n.path, n.kind, n.value])).toEqual([
      ['.session.tools[0]', 'unknown_member', 'web_search'],
    ]);
  });

  it('names the member the sender meant when a known item has a field of the wrong type', () => {
    const result = decodeServerFrame(
      JSON.stringify({
        type: 'response.done',
        event_id: 'e1',
        response: {
          id: 'r1',
          output: [hologram, { ...message, content: [{ type: 'output_text', text: 1 }] }],
        },
      }),
    );
    expect(either.isLeft(result) && result.left.message).toBe(
      'response.done: at .response.output[1].content[0].text expected string, got 1',
    );
  });

  it('hands the notices of a frame to onNotice', () => {
    const notices: string[] = [];
    decodeServerFrame(
      JSON.stringify({ type: 'conversation.item.done', event_id: 'e', item: hologram }),
      { dialect: 'ga', onNotice: (n) => notices.push(n.path) },
    );
    expect(notices).toEqual(['.item']);
  });
});
