import { bytesToMs, msToBytes, type AudioFormat } from './formats.js';

/**
 * A frozen look at an {@link AudioChunkList}: the chunks it held when
 * {@link AudioChunkList.view} was called. Later appends to the list do not show here.
 * Creating one is O(1) (two numbers and a reference), which is what lets every snapshot of
 * an assembling response carry its audio so far.
 *
 * `JSON.stringify` gives the summary (`format`, `chunkCount`, `byteLength`, `durationMs`),
 * never the audio.
 *
 * @example
 * ```ts
 * import { AudioChunkList } from 'rx-realtime';
 * const list = new AudioChunkList('pcm16').append(new Uint8Array(960));
 * const view = list.view();
 * list.append(new Uint8Array(960));
 * view.durationMs; // 20, still
 * ```
 */
export interface AudioChunksView extends Iterable<Uint8Array> {
  /** The format used for `durationMs` and `bytesUpTo`. */
  readonly format: AudioFormat;
  /** Chunks seen. */
  readonly chunkCount: number;
  /** Total bytes seen. */
  readonly byteLength: number;
  /** Duration of `byteLength` in `format` (may be fractional). */
  readonly durationMs: number;
  /** The bytes seen, as one new contiguous array. */
  toBytes(): Uint8Array;
  /** Bytes `[start, end)` of the bytes seen, as a new array; bounds are clamped to `[0, byteLength]`. */
  slice(startByte?: number, endByte?: number): Uint8Array;
  /** The whole samples of the first `ms` milliseconds (all of it if shorter), as a new array. */
  bytesUpTo(ms: number): Uint8Array;
  /** The summary, without the audio. */
  toJSON(): AudioChunksSummary;
}

/**
 * What an {@link AudioChunksView} or {@link AudioChunkList} serialises to.
 *
 * @example
 * ```ts
 * import { AudioChunkList, type AudioChunksSummary } from 'rx-realtime';
 * const summary: AudioChunksSummary = new AudioChunkList().toJSON();
 * // { format: 'pcm16', chunkCount: 0, byteLength: 0, durationMs: 0 }
 * ```
 */
export interface AudioChunksSummary {
  /** The audio format of every chunk. */
  readonly format: AudioFormat;
  /** How many chunks were appended. */
  readonly chunkCount: number;
  /** Total decoded bytes across the chunks. */
  readonly byteLength: number;
  /** Playback duration of those bytes in the format, in milliseconds. */
  readonly durationMs: number;
}

/**
 * An append-only list of audio chunks (decoded `*.audio.delta` payloads, microphone
 * blocks). Appending stores the reference and adds to a running total, O(1) with no copy;
 * the bytes are copied once, when asked for with {@link AudioChunkList.toBytes},
 * {@link AudioChunkList.slice} or {@link AudioChunkList.bytesUpTo}.
 *
 * The list keeps the arrays it is given: do not write into a chunk after appending it.
 *
 * @example
 * ```ts
 * import { AudioChunkList, base64ToBytes } from 'rx-realtime';
 * const audio = new AudioChunkList('pcm16');
 * audio.append(new Uint8Array(960)).append(base64ToBytes('AAAAAA==')); // 960 + 4 bytes
 * audio.durationMs(); // 20.083…, milliseconds received so far
 * const heard = audio.bytesUpTo(10); // the first 480 bytes, played before an interruption at 10 ms
 * ```
 */
export class AudioChunkList implements Iterable<Uint8Array> {
  // Only ever pushed to, so the first n entries never change: views rely on it.
  readonly #chunks: Uint8Array[] = [];
  #byteLength = 0;

  /** @param format - the default format for `durationMs`, `bytesUpTo` and views (`pcm16`). */
  constructor(readonly format: AudioFormat = 'pcm16') {}

  /** Adds a chunk at the end, keeping the reference (no copy). Returns the list for chaining. */
  append(chunk: Uint8Array): this {
    this.#chunks.push(chunk);
    this.#byteLength += chunk.length;
    return this;
  }

  /** Total bytes appended. */
  get byteLength(): number {
    return this.#byteLength;
  }

