import { filter, from, lastValueFrom, map, toArray } from 'rxjs';
import { transcripts } from '../../src/operators/index.js';
import type { ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import { sampleEvents, transcriptDelta, transcriptDone, speechStarted } from './events.js';

const userDelta = (delta: string): ServerEvent => ({
  type: 'conversation.item.input_audio_transcription.delta',
  event_id: 'e',
  item_id: 'u1',
  content_index: 0,
  delta,
});
const userDone = (transcript: string): ServerEvent => ({
  type: 'conversation.item.input_audio_transcription.completed',
  event_id: 'e',
  item_id: 'u1',
  content_index: 0,
  transcript,
});

describe('transcripts', () => {
  itKeepsTheOperatorContract({
    operator: () => transcripts(),
    quiet: speechStarted(),
    // an item id that cannot become a string key
    poison: { ...transcriptDelta('r1', 'i1', 'x'), item_id: Object.create(null) as string },
  });

  it('emits user and assistant transcripts as they grow, then final', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-e-|', {
        a: userDelta('Hel'),
        b: transcriptDelta('r1', 'i1', 'Hi'),
        c: userDelta('lo'),
        d: userDone('Hello.'),
        e: transcriptDone('r1', 'i1', 'Hi there'),
      });
      const expected = '   a-b-c-d-e-|';
      expectObservable(source.pipe(transcripts())).toBe(expected, {
        a: { itemId: 'u1', contentIndex: 0, role: 'user', text: 'Hel', final: false },
        b: { itemId: 'i1', contentIndex: 0, role: 'assistant', text: 'Hi', final: false },
        c: { itemId: 'u1', contentIndex: 0, role: 'user', text: 'Hello', final: false },
        d: { itemId: 'u1', contentIndex: 0, role: 'user', text: 'Hello.', final: true },
        e: { itemId: 'i1', contentIndex: 0, role: 'assistant', text: 'Hi there', final: true },
      });
      const sourceSubs = ' ^---------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it.each(['ga', 'beta'])(
    'finds the final transcripts of the %s interruption sample',
    async (dialect) => {
      const events = sampleEvents(`${dialect}-interruption.server.jsonl`);
      const finals = await lastValueFrom(
        from(events).pipe(
          transcripts(),
          filter((t) => t.final),
          map((t) => `${t.role}: ${t.text}`),
          toArray(),
        ),
      );
      const expected = events.flatMap((e) =>
        e.type === 'conversation.item.input_audio_transcription.completed'
          ? [`user: ${e.transcript}`]
          : e.type === 'response.output_audio_transcript.done'
            ? [`assistant: ${e.transcript}`]
            : [],
      );
      expect(expected.length).toBeGreaterThan(1);
      expect(finals).toEqual(expected);
    },
  );
});
