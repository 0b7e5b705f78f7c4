/**
 * The two platform implementations behind `base64.ts`. Internal: exported so tests can run
 * the browser path under Node and compare it with the `Buffer` path; not re-exported by the
 * package.
 */

/** The slice of Node's `Buffer` this module uses, typed here because the global is lint-forbidden outside `src/node`. */
export interface NodeBufferLike {
  from(text: string, encoding: 'base64'): Uint8Array;
  from(
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): { toString(encoding: 'base64'): string; write(text: string, encoding: 'base64'): number };
}

/** Node's `Buffer` when running under Node (or a bundle that polyfills it), otherwise `undefined`. */
export function platformBuffer(): NodeBufferLike | undefined {
  return (globalThis as { readonly Buffer?: NodeBufferLike }).Buffer;
}

/** `String.fromCharCode` spreads its arguments on the stack, so feed it bounded slices. */
const BINARY_STRING_CHUNK = 0x8000;

// `apply` accepts any array-like; a typed-array slice avoids copying into a number[].
const fromCharCodes = String.fromCharCode as unknown as {
  apply(thisArg: null, codes: ArrayLike<number>): string;
};

/**
 * Decodes with `Buffer`. The result is a plain `Uint8Array` that owns its whole
 * `ArrayBuffer` (small Node buffers are slices of a shared pool, which would surprise callers
 * doing `new Int16Array(bytes.buffer)` or transferring the buffer): the bytes are decoded
 * straight into it, one allocation per call. Malformed input, whose characters Node skips,
 * decodes to fewer bytes, returned in a buffer of their own.
 */
export function base64ToBytesWithBuffer(b64: string, buffer: NodeBufferLike): Uint8Array {
  // Exact for well-formed base64; otherwise at least what Node will decode.
  const padding = b64.length % 4 !== 0 ? 0 : b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array(Math.floor((b64.length * 3) / 4) - padding);
  const written = buffer.from(bytes.buffer, 0, bytes.length).write(b64, 'base64');
  return written === bytes.length ? bytes : bytes.slice(0, written);
}

/** Encodes with `Buffer`, reading the bytes in place (no copy). */
export function bytesToBase64WithBuffer(bytes: Uint8Array, buffer: NodeBufferLike): string {
  return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes with `atob` (browsers, workers, Deno). */
export function base64ToBytesWithAtob(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes with `btoa`, building the binary string 32 KiB at a time. */
export function bytesToBase64WithBtoa(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += BINARY_STRING_CHUNK) {
    // eslint-disable-next-line prefer-spread -- apply reads the typed array as is; spread would iterate it
    parts.push(fromCharCodes.apply(null, bytes.subarray(start, start + BINARY_STRING_CHUNK)));
  }
  return btoa(parts.join(''));
}
