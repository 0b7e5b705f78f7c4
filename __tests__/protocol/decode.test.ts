import fc from 'fast-check';
import { either } from 'fp-ts';
import * as t from 'io-ts';
import {
  decodeServerEvent,
  decodeServerFrame,
  DecodeError,
  isEvent,
  type ServerEvent,
} from '../../src/protocol/index.js';
import { betaServerEventCodecs, gaServerEventCodecs } from '../../src/protocol/generated/events.js';
import { minimalValue, requiredFields } from '../helpers/codec-examples.js';

const betaItem = { type: 'message', role: 'user', content: [] };
const tables = { ga: gaServerEventCodecs, beta: betaServerEventCodecs } as const;
const cases = (Object.keys(tables) as ('ga' | 'beta')[]).flatMap((dialect) =>
  Object.entries(tables[dialect]).map(
    ([type, codec]) => [dialect, type, codec as t.Mixed] as const,
  ),
);

describe('decodeServerEvent, for every event type of both dialects', () => {
  it.each(cases)('%s %s: a minimal valid event decodes', (dialect, type, codec) => {
    const event = minimalValue(codec) as Record<string, unknown>;
    // The beta SDK types items as one flat all-optional object; a real item has a type.
    const real = 'item' in event && dialect === 'beta' ? { ...event, item: betaItem } : event;
    const result = decodeServerEvent(real, dialect);
    expect(result._tag).toBe('Right');
  });

  it('refuses a beta item that cannot become a GA item, naming the GA path', () => {
    const result = decodeServerEvent(
      { type: 'conversation.item.created', event_id: 'e', item: {} },
      'beta',
    );
    expect(either.isLeft(result) && result.left.message).toMatch(
      /^conversation\.item\.created: at \.item\.\w+ expected .* \(after translating beta to GA\)$/,
    );
  });

  it.each(cases)('%s %s: dropping any required field names that field', (dialect, type, codec) => {
    const valid = minimalValue(codec) as Record<string, unknown>;
    for (const field of requiredFields(codec).filter((f) => f !== 'type')) {
      const { [field]: _dropped, ...rest } = valid;
      const result = decodeServerEvent(rest, dialect);
      expect(result._tag).toBe('Left');
      if (either.isLeft(result)) {
        expect(result.left).toBeInstanceOf(DecodeError);
        expect(result.left.message).toContain(`${type}: at .${field} expected`);
        expect(result.left.message).toContain('got undefined');
        expect(result.left.raw).toBe(rest);
      }
    }
  });

  it.each(cases)(
    '%s %s: a wrong type literal is refused by its codec',
    (_dialect, _type, codec) => {
      const result = codec.decode({ ...(minimalValue(codec) as object), type: 'not.this.one' });
      expect(result._tag).toBe('Left');
    },
  );
});

