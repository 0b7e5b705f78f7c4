/**
 * A stand-in for a speaker: "plays" the assistant's audio in real time, 20 ms at a time, and
 * reports how far it got (`playback$`), which is what the session needs to truncate the
 * assistant's item at the point the user actually heard. Like a real client it falls silent at
 * once, dropping what it had not played, when the server hears the user start to speak. A real
 * app would report its speaker's position (from an AudioContext, say) the same way.
 */
import { asyncScheduler, BehaviorSubject, Subject, filter, interval } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import {
  AudioChunkList,
  base64ToBytes,
  bytesPerMs,
  type PlaybackPosition,
  type ServerEvent,
} from 'rx-realtime';

const BYTES_PER_MS = bytesPerMs('pcm16');

interface Track {
  readonly itemId: string;
  readonly responseId: string;
  /** Everything that arrived. */
  readonly audio: AudioChunkList;
  /** Bytes played so far, and the most that will be (less than arrived after a flush). */
  played: number;
  end: number;
  /** No more audio will arrive. */
  done: boolean;
}

/** Where playback of one item stands. */
export interface PlayerProgress {
  readonly itemId: string;
  readonly responseId: string;
  readonly playedMs: number;
  readonly receivedMs: number;
  /** All of the item's audio has arrived. */
  readonly complete: boolean;
}

export interface SimulatedPlayer {
  /** Position in the item being played, every tick while it plays. */
  readonly playback$: Observable<PlaybackPosition>;
  /** The same with what was received, for a progress display. */
  readonly progress$: Observable<PlayerProgress>;
  /** True while audio is playing or still to come. */
  readonly busy$: Observable<boolean>;
  /** Milliseconds of the item's audio received so far. */
  receivedMs(itemId: string): number;
  /** Everything the user heard, in order (PCM16 24 kHz). */
  heard(): readonly Uint8Array[];
  /** Stops the clock and completes the streams. */
  dispose(): void;
}

/**
 * Plays the audio deltas of `events$` (PCM16 24 kHz), one item after another, on `scheduler`.
 *
 * @example
 * ```ts
 * const player = simulatedPlayer(socket);
 * createRealtimeSession(socket, { interruption: { playback$: player.playback$ } });
 * ```
 */
export function simulatedPlayer(
  events$: Observable<ServerEvent>,
  scheduler: SchedulerLike = asyncScheduler,
  tickMs = 20,
): SimulatedPlayer {
  const tracks: Track[] = [];
  const heard: Uint8Array[] = [];
  const progress = new Subject<PlayerProgress>();
  const busy = new BehaviorSubject(false);

  const track = (itemId: string, responseId: string): Track => {
    let found = tracks.find((t) => t.itemId === itemId);
    if (!found) {
      const audio = new AudioChunkList('pcm16');
      found = { itemId, responseId, audio, played: 0, end: 0, done: false };
      tracks.push(found);
    }
    return found;
  };
  const pending = () => tracks.some((t) => t.played < t.end || !t.done);

  const events = events$.subscribe((event) => {
    if (event.type === 'response.output_audio.delta') {
      const t = track(event.item_id, event.response_id);
      t.audio.append(base64ToBytes(event.delta));
      if (!t.done) t.end = t.audio.byteLength;
      busy.next(true);
    } else if (event.type === 'response.output_audio.done') {
      track(event.item_id, event.response_id).done = true;
    } else if (event.type === 'response.done') {
      // A response that ended (cancelled, say) sends no more audio for its items.
      for (const t of tracks) if (t.responseId === event.response.id) t.done = true;
    } else if (event.type === 'input_audio_buffer.speech_started') {
      // The user talks: the speaker goes quiet at once and the rest is never played.
      for (const t of tracks) Object.assign(t, { end: t.played, done: true });
      busy.next(false);
    }
  });

  const clock = interval(tickMs, scheduler).subscribe(() => {
    const current = tracks.find((t) => t.played < t.end);
    if (!current) {
      if (busy.value && !pending()) busy.next(false);
      return;
    }
    const bytes = Math.min(tickMs * BYTES_PER_MS, current.end - current.played);
    heard.push(current.audio.slice(current.played, current.played + bytes));
    current.played += bytes;
    progress.next({
      itemId: current.itemId,
      responseId: current.responseId,
      playedMs: current.played / BYTES_PER_MS,
      receivedMs: current.audio.byteLength / BYTES_PER_MS,
      complete: current.done,
    });
  });

  return {
    playback$: progress.pipe(filter((p) => p.playedMs > 0)),
    progress$: progress.asObservable(),
    busy$: busy.asObservable(),
    receivedMs: (itemId) =>
      (tracks.find((t) => t.itemId === itemId)?.audio.byteLength ?? 0) / BYTES_PER_MS,
    heard: () => heard,
    dispose() {
      events.unsubscribe();
      clock.unsubscribe();
      progress.complete();
      busy.complete();
    },
  };
}
