import {
  concatMap,
  from,
  lastValueFrom,
  map,
  mergeMap,
  Subject,
  toArray,
  type Observable,
} from 'rxjs';
import { responseStreams, type PartStream } from '../../src/operators/index.js';
import type { ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import {
  audioDelta,
  audioDone,
  created,
  done,
  messageAdded,
  partAdded,
  sampleEvents,
  silence,
  textDelta,
  textDone,
  transcriptDelta,
  transcriptDone,
  speechStarted,
} from './events.js';

/** Every delta of every part, as `item:kind:value` strings. */
const flat = (part: PartStream): Observable<string> =>
  part.kind === 'text'
    ? part.text$.pipe(map((t) => `${part.itemId}:text:${t}`))
    : from([
        part.transcript$.pipe(map((t) => `${part.itemId}:transcript:${t}`)),
        part.audio$.pipe(map((a) => `${part.itemId}:audio:${a.byteLength}`)),
      ]).pipe(mergeMap((x) => x));

describe('responseStreams', () => {
  itKeepsTheOperatorContract({
    operator: () => responseStreams(),
    quiet: speechStarted(),
    // a part announcement without its part
    poison: {
      type: 'response.content_part.added',
      event_id: 'e',
      response_id: 'r1',
      item_id: 'i1',
      output_index: 0,
      content_index: 0,
      part: null,
    },
  });

  it('streams text, transcript and decoded audio per part, completing at .done', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-e-f-g-h-i-j-k-l-|', {
        a: created('r1'),
        b: messageAdded('r1', 'i1', 0),
        c: partAdded('r1', 'i1', 'audio', 0),
        d: transcriptDelta('r1', 'i1', 'Hi'),
        e: audioDelta('r1', 'i1', silence(960)),
        f: transcriptDone('r1', 'i1', 'Hi'),
        g: audioDone('r1', 'i1'),
        h: messageAdded('r1', 'i2', 1),
        i: partAdded('r1', 'i2', 'text', 1),
        j: textDelta('r1', 'i2', 'ok', 1),
        k: textDone('r1', 'i2', 'ok', 1),
        l: done('r1'),
      });
      const result = source.pipe(
        responseStreams(),
        mergeMap((r) => r.parts$),
        mergeMap(flat),
      );
      const expected = '   ------d-e---------j-----|';
      expectObservable(result).toBe(expected, {
        d: 'i1:transcript:Hi',
        e: 'i1:audio:960',
        j: 'i2:text:ok',
      });
      const sourceSubs = ' ^-----------------------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('gives a late subscriber only the completion', async () => {
    const parts: PartStream[] = [];
    const events: ServerEvent[] = [
      created('r1'),
      messageAdded('r1', 'i1'),
      partAdded('r1', 'i1', 'text'),
      textDelta('r1', 'i1', 'a'),
      textDone('r1', 'i1', 'a'),
      done('r1'),
    ];
    from(events)
      .pipe(
        responseStreams(),
        mergeMap((r) => r.parts$),
      )
      .subscribe((p) => parts.push(p));
    expect(parts).toHaveLength(1);
    const part = parts[0];
    if (part.kind !== 'text') throw new Error('expected text');
    await expect(lastValueFrom(part.text$.pipe(toArray()))).resolves.toEqual([]);
  });

  it('opens streams for parts of an unannounced response and closes them on unsubscribe', () => {
    const source = new Subject<ServerEvent>();
    const seen: string[] = [];
    let completed = false;
    const sub = source
      .pipe(
        responseStreams(),
        mergeMap((r) => r.parts$),
        concatMap((p) => {
          if (p.kind !== 'text') throw new Error('expected text');
          p.text$.subscribe({ complete: () => (completed = true) });
          return p.text$;
        }),
      )
      .subscribe((t) => seen.push(t));
    source.next(textDelta('r7', 'i7', 'mid'));
    source.next(textDelta('r7', 'i7', 'way'));
    expect(seen).toEqual(['mid', 'way']);
    sub.unsubscribe();
    expect(completed).toBe(true);
    expect(source.observed).toBe(false);
  });

  it('replays a sample stream into the same transcript as its .done event', async () => {
    const events = sampleEvents('ga-audio-response.server.jsonl');
    const transcript = await lastValueFrom(
      from(events).pipe(
        responseStreams(),
        mergeMap((r) => r.parts$),
        mergeMap((p) => (p.kind === 'audio' ? p.transcript$ : p.text$)),
        toArray(),
        map((xs) => xs.join('')),
      ),
    );
    const finalEvent = events.find((e) => e.type === 'response.output_audio_transcript.done');
    expect(
      finalEvent &&
        finalEvent.type === 'response.output_audio_transcript.done' &&
        finalEvent.transcript,
    ).toBe(transcript);
  });
});
