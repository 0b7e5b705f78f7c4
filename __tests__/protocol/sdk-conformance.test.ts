/**
 * Runtime conformance with the official `openai` SDK (devDependency): every event the SDK's
 * types can describe, with every optional field set and every union member tried, is accepted
 * by the encoder (client events) or decoded (server events). The samples are built from the
 * SDK's declarations at test time (scripts/sdk-samples.ts), so a field a new SDK adds fails here.
 */
import { join } from 'node:path';
import { either } from 'fp-ts';
import {
  decodeServerEvent,
  encodeClientEvent,
  type ClientEvent,
} from '../../src/protocol/index.js';
import { sdkEventSamples, type SdkSample } from '../../scripts/sdk-samples.js';

const samples = sdkEventSamples(join(__dirname, '..', '..', 'node_modules', 'openai'), [
  'RealtimeClientEvent',
  'RealtimeServerEvent',
  'RealtimeTranslationClientEvent',
  'RealtimeTranslationServerEvent',
]);

/**
 * The SDK types the session in session.created / session.updated as the request config; the
 * wire object also carries `id` and `object` (catalogue notes.wire_overrides), which the
 * decoded session requires.
 */
function asOnTheWire(sample: SdkSample): SdkSample['value'] {
  const event = sample.value;
  if (sample.type !== 'session.created' && sample.type !== 'session.updated') return event;
  const session = event.session as { readonly type: string };
  const object =
    session.type === 'transcription' ? 'realtime.transcription_session' : 'realtime.session';
  return { ...event, session: { id: 'sess_1', object, ...session } };
}

const byType = (list: readonly SdkSample[]) =>
  [...new Set(list.map((s) => s.type))].map((type) => ({
    type,
    values: list.filter((s) => s.type === type),
  }));

describe('SDK conformance, client events', () => {
  it('covers every client event type of the SDK', () => {
    expect(byType(samples.RealtimeClientEvent).map((g) => g.type)).toHaveLength(11);
  });

  it.each(byType(samples.RealtimeClientEvent))(
    '$type: every SDK-shaped sample is sent exactly as given',
    ({ values }) => {
      for (const sample of values) {
        expect(encodeClientEvent(sample.value as ClientEvent)).toEqual(either.right(sample.value));
      }
    },
  );
});

describe('SDK conformance, server events', () => {
  it('covers every server event type of the SDK', () => {
    expect(byType(samples.RealtimeServerEvent).map((g) => g.type)).toHaveLength(46);
  });

  it.each(byType(samples.RealtimeServerEvent))(
    '$type: every SDK-shaped sample decodes, every field kept',
    ({ type, values }) => {
      for (const sample of values) {
        const wire = asOnTheWire(sample);
        const decoded = decodeServerEvent(wire);
        // The legacy name arrives under its canonical one (reference §5.1).
        const expected =
          type === 'conversation.item.created'
            ? { ...wire, type: 'conversation.item.added' }
            : wire;
        expect(decoded).toEqual(either.right(expected));
      }
    },
  );
});

describe('SDK conformance, translation sessions (endpoint translations)', () => {
  it('covers every translation event type of the SDK', () => {
    expect(
      byType(samples.RealtimeTranslationClientEvent)
        .map((g) => g.type)
        .sort(),
    ).toEqual(['session.close', 'session.input_audio_buffer.append', 'session.update']);
    expect(byType(samples.RealtimeTranslationServerEvent)).toHaveLength(7);
  });

  it.each(byType(samples.RealtimeTranslationClientEvent))(
    '$type: every SDK-shaped sample is sent exactly as given',
    ({ values }) => {
      for (const sample of values) {
        const event = sample.value as ClientEvent;
        expect(encodeClientEvent(event, { endpoint: 'translations' })).toEqual(either.right(event));
      }
    },
  );

  it.each(byType(samples.RealtimeTranslationServerEvent))(
    '$type: every SDK-shaped sample decodes, every field kept',
    ({ values }) => {
      for (const sample of values) {
        expect(decodeServerEvent(sample.value, { endpoint: 'translations' })).toEqual(
          either.right(sample.value),
        );
      }
    },
  );

  it('a translation session.update is not a realtime one, and translation is GA only', () => {
    const update = {
      type: 'session.update',
      session: { audio: { output: { language: 'es' } } },
    } as unknown as ClientEvent;
    expect(encodeClientEvent(update, { endpoint: 'translations' })).toEqual(either.right(update));
    expect(either.isLeft(encodeClientEvent(update))).toBe(true);
    const beta = encodeClientEvent(update, { endpoint: 'translations', dialect: 'beta' });
    expect(either.isLeft(beta) && beta.left.message).toBe(
      'session.update: at . cannot be sent: translation sessions are GA only',
    );
  });
});
