import { either } from 'fp-ts';
import {
  base64ToBytesWithAtob,
  base64ToBytesWithBuffer,
  bytesToBase64WithBtoa,
  bytesToBase64WithBuffer,
  platformBuffer,
} from './base64-codecs.js';

const EQUALS_SIGN = 0x3d;

/**
 * Decodes standard base64 (the alphabet of the `delta` and `audio` fields) to bytes, with
 * `Buffer` under Node and `atob` elsewhere. The result always owns its whole `ArrayBuffer`,
 * so `new Int16Array(bytes.buffer)` and transferring the buffer are safe.
 *
 * The input is expected to be valid: on malformed input Node skips the bad characters while
 * browsers throw a `DOMException`. Use {@link decodeBase64} for input that may be malformed.
 *
 * @example
 * ```ts
 * import { base64ToBytes } from 'rx-realtime';
 * base64ToBytes('AAEC'); // Uint8Array [0, 1, 2]
 * ```
 */
export function base64ToBytes(b64: string): Uint8Array {
  const buffer = platformBuffer();
  return buffer ? base64ToBytesWithBuffer(b64, buffer) : base64ToBytesWithAtob(b64);
}

/**
 * A text that is not valid base64, reported by {@link decodeBase64}.
 *
 * @example
 * ```ts
 * import { Base64Error } from 'rx-realtime';
 * new Base64Error('AA!').message; // 'not valid base64 (3 characters)'
 * ```
 */
export class Base64Error extends Error {
  /** Always `Base64Error`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'Base64Error';
  /** @param text - what was given (only its length goes into the message). */
  constructor(text: unknown) {
    super(
      typeof text === 'string'
        ? `not valid base64 (${text.length} characters)`
        : `not valid base64 (a ${text === null ? 'null' : typeof text}, not a string)`,
    );
  }
}

/**
 * Decodes standard base64 like {@link base64ToBytes}, but refuses malformed input, the same
 * way on every platform and without throwing: a length that no base64 text has, characters
 * outside the alphabet, padding in the middle. (Node's decoder also reads the URL-safe
 * alphabet, `-` and `_`; browsers refuse it.) Costs one length comparison on top of the
 * decoding under Node.
 *
 * @example
 * ```ts
 * import { either } from 'fp-ts';
 * import { decodeBase64 } from 'rx-realtime';
 * decodeBase64('AAEC'); // Right(Uint8Array [0, 1, 2])
 * either.isLeft(decodeBase64('AA!A')); // true: a Base64Error
 * ```
 */
export function decodeBase64(b64: string): either.Either<Base64Error, Uint8Array> {
  if (typeof b64 !== 'string' || b64.length % 4 === 1) return either.left(new Base64Error(b64));
  const buffer = platformBuffer();
  if (buffer) {
    // Node skips what it cannot read, so a bad character shows as missing bytes.
    const bytes = base64ToBytesWithBuffer(b64, buffer);
    return bytes.length === base64ByteLength(b64)
      ? either.right(bytes)
      : either.left(new Base64Error(b64));
  }
  return either.tryCatch(
    () => base64ToBytesWithAtob(b64),
    () => new Base64Error(b64),
  );
}

/**
 * Decodes base64 as {@link decodeBase64} does, straight into `target` at `offset`, which must
 * have room for {@link base64ByteLength} bytes: under Node no memory is allocated for them.
 * The number of bytes written, or the `Base64Error` (then what `target` holds past `offset` is
 * unspecified).
 *
 * @example
 * ```ts
 * import { decodeBase64Into } from 'rx-realtime';
 * const page = new Uint8Array(8);
 * decodeBase64Into('AAEC', page, 4); // Right(3); page is [0, 0, 0, 0, 0, 1, 2, 0]
 * ```
 */
export function decodeBase64Into(
  b64: string,
  target: Uint8Array,
  offset: number,
): either.Either<Base64Error, number> {
  if (typeof b64 !== 'string' || b64.length % 4 === 1) return either.left(new Base64Error(b64));
  const length = base64ByteLength(b64);
  if (offset < 0 || offset + length > target.length)
    throw new RangeError(`no room for ${length} bytes at ${offset} in ${target.length}`);
  const buffer = platformBuffer();
  if (!buffer) {
    const bytes = decodeBase64(b64);
    if (bytes._tag === 'Left') return bytes;
    target.set(bytes.right, offset);
    return either.right(length);
  }
  // Node skips what it cannot read, so a bad character shows as missing bytes.
  const written = buffer
    .from(target.buffer, target.byteOffset + offset, length)
    .write(b64, 'base64');
  return written === length ? either.right(length) : either.left(new Base64Error(b64));
}

/**
 * Encodes bytes as standard, padded base64, with `Buffer` under Node and `btoa` elsewhere.
 * Views into a larger buffer are encoded as the view (its `byteOffset` and `byteLength`).
 *
 * @example
 * ```ts
 * import { bytesToBase64 } from 'rx-realtime';
 * bytesToBase64(new Uint8Array([0, 1, 2])); // 'AAEC'
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const buffer = platformBuffer();
  return buffer ? bytesToBase64WithBuffer(bytes, buffer) : bytesToBase64WithBtoa(bytes);
}

/**
 * The number of bytes a base64 string decodes to, computed from its length without decoding:
 * `floor(length * 3 / 4) - padding`. Works for padded and unpadded input; whitespace is not
 * expected (the API sends none).
 *
 * @example
 * ```ts
 * import { base64ByteLength } from 'rx-realtime';
 * base64ByteLength('A'.repeat(1280)); // 960: one 20 ms pcm16 chunk
 * base64ByteLength('AAE='); // 2
 * ```
 */
export function base64ByteLength(b64: string): number {
  let padding = 0;
  while (padding < 2 && b64.charCodeAt(b64.length - 1 - padding) === EQUALS_SIGN) padding++;
  return Math.floor((b64.length * 3) / 4) - padding;
}
