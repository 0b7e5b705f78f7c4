import { either } from 'fp-ts';
import * as t from 'io-ts';
import { from, of, toArray, type Observable } from 'rxjs';
import { VirtualTimeScheduler } from 'rxjs';
import { decodeServerFrame, type ServerEvent } from '../../src/protocol/index.js';
import { conversationEvents, conversationState } from '../../src/session/conversationState.js';
import { EventRouter } from '../../src/session/eventRouter.js';
import { expiryEvents, expiryRecycling } from '../../src/session/expiryRecycling.js';
import { interruptionEvents, interruptions } from '../../src/session/interruption.js';
import { responseSequencer, sequencerEvents } from '../../src/session/responseSequencer.js';
import { toolLoopEvents, toolRuns } from '../../src/session/toolLoop.js';
import { testScheduler } from '../helpers/marbles.js';
import { sampleFiles, sampleLines } from '../helpers/samples.js';
import { speechStarted } from '../operators/events.js';

describe('EventRouter', () => {
  const a: ServerEvent = {
    type: 'input_audio_buffer.speech_started',
    event_id: 'e1',
    audio_start_ms: 0,
    item_id: 'i',
  };
  const b: ServerEvent = { type: 'input_audio_buffer.cleared', event_id: 'e2' };
  const c: ServerEvent = {
    type: 'input_audio_buffer.speech_stopped',
    event_id: 'e3',
    audio_end_ms: 1,
    item_id: 'i',
  };

  it('hands each route the types it asked for, every event to on()', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const router = new EventRouter();
      const speech = router.on([
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
      ]);
      const cleared = router.on(['input_audio_buffer.cleared']);
      const all = router.on();
      cold('-a-b-c|', { a, b, c }).subscribe(router);
      expectObservable(speech).toBe('-a---c|', { a, c });
      expectObservable(cleared).toBe('---b--|', { b });
      expectObservable(all).toBe('-a-b-c|', { a, b, c });
    });
  });

  it('passes an error to every route, and to a route made after it', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const router = new EventRouter();
      const speech = router.on(['input_audio_buffer.speech_started']);
      cold('-a-b-#', { a, b }).subscribe(router);
      expectObservable(speech).toBe('-a---#', { a });
      expectObservable(router.on()).toBe('-a-b-#', { a, b });
    });
    const late = new EventRouter();
    late.error(new Error('gone'));
    const seen: unknown[] = [];
    late.on().subscribe({ error: (e: unknown) => seen.push(e) });
    expect(seen).toEqual([new Error('gone')]);
  });

  it('completes a route made after the end at once', () => {
    const router = new EventRouter();
    router.complete();
    const seen: string[] = [];
    router.on(['error']).subscribe({ complete: () => seen.push('complete') });
    expect(seen).toEqual(['complete']);
  });

  it('delivers an event to the routes in the order they were made', () => {
    const router = new EventRouter();
    const order: string[] = [];
    router.on().subscribe(() => order.push('first'));
    router.on(['input_audio_buffer.cleared']).subscribe(() => order.push('second'));
    router.on().subscribe(() => order.push('third'));
    router.next(b);
    router.next(a);
    expect(order).toEqual(['first', 'second', 'third', 'first', 'third']);
  });
});

/** Every sample session, and each with the connection lost after every event. */
function sampleStreams(): ServerEvent[][] {
  const streams: ServerEvent[][] = [];
  for (const file of sampleFiles().filter((f) => f.endsWith('.server.jsonl'))) {
    const dialect = file.startsWith('beta') ? 'beta' : 'ga';
    const events = sampleLines(file).flatMap((line) => {
      const decoded = decodeServerFrame(line, dialect);
      return either.isRight(decoded) ? [decoded.right] : [];
    });
    streams.push(events, [...events, speechStarted()]);
    for (let k = 1; k < events.length; k += 3) {
      const lost: ServerEvent = {
        type: 'local.connection_lost',
        code: 1006,
        reason: '',
        willReconnect: true,
      };
      streams.push([...events.slice(0, k), lost, ...events.slice(k)]);
    }
  }
  return streams;
}

/** What a unit emits for these events, on a virtual clock that runs to the end. */
function outputs<T>(
  unit: (events$: Observable<ServerEvent>, scheduler: VirtualTimeScheduler) => Observable<T>,
  events: readonly ServerEvent[],
): (T | { readonly error: string })[] {
  const scheduler = new VirtualTimeScheduler();
  const seen: (T | { readonly error: string })[] = [];
  unit(from(events), scheduler).subscribe({
    next: (v) => seen.push(v),
    error: (err: unknown) => seen.push({ error: String(err) }),
  });
  scheduler.flush();
  return seen;
}

describe('what each session unit is routed', () => {
  const units: [
    string,
    readonly string[],
    (e$: Observable<ServerEvent>, s: VirtualTimeScheduler) => Observable<unknown>,
  ][] = [
    ['conversationState', conversationEvents, (e$) => conversationState(e$)],
    ['interruptions', interruptionEvents, (e$, scheduler) => interruptions(e$, { scheduler })],
    [
      'interruptions on WebRTC',
      interruptionEvents,
      (e$, scheduler) => interruptions(e$, { scheduler, transport: 'webrtc' }),
    ],
    [
      'interruptions (deleting what was not heard)',
      interruptionEvents,
      (e$, scheduler) => interruptions(e$, { scheduler, whenNothingHeard: 'delete' }),
    ],
    [
      'toolRuns',
      toolLoopEvents,
      (e$, scheduler) =>
        toolRuns(e$, {
          scheduler,
          tools: [
            {
              name: 'get_weather',
              description: 'w',
              codec: t.unknown,
              parameters: { type: 'object' },
              handler: () => of('sunny'),
            },
          ],
        }),
    ],
    [
      'expiryRecycling',
      expiryEvents,
      (e$, scheduler) => expiryRecycling(e$, { recycleBeforeMs: 0, scheduler }),
    ],
    [
      'responseSequencer',
      sequencerEvents,
      (e$, scheduler) =>
        responseSequencer(e$, {
          requests$: of({ event: { type: 'response.create' } }),
          open$: of(true),
          scheduler,
          idGenerator: () => 'id',
        }).pipe(toArray()),
    ],
  ];

  it.each(units)(
    '%s gives the same with only its types as with every event',
    (_name, types, unit) => {
      const streams = sampleStreams();
      expect(streams.length).toBeGreaterThan(40);
      for (const events of streams) {
        const routed = events.filter((e) => types.includes(e.type));
        expect(outputs(unit, routed)).toEqual(outputs(unit, events));
      }
    },
  );

  it('misses nothing a unit reacts to: without one of its types the outputs differ somewhere', () => {
    // The property above can only fail if the list matters; dropping the audio deltas from the
    // interruption unit's events changes what it decides.
    const streams = sampleStreams();
    const without = (e: ServerEvent) => e.type !== 'response.output_audio.delta';
    const differs = streams.some(
      (events) =>
        JSON.stringify(
          outputs(
            (e$, s) => interruptions(e$, { scheduler: s, whenNothingHeard: 'delete' }),
            events.filter(without),
          ),
        ) !==
        JSON.stringify(
          outputs(
            (e$, s) => interruptions(e$, { scheduler: s, whenNothingHeard: 'delete' }),
            events,
          ),
        ),
    );
    expect(differs).toBe(true);
  });
});