describe('decodeServerEvent', () => {
  it('names the type, the path and the expectation in one line', () => {
    const result = decodeServerEvent({
      type: 'response.output_audio.delta',
      event_id: 'event_1',
      response_id: 'resp_1',
      output_index: 0,
      content_index: 0,
      delta: 'AAAA',
    });
    expect(result).toEqual(either.left(expect.any(DecodeError)));
    expect(either.isLeft(result) && result.left.message).toBe(
      'response.output_audio.delta: at .item_id expected string, got undefined',
    );
  });

  it('reports the union member the sender meant (an assistant item with a bad part)', () => {
    const result = decodeServerEvent({
      type: 'conversation.item.added',
      event_id: 'e',
      item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 5 }] },
    });
    expect(either.isLeft(result) && result.left.path).toBe('.item.content[0].text');
    expect(either.isLeft(result) && result.left.expected).toBe('string');
  });

  it('passes an unknown type through as a value, keeping the whole event', () => {
    const raw = { type: 'response.brand_new', event_id: 'e', extra: [1, 2] };
    expect(decodeServerEvent(raw)).toEqual(
      either.right({ type: 'unknown', wireType: 'response.brand_new', raw }),
    );
  });

  it('keeps unknown fields of known events', () => {
    const event = { type: 'input_audio_buffer.cleared', event_id: 'e', added_later: { a: 1 } };
    expect(decodeServerEvent(event)).toEqual(either.right(event));
  });

  it('reads null in an optional field as absent and keeps declared nullables', () => {
    const result = decodeServerEvent({
      type: 'response.created',
      event_id: 'e',
      response: {
        id: 'r',
        status: 'in_progress',
        output: [],
        usage: null,
        status_details: null,
        conversation_id: null,
      },
    });
    expect(result._tag).toBe('Right');
    if (either.isRight(result) && result.right.type === 'response.created') {
      expect(result.right.response.usage).toBeNull();
      expect(result.right.response.conversation_id).toBeUndefined();
    }
  });

  it('canonicalises GA content spelt the other way (reference §11)', () => {
    const result = decodeServerEvent({
      type: 'conversation.item.retrieved',
      event_id: 'e',
      item: {
        id: 'i',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'audio', transcript: 'hi' }],
      },
    });
    expect(either.isRight(result) && result.right).toMatchObject({
      item: { content: [{ type: 'output_audio', transcript: 'hi' }] },
    });
    const part = decodeServerEvent({
      type: 'response.content_part.added',
      event_id: 'e',
      response_id: 'r',
      item_id: 'i',
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '' },
    });
    expect(either.isRight(part) && part.right).toMatchObject({ part: { type: 'text' } });
  });

  it('reads the legacy GA conversation.item.created as conversation.item.added', () => {
    const result = decodeServerEvent({
      type: 'conversation.item.created',
      event_id: 'e',
      item: {
        id: 'i',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'hi' }],
      },
    });
    expect(either.isRight(result) && result.right.type).toBe('conversation.item.added');
  });

  it('translates beta names and shapes to GA', () => {
    const result = decodeServerEvent(
      {
        type: 'session.updated',
        event_id: 'e',
        session: {
          id: 's',
          object: 'realtime.session',
          modalities: ['text', 'audio'],
          voice: 'alloy',
          input_audio_format: 'pcm16',
          output_audio_format: 'g711_ulaw',
          max_response_output_tokens: 'inf',
          temperature: 0.8,
          turn_detection: null,
          tool_choice: 'get_weather',
        },
      },
      'beta',
    );
    expect(either.isRight(result) && result.right).toEqual({
      type: 'session.updated',
      event_id: 'e',
      session: {
        id: 's',
        object: 'realtime.session',
        type: 'realtime',
        output_modalities: ['audio'],
        max_output_tokens: 'inf',
        tool_choice: { type: 'function', name: 'get_weather' },
        audio: {
          input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: null },
          output: { format: { type: 'audio/pcmu' }, voice: 'alloy' },
        },
      },
    });
  });
});

describe('decodeServerFrame', () => {
  it('says when a frame is not JSON and keeps the text', () => {
    const result = decodeServerFrame('{"type": "response.done",');
    expect(either.isLeft(result) && result.left.message).toMatch(/^server frame is not JSON: /);
    expect(either.isLeft(result) && result.left.raw).toBe('{"type": "response.done",');
  });

  it('keeps the frame text as the raw input of shape errors', () => {
    const text = '{"type":"response.output_text.delta","event_id":"e"}';
    const result = decodeServerFrame(text);
    expect(either.isLeft(result) && result.left.raw).toBe(text);
  });

  it('never throws, for any JSON text or any value', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('ga' as const, 'beta' as const),
        (value, dialect) => {
          const fromValue = decodeServerEvent(value, dialect);
          const fromText = decodeServerFrame(JSON.stringify(value), dialect);
          expect(['Left', 'Right']).toContain(fromValue._tag);
          expect(fromText._tag).toBe(fromValue._tag);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => ['Left', 'Right'].includes(decodeServerFrame(text)._tag)),
    );
    fc.assert(
      fc.property(fc.anything(), (value) =>
        ['Left', 'Right'].includes(decodeServerEvent(value)._tag),
      ),
    );
  });

  it('never throws on events of known types with arbitrary payloads', () => {
    const types = Object.keys(gaServerEventCodecs);
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (type, body) => {
          const result = decodeServerEvent({ ...body, type }, 'ga');
          return result._tag === 'Left' || result._tag === 'Right';
        },
      ),
    );
  });

  it('does not let a throwing getter escape', () => {
    const hostile = {
      type: 'input_audio_buffer.cleared',
      get event_id(): string {
        throw new Error('boom');
      },
    };
    expect(decodeServerEvent(hostile)._tag).toBe('Left');
  });
});

describe('isEvent', () => {
  const delta: ServerEvent = {
    type: 'response.output_text.delta',
    event_id: 'e1',
    response_id: 'r',
    item_id: 'i',
    output_index: 0,
    content_index: 0,
    delta: 'Hi',
  };
  const cancelled: ServerEvent = {
    type: 'response.done',
    event_id: 'e2',
    response: { id: 'r', status: 'cancelled' },
  };

  it('keeps the events of one type, and those meeting the condition when there is one', () => {
    expect([delta, cancelled].filter(isEvent('response.output_text.delta'))).toEqual([delta]);
    expect([delta, cancelled].filter(isEvent('response.done'))).toEqual([cancelled]);
    const completed = isEvent('response.done', (e) => e.response.status === 'completed');
    expect([delta, cancelled].filter(completed)).toEqual([]);
  });
});
