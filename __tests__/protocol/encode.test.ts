import fc from 'fast-check';
import { either } from 'fp-ts';
import * as t from 'io-ts';
import { encodeClientEvent, EncodeError, type ClientEvent } from '../../src/protocol/index.js';
import { betaClientEventCodecs, gaClientEventCodecs } from '../../src/protocol/generated/events.js';
import { arbitraryOf } from '../helpers/codec-examples.js';

const leftMessage = (event: unknown, dialect: 'ga' | 'beta' = 'ga') => {
  const result = encodeClientEvent(event as ClientEvent, dialect);
  return either.isLeft(result) ? result.left.message : undefined;
};

describe('encodeClientEvent, strict', () => {
  it('refuses a misspelt field instead of sending it', () => {
    expect(
      leftMessage({
        type: 'conversation.item.truncate',
        item_id: 'i',
        content_index: 0,
        audio_end_ms: 10,
        audio_ms: 3,
      }),
    ).toBe(
      'conversation.item.truncate: at .audio_ms is not a field of this event (the catalogue may be older than the service: to send it anyway, set the socket option allowUnknownFields)',
    );
  });

  it('refuses null in an optional field that is not nullable', () => {
    expect(leftMessage({ type: 'response.cancel', response_id: null })).toBe(
      'response.cancel: at .response_id must be left out rather than null',
    );
  });

  it('accepts null where the protocol gives it a meaning (turn_detection: null disables VAD)', () => {
    const event = {
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: null } } },
    };
    expect(encodeClientEvent(event as ClientEvent)).toEqual(either.right(event));
  });

  it('names the path of a wrong value', () => {
    expect(
      leftMessage({
        type: 'conversation.item.truncate',
        item_id: 'i',
        content_index: 0,
        audio_end_ms: '10',
      }),
    ).toBe('conversation.item.truncate: at .audio_end_ms expected number');
  });

  it('refuses an unknown client type and a non-object, returning errors as values', () => {
    expect(leftMessage({ type: 'response.explode' })).toBe(
      'response.explode: at .type is not a client event',
    );
    const result = encodeClientEvent(42 as unknown as ClientEvent);
    expect(either.isLeft(result) && result.left).toBeInstanceOf(EncodeError);
  });
});

describe('encodeClientEvent, audio appends', () => {
  const codecs = { ga: gaClientEventCodecs, beta: betaClientEventCodecs } as const;
  it.each(['ga', 'beta'] as const)(
    'gives what the codec gives for appends of any shape (%s)',
    (dialect) => {
      const shapes: unknown[] = [
        { type: 'input_audio_buffer.append', audio: 'AAAA' },
        { type: 'input_audio_buffer.append', audio: 'AAAA', event_id: 'e1' },
        { type: 'input_audio_buffer.append', audio: '' },
        { type: 'input_audio_buffer.append', audio: 7 },
        { type: 'input_audio_buffer.append', audio: 'AAAA', event_id: 3 },
        { type: 'input_audio_buffer.append', audio: 'AAAA', extra: true },
        { type: 'input_audio_buffer.append' },
      ];
      for (const shape of shapes) {
        const encoded = encodeClientEvent(shape as ClientEvent, dialect);
        const codec = codecs[dialect]['input_audio_buffer.append'] as t.Mixed;
        expect([shape, encoded._tag]).toEqual([
          shape,
          codec.is(shape) && !('extra' in (shape as object)) ? 'Right' : 'Left',
        ]);
        if (encoded._tag === 'Right') expect(encoded.right).toEqual(shape);
      }
    },
  );

  it('names the field of an append that is refused', () => {
    const refused = encodeClientEvent({
      type: 'input_audio_buffer.append',
      audio: 'AAAA',
      extra: 1,
    } as unknown as ClientEvent);
    expect(refused).toEqual(either.left(expect.any(EncodeError)));
    expect(either.isLeft(refused) && refused.left.message).toMatch(/extra/);
  });
});

