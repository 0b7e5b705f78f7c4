import {
  int16ToPcm16BytesByCopy,
  int16ToPcm16BytesWithDataView,
  PLATFORM_IS_LITTLE_ENDIAN,
  pcm16BytesToInt16ByCopy,
  pcm16BytesToInt16WithDataView,
} from './pcm-byte-order.js';

/** Int16 full scale: float samples are `int / 32768`, so every Int16 value round-trips exactly. */
const FULL_SCALE = 32768;

/**
 * Reads PCM16 little-endian bytes (the API's `pcm16`) as samples. Always returns a new
 * array, whatever the input's alignment. An odd trailing byte (half a sample) is ignored.
 *
 * @example
 * ```ts
 * import { pcm16BytesToInt16 } from 'rx-realtime';
 * pcm16BytesToInt16(new Uint8Array([0x01, 0x00, 0xff, 0xff])); // Int16Array [1, -1]
 * ```
 */
export function pcm16BytesToInt16(bytes: Uint8Array): Int16Array {
  return PLATFORM_IS_LITTLE_ENDIAN
    ? pcm16BytesToInt16ByCopy(bytes)
    : pcm16BytesToInt16WithDataView(bytes);
}

/**
 * Writes samples as PCM16 little-endian bytes, ready for `bytesToBase64` and
 * `input_audio_buffer.append`. Always returns a new array.
 *
 * @example
 * ```ts
 * import { int16ToPcm16Bytes } from 'rx-realtime';
 * int16ToPcm16Bytes(new Int16Array([1, -1])); // Uint8Array [0x01, 0x00, 0xff, 0xff]
 * ```
 */
export function int16ToPcm16Bytes(samples: Int16Array): Uint8Array {
  return PLATFORM_IS_LITTLE_ENDIAN
    ? int16ToPcm16BytesByCopy(samples)
    : int16ToPcm16BytesWithDataView(samples);
}

/**
 * Int16 samples to floats in [-1, 1): `sample / 32768`, the Web Audio convention.
 *
 * @example
 * ```ts
 * import { int16ToFloat32 } from 'rx-realtime';
 * int16ToFloat32(new Int16Array([-32768, 16384])); // Float32Array [-1, 0.5]
 * ```
 */
export function int16ToFloat32(samples: Int16Array): Float32Array {
  const floats = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) floats[i] = samples[i] / FULL_SCALE;
  return floats;
}

/**
 * Float samples to Int16: `round(sample * 32768)`, clamped to [-32768, 32767], so values
 * outside [-1, 1] saturate instead of wrapping. `NaN` becomes 0. Exact inverse of
 * {@link int16ToFloat32}.
 *
 * @example
 * ```ts
 * import { float32ToInt16 } from 'rx-realtime';
 * float32ToInt16(new Float32Array([-1, 0.5, 1, 7])); // Int16Array [-32768, 16384, 32767, 32767]
 * ```
 */
export function float32ToInt16(samples: Float32Array): Int16Array {
  const ints = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const scaled = Math.round(samples[i] * FULL_SCALE);
    // NaN fails both tests and is stored as 0 by the Int16Array.
    ints[i] = scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
  }
  return ints;
}

/**
 * Float samples (a Web Audio buffer, [-1, 1]) straight to PCM16 little-endian bytes.
 *
 * @example
 * ```ts
 * import { bytesToBase64, float32ToPcm16Bytes } from 'rx-realtime';
 * const audio = bytesToBase64(float32ToPcm16Bytes(new Float32Array(480)));
 * ```
 */
export function float32ToPcm16Bytes(samples: Float32Array): Uint8Array {
  const ints = float32ToInt16(samples);
  // `ints` is fresh and owns its buffer, so on little-endian its memory is the answer.
  return PLATFORM_IS_LITTLE_ENDIAN
    ? new Uint8Array(ints.buffer)
    : int16ToPcm16BytesWithDataView(ints);
}

/**
 * PCM16 little-endian bytes straight to float samples for Web Audio. An odd trailing byte
 * is ignored.
 *
 * @example
 * ```ts
 * import { base64ToBytes, pcm16BytesToFloat32 } from 'rx-realtime';
 * const floats = pcm16BytesToFloat32(base64ToBytes('AEAAwA==')); // Float32Array [0.5, -0.5]
 * ```
 */
export function pcm16BytesToFloat32(bytes: Uint8Array): Float32Array {
  const aligned = PLATFORM_IS_LITTLE_ENDIAN && bytes.byteOffset % 2 === 0;
  // Aligned input is read in place; only unaligned or big-endian input needs a copy first.
  const samples = aligned
    ? new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1)
    : pcm16BytesToInt16(bytes);
  return int16ToFloat32(samples);
}

/**
 * Resamples by plain linear interpolation between neighbouring samples, without an
 * anti-aliasing filter: cheap, and good enough to bring speech from a 44.1 or 48 kHz
 * microphone to the API's 24 kHz. Each call stands alone, so resample blocks of at least
 * ~10 ms to keep block edges inaudible. The output has
 * `round(samples.length * toRate / fromRate)` samples. Throws a `RangeError` unless both
 * rates are positive and finite.
 *
 * @example
 * ```ts
 * import { float32ToPcm16Bytes, resampleLinear } from 'rx-realtime';
 * const mic = new Float32Array(480); // 10 ms at 48 kHz
 * const pcm16 = float32ToPcm16Bytes(resampleLinear(mic, 48000, 24000)); // 480 bytes
 * ```
 */
export function resampleLinear(
  samples: Float32Array,
  fromRate: number,
  toRate: number,
): Float32Array {
  if (!(fromRate > 0 && toRate > 0 && Number.isFinite(fromRate) && Number.isFinite(toRate))) {
    throw new RangeError(`sample rates must be positive and finite, got ${fromRate} -> ${toRate}`);
  }
  if (fromRate === toRate) return samples.slice();
  const resampled = new Float32Array(Math.round((samples.length * toRate) / fromRate));
  const step = fromRate / toRate;
  const last = samples.length - 1;
  for (let i = 0; i < resampled.length; i++) {
    const position = i * step;
    const left = Math.floor(position);
    if (left >= last) {
      resampled[i] = samples[last];
      continue;
    }
    const fraction = position - left;
    resampled[i] = samples[left] + (samples[left + 1] - samples[left]) * fraction;
  }
  return resampled;
}
