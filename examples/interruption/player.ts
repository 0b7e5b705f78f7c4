import { asyncScheduler, interval, type Observable, Subject, type SchedulerLike } from 'rxjs';
import { bytesToMs, type PlaybackPosition } from 'rx-realtime';

/** A chunk of assistant audio (PCM16 24 kHz) for the player, and the item it belongs to. */
export interface AudioChunk {
  readonly itemId: string;
  readonly bytes: Uint8Array;
}

/** A speaker that plays nothing but keeps time as a real one would. */
export interface SimulatedPlayer {
  /** How far the current item has played, at every tick while an item is playing. */
  readonly playback$: Observable<PlaybackPosition>;
  /** Milliseconds of the item's audio received so far. */
  receivedMs(itemId: string): number;
  /** Stops the current item at once and drops the rest of it (the user interrupted). */
  stop(): void;
  /** Stops the clock and completes `playback$`. */
  dispose(): void;
}

/**
 * "Plays" the audio of `chunks$` in real time on `scheduler`: every tick advances the current
 * item's position by the time elapsed, never past the audio received. A real app would report
 * its speaker's position (e.g. from an AudioContext) the same way.
 *
 * @example
 * ```ts
 * const player = simulatedPlayer(chunks$);
 * createRealtimeSession(socket, { interruption: { playback$: player.playback$ } });
 * ```
 */
export function simulatedPlayer(
  chunks$: Observable<AudioChunk>,
  scheduler: SchedulerLike = asyncScheduler,
  tickMs = 20,
): SimulatedPlayer {
  const received = new Map<string, number>();
  const stopped = new Set<string>();
  const playback$ = new Subject<PlaybackPosition>();
  let current: { itemId: string; playedMs: number } | undefined;
  let lastTick = scheduler.now();

  const input = chunks$.subscribe(({ itemId, bytes }) => {
    if (stopped.has(itemId)) return; // the rest of an interrupted answer is never played
    received.set(itemId, (received.get(itemId) ?? 0) + bytesToMs(bytes.byteLength, 'pcm16'));
    if (current?.itemId !== itemId) current = { itemId, playedMs: 0 };
  });

  const clock = interval(tickMs, scheduler).subscribe(() => {
    const now = scheduler.now();
    const elapsed = now - lastTick;
    lastTick = now;
    if (!current) return;
    const available = received.get(current.itemId) ?? 0;
    current.playedMs = Math.min(available, current.playedMs + elapsed);
    playback$.next({ itemId: current.itemId, playedMs: current.playedMs });
  });

  return {
    playback$: playback$.asObservable(),
    receivedMs: (itemId) => received.get(itemId) ?? 0,
    stop: () => {
      if (current) stopped.add(current.itemId);
      current = undefined;
    },
    dispose: () => {
      input.unsubscribe();
      clock.unsubscribe();
      playback$.complete();
    },
  };
}
