/**
 * An audio encoding the Realtime API speaks, named by its beta token (reference §3):
 *
 * | format      | encoding                          | rate      | bytes per ms |
 * |-------------|-----------------------------------|-----------|--------------|
 * | `pcm16`     | signed 16-bit little-endian, mono | 24 000 Hz | 48           |
 * | `g711_ulaw` | G.711 µ-law, 8-bit, mono          | 8 000 Hz  | 8            |
 * | `g711_alaw` | G.711 A-law, 8-bit, mono          | 8 000 Hz  | 8            |
 *
 * @example
 * ```ts
 * import type { AudioFormat } from 'rx-realtime';
 * const output: AudioFormat = 'pcm16';
 * ```
 */
export type AudioFormat = 'pcm16' | 'g711_ulaw' | 'g711_alaw';

/**
 * The GA session's format object (`audio.input.format`, `audio.output.format`) for each
 * {@link AudioFormat}. 24 000 Hz is the only rate the API accepts for `audio/pcm`.
 *
 * @example
 * ```ts
 * import type { GaAudioFormat } from 'rx-realtime';
 * const format: GaAudioFormat = { type: 'audio/pcm', rate: 24000 };
 * ```
 */
export type GaAudioFormat =
  | {
      /** 16-bit little-endian PCM. */
      readonly type: 'audio/pcm';
      /** Sample rate in Hz; the API supports 24 kHz only. */
      readonly rate: 24000;
    }
  | {
      /** G.711 µ-law, 8 kHz (telephony). */
      readonly type: 'audio/pcmu';
    }
  | {
      /** G.711 A-law, 8 kHz (telephony). */
      readonly type: 'audio/pcma';
    };

/**
 * A GA format object as a decoded session may carry it: every field optional, as in the
 * protocol codecs. A missing `type` means the API default, `audio/pcm`.
 *
 * @example
 * ```ts
 * import type { GaAudioFormatLike } from 'rx-realtime';
 * const fromServer: GaAudioFormatLike = { type: 'audio/pcmu' };
 * ```
 */
export interface GaAudioFormatLike {
  /** The MIME-like format name, when the server sent one. */
  readonly type?: GaAudioFormat['type'];
  /** Sample rate in Hz, when the server sent one. */
  readonly rate?: number;
}

/** Slack for float rounding when converting ms to whole samples (far below one sample). */
const SAMPLE_TOLERANCE = 1e-6;

interface FormatFacts {
  readonly sampleRate: number;
  readonly bytesPerSample: number;
  readonly ga: GaAudioFormat;
}

const FACTS: Readonly<Record<AudioFormat, FormatFacts>> = {
  pcm16: { sampleRate: 24000, bytesPerSample: 2, ga: { type: 'audio/pcm', rate: 24000 } },
  g711_ulaw: { sampleRate: 8000, bytesPerSample: 1, ga: { type: 'audio/pcmu' } },
  g711_alaw: { sampleRate: 8000, bytesPerSample: 1, ga: { type: 'audio/pcma' } },
};

const FROM_GA_TYPE: Readonly<Record<GaAudioFormat['type'], AudioFormat>> = {
  'audio/pcm': 'pcm16',
  'audio/pcmu': 'g711_ulaw',
  'audio/pcma': 'g711_alaw',
};

/**
 * Whether a string is one of the three {@link AudioFormat} tokens (for example a beta
 * `output_audio_format` read from untyped JSON).
 *
 * @example
 * ```ts
 * import { isAudioFormat } from 'rx-realtime';
 * isAudioFormat('g711_ulaw'); // true
 * isAudioFormat('mp3'); // false
 * ```
 */
export function isAudioFormat(value: unknown): value is AudioFormat {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FACTS, value);
}

/**
 * The {@link AudioFormat} of a GA format object. A missing `type` is the API default,
 * `pcm16`. Throws a `RangeError` for a `type` outside the three the API defines, which
 * only untyped input can carry.
 *
 * @example
 * ```ts
 * import { audioFormatFromGa } from 'rx-realtime';
 * audioFormatFromGa({ type: 'audio/pcmu' }); // 'g711_ulaw'
 * ```
 */
export function audioFormatFromGa(format: GaAudioFormatLike): AudioFormat {
  const type = format.type ?? 'audio/pcm';
  if (!Object.prototype.hasOwnProperty.call(FROM_GA_TYPE, type)) {
    throw new RangeError(`unknown GA audio format type ${JSON.stringify(type)}`);
  }
  return FROM_GA_TYPE[type];
}

/**
 * The GA format object for an {@link AudioFormat} (a fresh object each call, safe to mutate).
 *
 * @example
 * ```ts
 * import { audioFormatToGa } from 'rx-realtime';
 * audioFormatToGa('pcm16'); // { type: 'audio/pcm', rate: 24000 }
 * ```
 */
export function audioFormatToGa(format: AudioFormat): GaAudioFormat {
  return { ...FACTS[format].ga };
}

/**
 * Samples per second: 24 000 for `pcm16`, 8 000 for G.711.
 *
 * @example
 * ```ts
 * import { sampleRate } from 'rx-realtime';
 * sampleRate('g711_alaw'); // 8000
 * ```
 */
export function sampleRate(format: AudioFormat): number {
  return FACTS[format].sampleRate;
}

/**
 * Bytes per sample: 2 for `pcm16`, 1 for G.711.
 *
 * @example
 * ```ts
 * import { bytesPerSample } from 'rx-realtime';
 * bytesPerSample('pcm16'); // 2
 * ```
 */
export function bytesPerSample(format: AudioFormat): number {
  return FACTS[format].bytesPerSample;
}

/**
 * Bytes per millisecond of audio: 48 for `pcm16` (24 samples of 2 bytes), 8 for G.711.
 *
 * @example
 * ```ts
 * import { bytesPerMs } from 'rx-realtime';
 * bytesPerMs('pcm16'); // 48
 * ```
 */
export function bytesPerMs(format: AudioFormat): number {
  const { sampleRate: rate, bytesPerSample: width } = FACTS[format];
  return (rate / 1000) * width;
}

/**
 * Milliseconds of audio in a byte count. Not rounded: a pcm16 sample is 1/24 ms.
 *
 * @example
 * ```ts
 * import { bytesToMs } from 'rx-realtime';
 * bytesToMs(960, 'pcm16'); // 20
 * bytesToMs(160, 'g711_ulaw'); // 20
 * bytesToMs(2, 'pcm16'); // 0.041666…
 * ```
 */
export function bytesToMs(bytes: number, format: AudioFormat): number {
  return bytes / bytesPerMs(format);
}

/**
 * The byte count of the whole samples that fit in `ms` milliseconds, rounded down, so a
 * `pcm16` result is always even and never splits a sample. Negative or `NaN` input gives 0,
 * `Infinity` gives `Infinity`.
 *
 * @example
 * ```ts
 * import { msToBytes } from 'rx-realtime';
 * msToBytes(20, 'pcm16'); // 960
 * msToBytes(0.1, 'pcm16'); // 4 (2.4 samples -> 2 whole samples)
 * ```
 */
export function msToBytes(ms: number, format: AudioFormat): number {
  if (!(ms > 0)) return 0;
  const { sampleRate: rate, bytesPerSample: width } = FACTS[format];
  // A tiny tolerance keeps `msToBytes(bytesToMs(n))` from losing a sample to float rounding.
  const samples = Math.floor((ms * rate) / 1000 + SAMPLE_TOLERANCE);
  return samples * width;
}
