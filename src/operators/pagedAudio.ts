/**
 * The audio store of {@link assembleResponses}: decoded deltas are copied into pages, and
 * only full pages go into an `AudioChunkList`. Not exported from the package.
 *
 * Why: a response of 60 minutes is 180 000 deltas of 960 bytes. Keeping each delta as its
 * own `Uint8Array` costs about 20 % on top of the audio (one typed array and one
 * `ArrayBuffer` object per chunk); pages bring that to the slack of the last page.
 * Bytes below the fill mark of a page are never written again, so a view taken at any
 * time stays frozen, and taking one is still O(1).
 * @internal
 */
import { either } from 'fp-ts';
import {
  AudioChunkList,
  base64ByteLength,
  decodeBase64,
  decodeBase64Into,
  type Base64Error,
  bytesToMs,
  msToBytes,
  type AudioChunksSummary,
  type AudioChunksView,
  type AudioFormat,
} from '../audio/index.js';

const FIRST_PAGE = 4 * 1024;
const MAX_PAGE = 256 * 1024;

/** Append-only audio bytes in pages; see the module comment. */
export class PagedAudio {
  readonly #full: AudioChunkList;
  #page: Uint8Array = new Uint8Array(0);
  #used = 0;
  #fullView: AudioChunksView | undefined;

  constructor(readonly format: AudioFormat) {
    this.#full = new AudioChunkList(format);
  }

  /** Copies `bytes` in at the end: O(bytes), amortized O(1) allocations. */
  append(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.#used === this.#page.length) {
        if (this.#used > 0) {
          this.#full.append(this.#page);
          this.#fullView = undefined;
        }
        const size = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, this.#page.length * 2));
        this.#page = new Uint8Array(size);
        this.#used = 0;
      }
      const n = Math.min(this.#page.length - this.#used, bytes.length - offset);
      this.#page.set(
        offset === 0 && n === bytes.length ? bytes : bytes.subarray(offset, offset + n),
        this.#used,
      );
      this.#used += n;
      offset += n;
    }
  }

  /**
   * Decodes base64 audio in at the end: into the current page when it has room (no
   * allocation for the bytes), else as {@link PagedAudio.append}. Invalid base64 appends
   * nothing and is the `Base64Error`.
   */
  appendBase64(b64: string): either.Either<Base64Error, void> {
    const length = typeof b64 === 'string' ? base64ByteLength(b64) : 0;
    if (length > 0 && length <= this.#page.length - this.#used) {
      const written = decodeBase64Into(b64, this.#page, this.#used);
      if (written._tag === 'Left') return written;
      this.#used += written.right;
      return either.right(undefined);
    }
    const bytes = decodeBase64(b64);
    if (bytes._tag === 'Left') return bytes;
    this.append(bytes.right);
    return either.right(undefined);
  }

  /**
   * A frozen O(1) view of the bytes appended so far. One is taken per audio delta, so it
   * allocates only itself: the full pages' view is shared until a page fills, and the current
   * page is cut to its length only when the view is read.
   */
  view(): AudioChunksView {
    this.#fullView ??= this.#full.view();
    return new PagedView(this.#fullView, this.#page, this.#used, this.format);
  }
}

class PagedView implements AudioChunksView {
  readonly #head: AudioChunksView;
  /** The current page and how much of it this view covers (later writes go past the end). */
  readonly #page: Uint8Array;
  readonly #used: number;
  readonly chunkCount: number;
  readonly byteLength: number;
  readonly durationMs: number;

  constructor(
    head: AudioChunksView,
    page: Uint8Array,
    used: number,
    readonly format: AudioFormat,
  ) {
    this.#head = head;
    this.#page = page;
    this.#used = used;
    this.chunkCount = head.chunkCount + (used > 0 ? 1 : 0);
    this.byteLength = head.byteLength + used;
    this.durationMs = bytesToMs(this.byteLength, format);
    Object.freeze(this);
  }

  toBytes(): Uint8Array {
    return this.slice(0, this.byteLength);
  }

  slice(startByte = 0, endByte: number = this.byteLength): Uint8Array {
    const clamp = (i: number): number => Math.min(this.byteLength, Math.max(0, Math.trunc(i) || 0));
    const start = clamp(startByte);
    const end = Math.max(start, clamp(endByte));
    const out = new Uint8Array(end - start);
    let at = 0;
    for (const chunk of this) {
      const from = Math.max(0, start - at);
      const to = Math.min(chunk.length, end - at);
      if (to > from) out.set(chunk.subarray(from, to), at + from - start);
      at += chunk.length;
      if (at >= end) break;
    }
    return out;
  }

  bytesUpTo(ms: number): Uint8Array {
    return this.slice(0, msToBytes(ms, this.format));
  }

  toJSON(): AudioChunksSummary {
    const { format, chunkCount, byteLength, durationMs } = this;
    return { format, chunkCount, byteLength, durationMs };
  }

  *[Symbol.iterator](): Iterator<Uint8Array> {
    yield* this.#head;
    if (this.#used > 0) yield this.#page.subarray(0, this.#used);
  }
}
