import {
  asyncScheduler,
  concatMap,
  defer,
  map,
  range,
  throwError,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { msToBytes, type AudioFormat } from '../audio/index.js';

/**
 * Options of {@link pacedChunks}.
 *
 * @example
 * ```ts
 * import type { PacedChunksOptions } from 'rx-realtime';
 * const options: PacedChunksOptions = { chunkMs: 20, format: 'pcm16' };
 * ```
 */
export interface PacedChunksOptions {
  /** Audio per chunk, in ms. Default 20, the usual microphone frame. */
  readonly chunkMs?: number;
  /** The bytes' format, for ms -> bytes (whole samples). Default `pcm16`. */
  readonly format?: AudioFormat;
  /** The clock that paces the chunks. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Streams recorded audio as a microphone would: `chunkMs` of it at a time, in real time. Chunk
 * `k` is due at `start + k * chunkMs` on the scheduler's clock, each wait measured from
 * `scheduler.now()`, so late timers do not add up (an `interval` drifts by every late tick).
 * The first chunk comes at once, the stream completes after the last, shorter one. Chunks
 * are views of `bytes`, not copies; a trailing odd byte of `pcm16` stays in the last chunk.
 * A `chunkMs` that is not a positive number is an error notification (`RangeError`).
 *
 * @example
 * ```ts
 * import { pacedChunks, type RealtimeSession } from 'rx-realtime';
 * declare const session: RealtimeSession;
 * declare const question: Uint8Array; // pcm16, 24 kHz
 * pacedChunks(question, { chunkMs: 20 }).subscribe((chunk) => session.appendAudio(chunk));
 * ```
 */
export function pacedChunks(
  bytes: Uint8Array,
  options: PacedChunksOptions = {},
): Observable<Uint8Array> {
  const chunkMs = options.chunkMs ?? 20;
  const scheduler = options.scheduler ?? asyncScheduler;
  const size = msToBytes(chunkMs, options.format ?? 'pcm16');
  if (!(chunkMs > 0) || size === 0 || !Number.isFinite(chunkMs))
    return throwError(
      () => new RangeError(`pacedChunks: chunkMs must hold at least one sample, got ${chunkMs}`),
    );
  return defer(() => {
    const start = scheduler.now();
    return range(0, Math.ceil(bytes.byteLength / size)).pipe(
      concatMap((k) =>
        timer(Math.max(0, start + k * chunkMs - scheduler.now()), scheduler).pipe(
          map(() => bytes.subarray(k * size, (k + 1) * size)),
        ),
      ),
    );
  });
}
