import { either } from 'fp-ts';
import { bytesPerSample, type AudioFormat } from './formats.js';

/**
 * An audio chunk that must not be sent: not bytes, empty, or a length that splits a sample
 * (an odd number of bytes in `pcm16`), reported by {@link checkAudioChunk}.
 *
 * @example
 * ```ts
 * import { AudioChunkError } from 'rx-realtime';
 * const err = new AudioChunkError('pcm16 audio chunk of 3 bytes splits a sample', 3);
 * err.byteLength; // 3
 * ```
 */
export class AudioChunkError extends Error {
  /** Always `AudioChunkError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'AudioChunkError';
  constructor(
    message: string,
    /** The chunk's length in bytes (`undefined` when it was not bytes). */
    readonly byteLength: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Checks one chunk of input audio before it is appended to the server's buffer. Refused: a
 * value that is not a `Uint8Array`, an empty chunk (the server rejects an empty append), and
 * a chunk whose length is not a whole number of samples: one odd byte in `pcm16` would shift
 * every sample after it by a byte and turn the rest of the stream into noise. The odd byte is
 * not carried over to the next chunk: a capture pipeline that cuts samples in half has a bug
 * worth hearing about. G.711 (1 byte per sample) only refuses empty chunks.
 *
 * @param chunk - the bytes about to be sent.
 * @param format - their format. Default `'pcm16'`.
 *
 * @example
 * ```ts
 * import { either } from 'fp-ts';
 * import { checkAudioChunk } from 'rx-realtime';
 * either.isRight(checkAudioChunk(new Uint8Array(960))); // true: 20 ms of pcm16
 * either.isLeft(checkAudioChunk(new Uint8Array(959))); // true: splits a sample
 * either.isLeft(checkAudioChunk(new Uint8Array(0))); // true: empty
 * ```
 */
export function checkAudioChunk(
  chunk: Uint8Array,
  format: AudioFormat = 'pcm16',
): either.Either<AudioChunkError, Uint8Array> {
  if (!(chunk instanceof Uint8Array)) {
    const what = chunk === null ? 'null' : typeof chunk;
    return either.left(
      new AudioChunkError(`audio chunk must be a Uint8Array, got ${what}`, undefined),
    );
  }
  const n = chunk.byteLength;
  if (n === 0) return either.left(new AudioChunkError(`empty ${format} audio chunk`, 0));
  const size = bytesPerSample(format);
  if (n % size !== 0) {
    const message = `${format} audio chunk of ${n} bytes splits a sample (${size} bytes each)`;
    return either.left(new AudioChunkError(message, n));
  }
  return either.right(chunk);
}