  /** Chunks appended (empty ones included). */
  get chunkCount(): number {
    return this.#chunks.length;
  }

  /** Duration of the bytes appended, in milliseconds (may be fractional). */
  durationMs(format: AudioFormat = this.format): number {
    return bytesToMs(this.#byteLength, format);
  }

  /** All bytes as one new contiguous array (one allocation, one `set` per chunk). */
  toBytes(): Uint8Array {
    return copyRange(this.#chunks, this.#chunks.length, 0, this.#byteLength);
  }

  /** Bytes `[startByte, endByte)` as a new array; bounds are clamped to `[0, byteLength]`. */
  slice(startByte = 0, endByte: number = this.#byteLength): Uint8Array {
    return sliceChunks(this.#chunks, this.#chunks.length, this.#byteLength, startByte, endByte);
  }

  /**
   * The whole samples of the first `ms` milliseconds (everything if the list is shorter),
   * as a new array: the audio actually played before an interruption.
   */
  bytesUpTo(ms: number, format: AudioFormat = this.format): Uint8Array {
    return this.slice(0, msToBytes(ms, format));
  }

  /** A frozen O(1) view of the list as it is now; see {@link AudioChunksView}. */
  view(): AudioChunksView {
    return new ChunkListView(this.#chunks, this.#chunks.length, this.#byteLength, this.format);
  }

  /** The summary, without the audio. */
  toJSON(): AudioChunksSummary {
    return this.view().toJSON();
  }

  /** The chunks in order, as appended (the same arrays, not copies). */
  [Symbol.iterator](): Iterator<Uint8Array> {
    return iterateChunks(this.#chunks, this.#chunks.length);
  }
}

class ChunkListView implements AudioChunksView {
  readonly #chunks: readonly Uint8Array[];
  readonly durationMs: number;

  constructor(
    chunks: readonly Uint8Array[],
    readonly chunkCount: number,
    readonly byteLength: number,
    readonly format: AudioFormat,
  ) {
    this.#chunks = chunks;
    this.durationMs = bytesToMs(byteLength, format);
  }

  toBytes(): Uint8Array {
    return copyRange(this.#chunks, this.chunkCount, 0, this.byteLength);
  }

  slice(startByte = 0, endByte: number = this.byteLength): Uint8Array {
    return sliceChunks(this.#chunks, this.chunkCount, this.byteLength, startByte, endByte);
  }

  bytesUpTo(ms: number): Uint8Array {
    return this.slice(0, msToBytes(ms, this.format));
  }

  toJSON(): AudioChunksSummary {
    const { format, chunkCount, byteLength, durationMs } = this;
    return { format, chunkCount, byteLength, durationMs };
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return iterateChunks(this.#chunks, this.chunkCount);
  }
}

function* iterateChunks(chunks: readonly Uint8Array[], count: number): Generator<Uint8Array> {
  for (let i = 0; i < count; i++) yield chunks[i];
}

function sliceChunks(
  chunks: readonly Uint8Array[],
  count: number,
  byteLength: number,
  startByte: number,
  endByte: number,
): Uint8Array {
  const start = clampIndex(startByte, byteLength);
  const end = clampIndex(endByte, byteLength);
  return copyRange(chunks, count, start, Math.max(start, end));
}

function clampIndex(index: number, byteLength: number): number {
  const whole = Math.trunc(index) || 0; // NaN -> 0
  return whole < 0 ? 0 : whole > byteLength ? byteLength : whole;
}

/** Copies bytes `[start, end)` of the first `count` chunks into one new array. */
function copyRange(
  chunks: readonly Uint8Array[],
  count: number,
  start: number,
  end: number,
): Uint8Array {
  const bytes = new Uint8Array(end - start);
  let written = 0;
  let chunkStart = 0;
  for (let i = 0; i < count && written < bytes.length; i++) {
    const chunk = chunks[i];
    const chunkEnd = chunkStart + chunk.length;
    if (chunkEnd > start) {
      const from = Math.max(0, start - chunkStart);
      const to = Math.min(chunk.length, end - chunkStart);
      bytes.set(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to), written);
      written += to - from;
    }
    chunkStart = chunkEnd;
  }
  return bytes;
}
