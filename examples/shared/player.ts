/**
 * A stand-in for a speaker: hands the assistant's audio to a simulated output as it arrives and
 * reports how far it got (`playback$`, from `playbackClock`), which is what the session needs to
 * truncate the assistant's item at the point the user actually heard. Like a real client it
 * falls silent at once, dropping what it had not played, when the server hears the user start
 * to speak. A real app hands its audio to an AudioContext and reports the same speaker events.
 */
import { asyncScheduler, BehaviorSubject, Subject, filter, share } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import {
  AudioChunkList,
  base64ToBytes,
  bytesToMs,
  msToBytes,
  playbackClock,
  type PlaybackPosition,
  type ServerEvent,
  type SpeakerEvent,
} from 'rx-realtime';

interface Track {
  readonly itemId: string;
  readonly responseId: string;
  /** Everything that was handed to the speaker. */
  readonly audio: AudioChunkList;
  /** Milliseconds played so far. */
  playedMs: number;
  /** No more audio will arrive for it. */
  done: boolean;
  /** The speaker was cleared while it played or waited: the rest is never heard. */
  cut: boolean;
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
  /** What was handed to the speaker and cleared from it, with times: for a recording. */
  readonly speaker$: Observable<SpeakerEvent>;
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
  const speaker = new Subject<SpeakerEvent>();
  const progress = new Subject<PlayerProgress>();
  const busy = new BehaviorSubject(false);
  const speaker$ = speaker.pipe(share());

  const track = (itemId: string, responseId: string): Track => {
    let found = tracks.find((t) => t.itemId === itemId);
    if (!found) {
      found = {
        itemId,
        responseId,
        audio: new AudioChunkList('pcm16'),
        playedMs: 0,
        done: false,
        cut: false,
      };
      tracks.push(found);
    }
    return found;
  };
  const receivedMs = (t: Track) => bytesToMs(t.audio.byteLength, 'pcm16');
  // Compared in whole samples: the milliseconds of many chunks do not add up exactly.
  const playedOut = (t: Track) => msToBytes(t.playedMs, 'pcm16') >= t.audio.byteLength;
  const finished = () => tracks.every((t) => t.cut || (t.done && playedOut(t)));

  const clock = playbackClock(speaker$, { scheduler, tickMs }).subscribe((position) => {
    const t = tracks.find((candidate) => candidate.itemId === position.itemId);
    if (!t) return;
    t.playedMs = position.playedMs;
    progress.next({
      itemId: t.itemId,
      responseId: t.responseId,
      playedMs: t.playedMs,
      receivedMs: receivedMs(t),
      complete: t.done,
    });
    if (busy.value && finished()) busy.next(false);
  });

  const events = events$.subscribe((event) => {
    if (event.type === 'response.output_audio.delta') {
      const t = track(event.item_id, event.response_id);
      if (t.cut) return; // cut off by the user: the rest is never played
      const bytes = base64ToBytes(event.delta);
      t.audio.append(bytes);
      busy.next(true);
      speaker.next({
        type: 'queued',
        itemId: t.itemId,
        byteLength: bytes.byteLength,
        at: scheduler.now(),
      });
    } else if (event.type === 'response.output_audio.done') {
      track(event.item_id, event.response_id).done = true;
    } else if (event.type === 'response.done') {
      // A response that ended (cancelled, say) sends no more audio for its items.
      for (const t of tracks) if (t.responseId === event.response.id) t.done = true;
    } else if (event.type === 'input_audio_buffer.speech_started') {
      // The user talks: the speaker goes quiet at once and the rest is never played.
      speaker.next({ type: 'cleared', at: scheduler.now() });
      for (const t of tracks) Object.assign(t, { done: true, cut: true });
      busy.next(false);
    }
  });

  return {
    playback$: progress.pipe(filter((p) => p.playedMs > 0)),
    progress$: progress.asObservable(),
    speaker$,
    busy$: busy.asObservable(),
    receivedMs: (itemId) => {
      const t = tracks.find((candidate) => candidate.itemId === itemId);
      return t ? receivedMs(t) : 0;
    },
    heard: () => tracks.map((t) => t.audio.slice(0, msToBytes(t.playedMs, 'pcm16'))),
    dispose() {
      events.unsubscribe();
      clock.unsubscribe();
      speaker.complete();
      progress.complete();
      busy.complete();
    },
  };
}
