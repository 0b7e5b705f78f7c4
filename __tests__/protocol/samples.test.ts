import { either } from 'fp-ts';
import {
  createServerEventDecoder,
  encodeClientEvent,
  type ServerEvent,
} from '../../src/protocol/index.js';
import { betaClientEventCodecs } from '../../src/protocol/generated/events.js';
import { SCENARIOS, sampleFiles, sampleLines } from '../helpers/samples.js';

function decodeStream(name: string, dialect: 'ga' | 'beta'): ServerEvent[] {
  const decoder = createServerEventDecoder(dialect);
  return sampleLines(name).flatMap((line) => {
    const result = decoder.decodeFrame(line);
    if (either.isLeft(result)) throw result.left;
    return [...result.right];
  });
}

/** Rule 2 of the event order: transcription delta counts differ between ASR models. */
const comparable = (events: ServerEvent[]) =>
  events
    .map((e) => e.type)
    .filter((type) => type !== 'conversation.item.input_audio_transcription.delta');

describe('recorded sample streams', () => {
  it.each(sampleFiles().filter((f) => f.includes('.server.')))(
    'every line of %s decodes',
    (file) => {
      const events = decodeStream(file, file.startsWith('beta') ? 'beta' : 'ga');
      expect(events.length).toBeGreaterThanOrEqual(sampleLines(file).length);
      expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    },
  );

  it.each(sampleFiles().filter((f) => f.startsWith('ga') && f.includes('.client.')))(
    'every client event of %s passes the strict encoder unchanged',
    (file) => {
      for (const line of sampleLines(file)) {
        const event = JSON.parse(line);
        expect(encodeClientEvent(event, 'ga')).toEqual(either.right(event));
      }
    },
  );

  it.each(sampleFiles().filter((f) => f.startsWith('beta') && f.includes('.client.')))(
    'every client event of %s is valid beta wire',
    (file) => {
      for (const line of sampleLines(file)) {
        const event = JSON.parse(line);
        expect(betaClientEventCodecs[event.type]?.decode(event)._tag).toBe('Right');
      }
    },
  );

  it.each(SCENARIOS)('beta and GA %s yield the same canonical sequence', (scenario) => {
    const beta = decodeStream(`beta-${scenario}.server.jsonl`, 'beta');
    const ga = decodeStream(`ga-${scenario}.server.jsonl`, 'ga');
    expect(comparable(beta)).toEqual(comparable(ga));
  });

  it.each(SCENARIOS)(
    'beta and GA %s carry the same texts, transcripts and arguments',
    (scenario) => {
      const finals = (events: ServerEvent[]) =>
        events.flatMap((e) => {
          switch (e.type) {
            case 'response.output_text.done':
              return [`text:${e.text}`];
            case 'response.output_audio_transcript.done':
              return [`transcript:${e.transcript}`];
            case 'response.function_call_arguments.done':
              return [`call:${e.name}:${e.arguments}`];
            case 'response.done':
              return [`status:${e.response.status}`];
            default:
              return [];
          }
        });
      expect(finals(decodeStream(`beta-${scenario}.server.jsonl`, 'beta'))).toEqual(
        finals(decodeStream(`ga-${scenario}.server.jsonl`, 'ga')),
      );
    },
  );
});
