/**
 * Reading and writing PCM16 little-endian bytes in both platform byte orders. Internal:
 * `pcm.ts` picks one; tests run both on any machine. Not re-exported by the package.
 */

/** True on every mainstream CPU; the DataView path below exists for the rest. */
export const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Little-endian platforms: the bytes already are the samples' memory layout, so copy them
 * into a fresh (hence aligned) buffer. Works at any `byteOffset`, odd ones included.
 */
export function pcm16BytesToInt16ByCopy(bytes: Uint8Array): Int16Array {
  const samples = new Int16Array(bytes.length >> 1);
  new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.length * 2));
  return samples;
}

/** Any platform: reads each sample as explicit little-endian through a `DataView`. */
export function pcm16BytesToInt16WithDataView(bytes: Uint8Array): Int16Array {
  const samples = new Int16Array(bytes.length >> 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples.length * 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

/** Little-endian platforms: one copy of the samples' memory. */
export function int16ToPcm16BytesByCopy(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength).slice();
}

/** Any platform: writes each sample as explicit little-endian through a `DataView`. */
export function int16ToPcm16BytesWithDataView(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i], true);
  return bytes;
}
