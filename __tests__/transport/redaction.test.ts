import fc from 'fast-check';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { recordWire } from '../../src/testing/index.js';
import { mockWebSocket, type MockWebSockets } from '../../src/testing/mock-websocket.js';
import {
  REDACTED,
  realtimeSocket,
  redactSecrets,
  ServerError,
  TransportError,
  type RealtimeSocketError,
  type SocketState,
  type WireFrame,
} from '../../src/transport/index.js';
import { jsonPaths, updateAt } from '../helpers/json-paths.js';
import { sampleLines } from '../helpers/samples.js';

let mock: MockWebSockets = mockWebSocket();

const KEY = 'sk-proj-Secret0123456789abcdefXYZ';

/** Every string reachable from a value: own fields of any object (hidden ones too) and their names. */
function stringsIn(value: unknown, seen = new Set<object>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  return Reflect.ownKeys(value).flatMap((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    const name = typeof key === 'string' ? [key] : [];
    return descriptor && 'value' in descriptor
      ? [...name, ...stringsIn(descriptor.value, seen)]
      : name;
  });
}

const leaks = (value: unknown): string[] => stringsIn(value).filter((s) => s.includes(KEY));

describe('redactSecrets', () => {
  it('redacts every string inside a value and keeps what holds none', () => {
    const clean = { a: [1, 'x'], b: { c: null } };
    expect(redactSecrets(clean, [KEY])).toBe(clean);
    const nested = Object.freeze({ list: [`a ${KEY} b`], [KEY]: { deep: KEY } });
    const out = redactSecrets(nested, [KEY]);
    expect(leaks(out)).toEqual([]);
    expect(out.list).toEqual([`a ${REDACTED} b`]);
    expect(Object.isFrozen(out)).toBe(true);
    expect(leaks(nested)).not.toEqual([]); // the input is never mutated
  });

  it('keeps the class of an error and redacts its message, stack, cause and fields', () => {
    const cause = new Error(`provider said ${KEY}`);
    const error = new TransportError('auth_unavailable', `failed with ${KEY}`, true, 1006);
    Object.defineProperty(error, 'cause', { value: cause });
    const out = redactSecrets(error, [KEY]);
    expect(out).toBeInstanceOf(TransportError);
    expect(out.reason).toBe('auth_unavailable');
    expect(out.message).toBe(`failed with ${REDACTED}`);
    expect(out.stack).toContain(REDACTED);
    expect(leaks(out)).toEqual([]);
  });

  it('follows cycles', () => {
    const a: { self?: unknown; text: string } = { text: KEY };
    a.self = a;
    const out = redactSecrets(a, [KEY]);
    expect(out.text).toBe(REDACTED);
    expect(leaks(out)).toEqual([]);
  });
});

// Every server frame of the samples, both dialects, as parsed JSON.
const FRAMES = ['ga', 'beta'].flatMap((dialect) =>
  ['text-only', 'audio-response', 'function-call', 'interruption'].flatMap((s) =>
    sampleLines(`${dialect}-${s}.server.jsonl`).map((text) => ({
      dialect: dialect as 'ga' | 'beta',
      json: JSON.parse(text) as unknown,
    })),
  ),
);

type Plant = 'replace' | 'insert' | 'field' | 'field name' | 'type' | 'escaped' | 'not json';

/** The frame text with the key planted at path `at` in the way `how` says. */
function planted(json: unknown, at: number, offset: number, how: Plant): string {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  if (how === 'type') return JSON.stringify({ ...copy, type: KEY });
  if (how === 'not json') return `${JSON.stringify(copy).slice(0, offset)} ${KEY}`;
  const all = jsonPaths(copy);
  const put = (value: unknown): unknown => {
    if (how === 'field' && typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ...value, note: `see ${KEY}` };
    if (how === 'field name' && typeof value === 'object' && value !== null)
      return { ...value, [KEY]: 1 };
    if (how === 'insert' && typeof value === 'string') {
      const i = offset % (value.length + 1);
      return value.slice(0, i) + KEY + value.slice(i);
    }
    return KEY;
  };
  const text = JSON.stringify(updateAt(copy, all[at % all.length], put));
  // Spell the key with \u escapes: the parsed frame holds it, the text does not.
  return how === 'escaped'
    ? text
        .split(KEY)
        .join([...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''))
    : text;
}

const plant = fc.record({
  frame: fc.nat({ max: FRAMES.length - 1 }),
  at: fc.nat(),
  offset: fc.nat(),
  how: fc.constantFrom<Plant>(
    'replace',
    'insert',
    'field',
    'field name',
    'type',
    'escaped',
    'not json',
  ),
});

beforeEach(() => {
  mock = mockWebSocket();
});

describe('secrets never reach what the app observes', () => {
  it('finds a key planted anywhere in server frames, close reasons and client events nowhere', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'ga' | 'beta'>('ga', 'beta'),
        fc.array(plant, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (dialect, plants, closeWithKey) => {
          mock = mockWebSocket();
          const socket = realtimeSocket({
            url: 'wss://example.test/v1/realtime',
            WebSocketCtor: mock.WebSocketCtor,
            apiKey: KEY,
            dialect,
            idGenerator: () => 'evt_1',
          });
          const seen: {
            events: ServerEvent[];
            errors: RealtimeSocketError[];
            states: SocketState[];
            wire: WireFrame[];
            lines: string[];
            streamError: unknown[];
          } = { events: [], errors: [], states: [], wire: [], lines: [], streamError: [] };
          socket.errors$.subscribe((e) => seen.errors.push(e));
          socket.state$.subscribe((s) => seen.states.push(s));
          socket.wire$.subscribe((f) => seen.wire.push(f));
          recordWire(socket.wire$).subscribe((l) => seen.lines.push(l));
          socket.subscribe({
            next: (e) => seen.events.push(e),
            error: (e: unknown) => seen.streamError.push(e),
          });
          mock.last().open();
          // The app's own event mentions the key; the server then refers to it.
          const mine: ClientEvent = {
            type: 'conversation.item.create',
            item: {
              type: 'message',
              role: 'user',
              content: [{ type: 'input_text', text: `my key is ${KEY}` }],
            },
          };
          socket.next(mine);
          mock.last().triggerMessage({
            type: 'error',
            event_id: 'event_9',
            error: {
              type: 'invalid_request_error',
              code: KEY,
              message: `bad ${KEY}`,
              param: KEY,
              event_id: 'evt_1',
            },
          });
          for (const p of plants) {
            const frame = FRAMES[p.frame];
            mock.last().triggerMessage(planted(frame.json, p.at, p.offset, p.how));
          }
          mock
            .last()
            .triggerClose(closeWithKey ? 4001 : 1011, closeWithKey ? `key ${KEY}` : 'x', false);
          expect(seen.errors.some((e) => e instanceof ServerError)).toBe(true);
          expect(leaks(seen)).toEqual([]);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });
});