describe('encodeClientEvent, beta', () => {
  it('flattens the session config', () => {
    const result = encodeClientEvent(
      {
        type: 'session.update',
        event_id: 'c1',
        session: {
          type: 'realtime',
          instructions: 'Be brief.',
          output_modalities: ['audio'],
          max_output_tokens: 200,
          audio: {
            input: {
              format: { type: 'audio/pcmu' },
              transcription: { model: 'whisper-1' },
              turn_detection: { type: 'server_vad', silence_duration_ms: 500 },
            },
            output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy' },
          },
        },
      },
      'beta',
    );
    expect(result).toEqual(
      either.right({
        type: 'session.update',
        event_id: 'c1',
        session: {
          instructions: 'Be brief.',
          modalities: ['text', 'audio'],
          max_response_output_tokens: 200,
          input_audio_format: 'g711_ulaw',
          output_audio_format: 'pcm16',
          input_audio_transcription: { model: 'whisper-1' },
          turn_detection: { type: 'server_vad', silence_duration_ms: 500 },
          voice: 'alloy',
        },
      }),
    );
  });

  it('turns a transcription session into transcription_session.update', () => {
    const result = encodeClientEvent(
      {
        type: 'session.update',
        session: {
          type: 'transcription',
          audio: { input: { format: { type: 'audio/pcm', rate: 24000 } } },
        },
      },
      'beta',
    );
    expect(result).toEqual(
      either.right({
        type: 'transcription_session.update',
        session: { input_audio_format: 'pcm16' },
      }),
    );
  });

  it('renames assistant content and response overrides', () => {
    expect(
      encodeClientEvent(
        {
          type: 'conversation.item.create',
          item: {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Hi.' }],
          },
        },
        'beta',
      ),
    ).toEqual(
      either.right({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Hi.' }] },
      }),
    );
    expect(
      encodeClientEvent(
        {
          type: 'response.create',
          response: { output_modalities: ['text'], conversation: 'none', metadata: { k: 'v' } },
        },
        'beta',
      ),
    ).toEqual(
      either.right({
        type: 'response.create',
        response: { modalities: ['text'], conversation: 'none', metadata: { k: 'v' } },
      }),
    );
  });

  it('refuses GA-only settings with their path instead of sending them', () => {
    expect(
      leftMessage(
        { type: 'session.update', session: { type: 'realtime', truncation: 'auto' } },
        'beta',
      ),
    ).toBe('session.update: at .session.truncation has no counterpart in the beta dialect');
    expect(
      leftMessage(
        {
          type: 'session.update',
          session: {
            type: 'realtime',
            audio: { input: { transcription: { model: 'whisper-1', delay: 'low' } } },
          },
        },
        'beta',
      ),
    ).toBe(
      'session.update: at .session.input_audio_transcription.delay has no counterpart in the beta dialect',
    );
    expect(
      leftMessage(
        {
          type: 'conversation.item.create',
          item: {
            type: 'message',
            role: 'user',
            content: [{ type: 'input_image', image_url: 'data:' }],
          },
        },
        'beta',
      ),
    ).toMatch(
      /^conversation\.item\.create: at \.item\.content\[0\]\.type expected .* in the beta dialect$/,
    );
  });
});

