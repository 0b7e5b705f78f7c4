import { lastValueFrom, from, toArray } from 'rxjs';
import { assembleResponses } from '../../src/operators/index.js';
import {
  decodeServerFrame,
  encodeClientEvent,
  type ServerEvent,
} from '../../src/protocol/index.js';

/** Every object inside a value has a standard prototype (Object.prototype or Array.prototype). */
function prototypesOf(value: unknown, out: unknown[] = []): unknown[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(Object.getPrototypeOf(value));
  for (const v of Object.values(value)) prototypesOf(v, out);
  return out;
}
const standard = (value: unknown): boolean =>
  prototypesOf(value).every((p) => p === Object.prototype || p === Array.prototype);

// JSON.parse keeps `"__proto__"` as an ordinary own field; the library must not turn it into a prototype.
const withProto = (frame: object, at: (json: string) => string): string =>
  at(JSON.stringify(frame));

const betaDone = {
  type: 'response.done',
  event_id: 'event_1',
  response: {
    object: 'realtime.response',
    id: 'resp_1',
    status_details: null,
    output: [],
    modalities: ['text'],
    usage: null,
    PROTO: { status: 'failed' },
  },
};
const gaDone = {
  type: 'response.done',
  event_id: 'event_1',
  response: {
    object: 'realtime.response',
    id: 'resp_1',
    status: 'completed',
    conversation_id: null, // a null to normalise: the decoder copies the object
    output: [],
    usage: null,
    PROTO: { status: 'failed' },
  },
};
const protoKey = (json: string): string => json.replace('"PROTO"', '"__proto__"');

describe('decoding never lets data choose a prototype', () => {
  it.each([
    ['beta', betaDone],
    ['ga', gaDone],
  ] as const)('a %s response.done with "__proto__" decodes to plain objects', (dialect, frame) => {
    const text = withProto(frame, protoKey);
    const decoded = decodeServerFrame(text, dialect);
    if (decoded._tag === 'Left') throw decoded.left;
    expect(standard(decoded.right)).toBe(true);
    const event = decoded.right as Extract<ServerEvent, { type: 'response.done' }>;
    expect(event.response.status).not.toBe('failed');
  });

  it('a "__proto__" field does not make an assembled response fail', async () => {
    const decoded = decodeServerFrame(withProto(betaDone, protoKey), 'beta');
    if (decoded._tag === 'Left') throw decoded.left;
    const created: ServerEvent = {
      type: 'response.created',
      event_id: 'event_0',
      response: { id: 'resp_1', object: 'realtime.response', status: 'in_progress', output: [] },
    };
    const snapshots = await lastValueFrom(
      from([created, decoded.right]).pipe(assembleResponses(), toArray()),
    );
    expect(snapshots.at(-1)?.status).toBe('completed');
  });

  it('keeps "constructor" and "prototype" fields as data', () => {
    const text = JSON.stringify({
      type: 'conversation.item.done',
      event_id: 'e',
      item: { id: 'i', type: 'message', role: 'user', status: 'completed', content: [] },
      constructor: 'c',
      prototype: null,
    });
    const decoded = decodeServerFrame(text);
    if (decoded._tag === 'Left') throw decoded.left;
    expect(Object.getOwnPropertyDescriptor(decoded.right, 'constructor')?.value).toBe('c');
    expect(standard(decoded.right)).toBe(true);
  });

  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
    'an unknown type named %s is an UnknownServerEvent in both dialects',
    (type) => {
      for (const dialect of ['ga', 'beta'] as const) {
        const decoded = decodeServerFrame(JSON.stringify({ type, event_id: 'e' }), dialect);
        expect(decoded).toEqual({
          _tag: 'Right',
          right: { type: 'unknown', wireType: type, raw: { type, event_id: 'e' } },
        });
      }
    },
  );

  it.each(['toString', 'constructor', '__proto__'])(
    'a client event of type %s is refused as not a client event',
    (type) => {
      for (const dialect of ['ga', 'beta'] as const) {
        const encoded = encodeClientEvent({ type } as never, dialect);
        expect(encoded._tag).toBe('Left');
        if (encoded._tag === 'Left') expect(encoded.left.message).toMatch(/is not a client event/);
      }
    },
  );

  it('refuses a client field named like an Object.prototype member', () => {
    const event = JSON.parse(
      '{"type":"response.cancel","constructor":"x","__proto__":{"response_id":"r"}}',
    ) as never;
    for (const dialect of ['ga', 'beta'] as const) {
      const encoded = encodeClientEvent(event, dialect);
      expect(encoded._tag).toBe('Left');
    }
  });

  it('keeps a "__proto__" field of a beta session config as data, so it is refused', () => {
    const session = JSON.parse('{"type":"realtime","__proto__":{"voice":"alloy"}}') as never;
    const encoded = encodeClientEvent({ type: 'session.update', session }, 'beta');
    expect(encoded._tag).toBe('Left');
    if (encoded._tag === 'Left') expect(encoded.left.path).toBe('.session.__proto__');
  });

  it('translates a beta format or content type named like an Object.prototype member as it is', () => {
    const text = JSON.stringify({
      type: 'session.created',
      event_id: 'e',
      session: { id: 's', object: 'realtime.session', input_audio_format: 'toString' },
    });
    const decoded = decodeServerFrame(text, 'beta');
    if (decoded._tag === 'Right') expect(standard(decoded.right)).toBe(true);
    expect(JSON.stringify(decoded)).not.toContain('function');
  });
});
