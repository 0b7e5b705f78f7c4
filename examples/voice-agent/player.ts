/**
 * A stand-in for a speaker: plays the assistant's audio in real time, 20 ms at a time, and
 * reports how far it got (`playback$`), which is what the session needs to truncate the
 * assistant's item at the point the user actually heard. Like a real client it stops at once,
 * dropping what it had not played, when the server hears the user start to speak.
 */
import { BehaviorSubject, Subject, filter, interval, type Observable } from 'rxjs';
import {
  AudioChunkList,
  base64ToBytes,
  bytesPerMs,
  type PlaybackPosition,
  type ServerEvent,
} from 'rx-realtime';

const TICK_MS = 20;
const BYTES_PER_MS = bytesPerMs('pcm16');

interface Track {
  readonly itemId: string;
  readonly responseId: string;
  readonly audio: AudioChunkList;
  received: number;
  played: number;
  done: boolean;
}

export interface PlayerProgress {
  readonly itemId: string;
  readonly responseId: string;
  readonly playedMs: number;
  readonly receivedMs: number;
  /** All of the item's audio has arrived. */
  readonly complete: boolean;
}

export interface Player {
  /** Position in the item being played, every 20 ms while it plays. */
  readonly playback$: Observable<PlaybackPosition>;
  /** The same with what was received, for a progress display. */
  readonly progress$: Observable<PlayerProgress>;
  /** True while audio is playing or waiting to be played. */
  readonly busy$: Observable<boolean>;
  /** Everything the user heard, in order (PCM16). */
  heard(): readonly Uint8Array[];
  stop(): void;
}

export function simulatedPlayer(events$: Observable<ServerEvent>): Player {
  const tracks: Track[] = [];
  const heard: Uint8Array[] = [];
  const progress = new Subject<PlayerProgress>();
  const busy = new BehaviorSubject(false);

  const track = (itemId: string, responseId: string): Track => {
    let found = tracks.find((t) => t.itemId === itemId);
    if (!found) {
      found = {
        itemId,
        responseId,
        audio: new AudioChunkList('pcm16'),
        received: 0,
        played: 0,
        done: false,
      };
      tracks.push(found);
    }
    return found;
  };
  const pending = () => tracks.some((t) => t.played < t.received || !t.done);

  const events = events$.subscribe((event) => {
    if (event.type === 'response.output_audio.delta') {
      const bytes = base64ToBytes(event.delta);
      const t = track(event.item_id, event.response_id);
      t.audio.append(bytes);
      t.received += bytes.byteLength;
      busy.next(true);
    } else if (event.type === 'response.output_audio.done') {
      track(event.item_id, event.response_id).done = true;
    } else if (event.type === 'response.done') {
      // A response that ended (cancelled, say) sends no more audio for its items.
      for (const t of tracks) if (t.responseId === event.response.id) t.done = true;
    } else if (event.type === 'input_audio_buffer.speech_started') {
      // The user talks: flush, as a real client does, so the assistant falls silent at once.
      for (const t of tracks) t.received = t.played;
      for (const t of tracks) t.done = true;
      busy.next(false);
    }
  });

  const clock = interval(TICK_MS).subscribe(() => {
    const current = tracks.find((t) => t.played < t.received);
    if (!current) {
      if (busy.value && !pending()) busy.next(false);
      return;
    }
    const bytes = Math.min(TICK_MS * BYTES_PER_MS, current.received - current.played);
    heard.push(current.audio.slice(current.played, current.played + bytes));
    current.played += bytes;
    progress.next({
      itemId: current.itemId,
      responseId: current.responseId,
      playedMs: current.played / BYTES_PER_MS,
      receivedMs: current.received / BYTES_PER_MS,
      complete: current.done,
    });
  });

  return {
    playback$: progress.pipe(filter((p) => p.playedMs > 0)),
    progress$: progress.asObservable(),
    busy$: busy.asObservable(),
    heard: () => heard,
    stop() {
      events.unsubscribe();
      clock.unsubscribe();
      progress.complete();
      busy.complete();
    },
  };
}