describe('encodeClientEvent, properties', () => {
  const eventArbitrary = fc.oneof(
    ...Object.values(gaClientEventCodecs).map((codec) => arbitraryOf(codec as t.Mixed)),
  );

  it.each([
    ['an empty part', {}],
    ['a part with text only', { text: 'hi' }],
  ])('refuses user content with %s: a content part names its type', (_, part) => {
    const events: ClientEvent[] = [
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [part] },
      },
      {
        type: 'response.create',
        response: {
          input: [
            { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'a' }, part] },
          ],
        },
      },
    ];
    const paths = ['.item.content[0].type', '.response.input[0].content[1].type'];
    events.forEach((event, i) => {
      for (const dialect of ['ga', 'beta'] as const) {
        const encoded = encodeClientEvent(event, dialect);
        expect(either.isLeft(encoded) && encoded.left.path).toBe(paths[i]);
        expect(either.isLeft(encoded) && encoded.left.reason).toBe('is required');
      }
    });
  });

  it('every valid GA event encodes to itself and survives the wire as the server decodes it', () => {
    fc.assert(
      fc.property(eventArbitrary, (generated) => {
        const event = JSON.parse(JSON.stringify(generated)) as ClientEvent;
        const encoded = encodeClientEvent(event, 'ga');
        expect(encoded).toEqual(either.right(event));
        const onWire = JSON.parse(JSON.stringify(either.isRight(encoded) && encoded.right));
        expect(gaClientEventCodecs[onWire.type]!.decode(onWire)).toEqual(either.right(event));
      }),
      { numRuns: 300 },
    );
  });

  it('in beta, every event either becomes valid beta wire or is refused with a path; never throws', () => {
    fc.assert(
      fc.property(eventArbitrary, (generated) => {
        const event = JSON.parse(JSON.stringify(generated)) as ClientEvent;
        const encoded = encodeClientEvent(event, 'beta');
        if (either.isRight(encoded)) {
          const onWire = JSON.parse(JSON.stringify(encoded.right));
          expect(betaClientEventCodecs[onWire.type]!.decode(onWire)._tag).toBe('Right');
        } else {
          expect(encoded.left.message).toMatch(/: at \S* /);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeClientEvent, what the service accepts today', () => {
  it.each([
    [
      'transcription languages and keywords, noise reduction strength',
      {
        type: 'session.update',
        session: {
          type: 'transcription',
          audio: {
            input: {
              transcription: {
                model: 'gpt-live-transcribe',
                languages: ['en', 'de'],
                keywords: ['Rx'],
              },
              noise_reduction: { type: 'near_field', strength: 0.5 },
            },
          },
        },
      },
    ],
    [
      'noise_reduction: null to turn it off in a transcription session',
      {
        type: 'session.update',
        session: { type: 'transcription', audio: { input: { noise_reduction: null } } },
      },
    ],
    ['session.close', { type: 'session.close', event_id: 'evt_9' }],
  ])('accepts %s', (_, event) => {
    expect(encodeClientEvent(event as ClientEvent)).toEqual(either.right(event));
  });
});

describe('encodeClientEvent, allowUnknownFields', () => {
  const withTool = {
    type: 'session.update',
    session: { type: 'realtime', tools: [{ type: 'function', name: 'f', defer_loading: true }] },
  } as unknown as ClientEvent;

  it('refuses an unknown field by default, naming the option', () => {
    const result = encodeClientEvent(withTool);
    expect(either.isLeft(result) && result.left.message).toBe(
      'session.update: at .session.tools[0].defer_loading is not a field of this event (the catalogue may be older than the service: to send it anyway, set the socket option allowUnknownFields)',
    );
  });

  it.each([true, ['.session.tools[].defer_loading'], ['session.tools[0]'], ['.session']])(
    'with %j sends the event exactly as given',
    (allowUnknownFields) => {
      const result = encodeClientEvent(withTool, { allowUnknownFields });
      expect(result).toEqual(either.right(withTool));
      expect(either.isRight(result) && result.right).toBe(withTool);
    },
  );

  it('does not let a listed path excuse a field elsewhere', () => {
    const result = encodeClientEvent(withTool, { allowUnknownFields: ['.session.audio'] });
    expect(either.isLeft(result) && result.left.path).toBe('.session.tools[0].defer_loading');
  });

  it('refuses an enum value the catalogue does not know unless its path is listed', () => {
    const event = {
      type: 'session.update',
      session: { type: 'realtime', reasoning: { effort: 'maximal' } },
    } as unknown as ClientEvent;
    const refused = encodeClientEvent(event, { allowUnknownFields: true });
    expect(either.isLeft(refused) && refused.left.message).toBe(
      `session.update: at .session.reasoning.effort expected "minimal" | "low" | "medium" | "high" | "xhigh" (a newer value can be sent with allowUnknownFields: ['.session.reasoning.effort'])`,
    );
    const sent = encodeClientEvent(event, { allowUnknownFields: ['.session.reasoning.effort'] });
    expect(sent).toEqual(either.right(event));
  });

  it('refuses an item of an unknown type unless its path is listed', () => {
    const event = {
      type: 'conversation.item.create',
      item: { type: 'hologram', beams: 2 },
    } as unknown as ClientEvent;
    const refused = encodeClientEvent(event);
    expect(either.isLeft(refused) && refused.left.path).toBe('.item.type');
    expect(encodeClientEvent(event, { allowUnknownFields: ['.item'] })).toEqual(
      either.right(event),
    );
  });

  it('keeps known fields strict and GA-only settings refused for beta', () => {
    const badValue = {
      type: 'session.update',
      session: { type: 'realtime', instructions: 42 },
    } as unknown as ClientEvent;
    const result = encodeClientEvent(badValue, { allowUnknownFields: ['.session'] });
    expect(either.isLeft(result) && result.left.message).toBe(
      'session.update: at .session.instructions expected string',
    );
    const gaOnly = encodeClientEvent(withTool, { dialect: 'beta', allowUnknownFields: true });
    expect(either.isLeft(gaOnly) && gaOnly.left.reason).toBe(
      'has no counterpart in the beta dialect',
    );
  });
});

describe('encodeClientEvent, beta nulls', () => {
  it('sends turn_detection: null and noise_reduction: null to beta (they turn the setting off)', () => {
    const event = {
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: null, noise_reduction: null } },
      },
    } as ClientEvent;
    expect(encodeClientEvent(event, 'beta')).toEqual(
      either.right({
        type: 'session.update',
        session: { turn_detection: null, input_audio_noise_reduction: null },
      }),
    );
  });
});
