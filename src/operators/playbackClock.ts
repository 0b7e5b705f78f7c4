import {
  asyncScheduler,
  concat,
  defer,
  distinctUntilChanged,
  filter,
  map,
  of,
  scan,
  switchMap,
  takeUntil,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { bytesToMs, type AudioFormat } from '../audio/index.js';
import type { PlaybackPosition } from './truncateOnInterruption.js';

/**
 * What an app tells {@link playbackClock} about its speaker: audio of an item handed to it at
 * time `at` (it plays after what is already queued), or the queue cleared at `at` (the user
 * interrupted). Times are on the clock's scheduler (`scheduler.now()`).
 *
 * @example
 * ```ts
 * import type { SpeakerEvent } from 'rx-realtime';
 * const handed: SpeakerEvent = { type: 'queued', itemId: 'item_1', byteLength: 960, at: 1000 };
 * const cleared: SpeakerEvent = { type: 'cleared', at: 1500 };
 * ```
 */
export type SpeakerEvent =
  | {
      /** Audio handed to the speaker. */
      readonly type: 'queued';
      /** The assistant item the audio belongs to. */
      readonly itemId: string;
      /** How much audio, in bytes of the clock's format. */
      readonly byteLength: number;
      /** When it was handed over. */
      readonly at: number;
    }
  | {
      /** The speaker dropped everything it had not played yet. */
      readonly type: 'cleared';
      /** When. */
      readonly at: number;
    };

/**
 * Options of {@link playbackClock}.
 *
 * @example
 * ```ts
 * import type { PlaybackClockOptions } from 'rx-realtime';
 * const options: PlaybackClockOptions = { format: 'pcm16', tickMs: 20 };
 * ```
 */
export interface PlaybackClockOptions {
  /** The format of the queued bytes. Default `pcm16`. */
  readonly format?: AudioFormat;
  /** How often to report the position while audio plays, in ms. Default 20. */
  readonly tickMs?: number;
  /** The clock. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** One stretch of an item's audio on the speaker's timeline. */
interface Segment {
  readonly itemId: string;
  readonly startMs: number;
  readonly durationMs: number;
}

/** The speaker's timeline: what plays when, and when the queue runs dry. */
interface Timeline {
  readonly segments: readonly Segment[];
  readonly endMs: number;
}

const EMPTY_TIMELINE: Timeline = { segments: [], endMs: -Infinity };

function nextTimeline(timeline: Timeline, event: SpeakerEvent, format: AudioFormat): Timeline {
  // Stretches of items that can no longer be reported (another item has played since) go.
  const current = timeline.segments.filter((s) => s.startMs <= event.at).at(-1)?.itemId;
  const kept = timeline.segments.filter((s) => s.itemId === current || s.startMs > event.at);
  if (event.type === 'cleared') {
    const cut = kept
      .filter((s) => s.startMs < event.at)
      .map((s) => ({ ...s, durationMs: Math.min(s.durationMs, event.at - s.startMs) }));
    return { segments: cut, endMs: Math.min(timeline.endMs, event.at) };
  }
  const startMs = Math.max(event.at, timeline.endMs);
  const durationMs = bytesToMs(event.byteLength, format);
  return {
    segments: [...kept, { itemId: event.itemId, startMs, durationMs }],
    endMs: startMs + durationMs,
  };
}

/** The item playing at `now` (or the last one that played) and how much of it was heard. */
function positionAt(timeline: Timeline, now: number): PlaybackPosition | undefined {
  const itemId = timeline.segments.filter((s) => s.startMs <= now).at(-1)?.itemId;
  if (itemId === undefined) return undefined;
  const playedMs = timeline.segments
    .filter((s) => s.itemId === itemId)
    .reduce((sum, s) => sum + Math.min(Math.max(now - s.startMs, 0), s.durationMs), 0);
  return { itemId, playedMs };
}

/**
 * Turns "these bytes were handed to the speaker at time t" into the `playback$` that
 * `truncateOnInterruption` and the session's `interruption` option take: the position in the
 * item being heard, every `tickMs` while audio plays and once when it stops. Audio plays in the
 * order it was handed over, each chunk after the previous one ends, so an answer queued behind
 * another starts when that one finishes; `cleared` stops the position where it was.
 *
 * @example
 * ```ts
 * import { asyncScheduler, Subject } from 'rxjs';
 * import { playbackClock, type SpeakerEvent } from 'rx-realtime';
 * const speaker$ = new Subject<SpeakerEvent>();
 * // `at` is read from the same scheduler the clock runs on (its default, asyncScheduler).
 * const playback$ = playbackClock(speaker$);
 * // where the app hands audio to its output:
 * speaker$.next({ type: 'queued', itemId: 'item_1', byteLength: 4800, at: asyncScheduler.now() });
 * ```
 */
export function playbackClock(
  speaker$: Observable<SpeakerEvent>,
  options: PlaybackClockOptions = {},
): Observable<PlaybackPosition> {
  const format = options.format ?? 'pcm16';
  const tickMs = options.tickMs ?? 20;
  const scheduler = options.scheduler ?? asyncScheduler;
  return speaker$.pipe(
    scan((timeline, event) => nextTimeline(timeline, event, format), EMPTY_TIMELINE),
    switchMap((timeline) => {
      // Ticks while audio plays, then one report at the moment the queue runs dry. That one is
      // the position at the end itself: Node may run the timer while the clock still reads a
      // millisecond before it, and the last report must not leave the item a millisecond short.
      const untilEnd = timer(Math.max(0, timeline.endMs - scheduler.now()), scheduler);
      return concat(
        timer(0, tickMs, scheduler).pipe(
          takeUntil(untilEnd),
          map(() => positionAt(timeline, Math.min(scheduler.now(), timeline.endMs))),
        ),
        defer(() => of(positionAt(timeline, timeline.endMs))),
      );
    }),
    // Before anything played there is no position to report.
    filter((position): position is PlaybackPosition => position !== undefined),
    distinctUntilChanged((a, b) => a.itemId === b.itemId && a.playedMs === b.playedMs),
  );
}
