/**
 * GA -> beta -> GA: everything the beta dialect can express survives the round trip through
 * the translations the library (client side) and the simulator (service side) use, which now
 * live together in src/protocol.
 */
import fc from 'fast-check';
import { either } from 'fp-ts';
import * as t from 'io-ts';
import {
  betaClientEventToGa,
  encodeClientEvent,
  itemToBeta,
  itemToGa,
  responseToBeta,
  responseToGa,
  type ClientEvent,
} from '../../src/protocol/index.js';
import {
  FunctionTool,
  GaAudioFormat,
  GaItem,
  GaResponse,
  NoiseReduction,
} from '../../src/protocol/generated/resources.js';
import { arbitraryOf } from '../helpers/codec-examples.js';

type Json = { readonly [field: string]: unknown };
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** The same setting spelt the way GA reads it back: one output modality, pcm with its rate, no empty objects. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (!isJson(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (key === 'output_modalities' && Array.isArray(v)) {
      out[key] = v.includes('audio') ? ['audio'] : ['text'];
      continue;
    }
    const n = normalised(v);
    if (
      isJson(n) &&
      Object.keys(n).length === 0 &&
      (key === 'audio' || key === 'input' || key === 'output')
    )
      continue;
    out[key] = n;
  }
  if (out.type === 'audio/pcm' && out.rate === undefined) out.rate = 24000;
  return out;
}

/** The beta wire of a GA client event, or undefined when beta cannot express it. */
function toBetaWire(event: Json): Json | undefined {
  const encoded = encodeClientEvent(event as unknown as ClientEvent, 'beta');
  return either.isRight(encoded) ? encoded.right : undefined;
}

const runs = { numRuns: 300 };

const optionalFields = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { requiredKeys: [] });

/** GA settings that have a beta counterpart (beta has no truncation, reasoning, idle timeout...). */
const voice = fc.constantFrom('alloy', 'ash', 'marin', 'cedar');
const audioOutput = optionalFields({
  format: arbitraryOf(GaAudioFormat as t.Mixed),
  voice,
  speed: fc.constantFrom(0.75, 1, 1.25),
});
const turnDetection = fc.oneof(
  optionalFields({
    create_response: fc.boolean(),
    interrupt_response: fc.boolean(),
    prefix_padding_ms: fc.nat(1000),
    silence_duration_ms: fc.nat(2000),
    threshold: fc.constantFrom(0.3, 0.5, 0.9),
  }).map((vad) => ({ type: 'server_vad', ...vad })),
  optionalFields({ eagerness: fc.constantFrom('low', 'auto', 'high') }).map((vad) => ({
    type: 'semantic_vad',
    ...vad,
  })),
  fc.constant(null),
);
const sessionConfig = optionalFields({
  instructions: fc.string({ maxLength: 12 }),
  output_modalities: fc.constantFrom(['text'], ['audio'], ['text', 'audio']),
  max_output_tokens: fc.oneof(fc.constant('inf'), fc.integer({ min: 1, max: 4096 })),
  tools: fc.array(arbitraryOf(FunctionTool as t.Mixed), { maxLength: 2 }),
  tool_choice: fc.constantFrom('auto', 'none', 'required'),
  audio: optionalFields({
    input: optionalFields({
      format: arbitraryOf(GaAudioFormat as t.Mixed),
      transcription: optionalFields({
        model: fc.constantFrom('whisper-1', 'gpt-4o-transcribe'),
        language: fc.constantFrom('en', 'de'),
        prompt: fc.string({ maxLength: 8 }),
      }),
      noise_reduction: fc.oneof(
        arbitraryOf(NoiseReduction as t.Mixed).filter((n) => !('strength' in (n as object))),
        fc.constant(null),
      ),
      turn_detection: turnDetection,
    }),
    output: audioOutput,
  }),
}).map((config) => ({ type: 'realtime', ...config }));
const responseParams = optionalFields({
  instructions: fc.string({ maxLength: 12 }),
  output_modalities: fc.constantFrom(['text'], ['audio']),
  max_output_tokens: fc.oneof(fc.constant('inf'), fc.integer({ min: 1, max: 4096 })),
  tools: fc.array(arbitraryOf(FunctionTool as t.Mixed), { maxLength: 2 }),
  tool_choice: fc.constantFrom('auto', 'none', 'required'),
  conversation: fc.constantFrom('auto', 'none'),
  metadata: fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 4 }), {
    maxKeys: 2,
  }),
  audio: optionalFields({
    output: optionalFields({ format: arbitraryOf(GaAudioFormat as t.Mixed), voice }),
  }),
});

describe('GA -> beta -> GA round trips', () => {
  it('session.update: a config beta can express comes back as the same GA config', () => {
    let expressible = 0;
    fc.assert(
      fc.property(sessionConfig, (generated) => {
        const session = json(generated);
        const event = { type: 'session.update', session };
        const wire = toBetaWire(event);
        if (!wire) return;
        expressible++;
        const back = betaClientEventToGa(json(wire));
        const { type: _type, ...config } = session;
        expect(normalised(back.session)).toEqual(normalised(config));
      }),
      runs,
    );
    expect(expressible).toBeGreaterThan(200);
  });

  it('response.create: overrides beta can express come back the same', () => {
    let expressible = 0;
    fc.assert(
      fc.property(responseParams, (generated) => {
        const response = json(generated);
        const wire = toBetaWire({ type: 'response.create', response });
        if (!wire) return;
        expressible++;
        const back = betaClientEventToGa(json(wire));
        expect(normalised(back.response)).toEqual(normalised(response));
      }),
      runs,
    );
    expect(expressible).toBeGreaterThan(200);
  });

  it('items: assistant content types and every other item come back unchanged', () => {
    fc.assert(
      fc.property(arbitraryOf(GaItem as t.Mixed), (generated) => {
        const item = json(generated);
        expect(itemToGa(itemToBeta(item))).toEqual(item);
      }),
      runs,
    );
  });

  it('response objects (response.created / done) come back with the same output, modalities and audio', () => {
    fc.assert(
      fc.property(arbitraryOf(GaResponse as t.Mixed), (generated) => {
        const response = json(generated);
        const back = responseToGa(json(responseToBeta(response)));
        const { temperature: _temperature, ...rest } = back as Json & { temperature?: unknown };
        expect(normalised(rest)).toEqual(normalised(response));
      }),
      runs,
    );
  });
});
