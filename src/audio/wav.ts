import { type AudioFormat, sampleRate as formatSampleRate } from './formats.js';
import { decodeALaw, decodeMuLaw, encodeALaw, encodeMuLaw } from './g711.js';
import { pcm16BytesToInt16 } from './pcm.js';
import { buildWaveFile, parseWaveFile, type WaveBitDepthCode } from './wavefile-interop.js';

/**
 * Thrown by {@link decodeWav} for bytes that are not a WAV file it can read: no RIFF/WAVE
 * header, a missing `fmt ` or `data` chunk, or an encoding other than linear PCM, IEEE float,
 * µ-law or A-law. The underlying parser's error, if any, is the `cause`.
 *
 * @example
 * ```ts
 * import { decodeWav, WavFormatError } from 'rx-realtime';
 * try {
 *   decodeWav(new Uint8Array(8));
 * } catch (error) {
 *   if (error instanceof WavFormatError) console.log(error.message);
 * }
 * ```
 */
export class WavFormatError extends Error {
  /** Always `WavFormatError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'WavFormatError';
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Options of {@link encodeWav}.
 *
 * @example
 * ```ts
 * import type { EncodeWavOptions } from 'rx-realtime';
 * const options: EncodeWavOptions = { format: 'g711_ulaw' };
 * ```
 */
export interface EncodeWavOptions {
  /** The encoding to write. Default `pcm16`. */
  readonly format?: AudioFormat;
  /** Samples per second. Default: the format's API rate, 24 000 for `pcm16`, 8 000 for G.711. */
  readonly sampleRate?: number;
  /** Only mono, like the API. Default 1. */
  readonly channels?: 1;
}

/**
 * A WAV file read by {@link decodeWav}.
 *
 * @example
 * ```ts
 * import { decodeWav, encodeWav, type DecodedWav } from 'rx-realtime';
 * const wav: DecodedWav = decodeWav(encodeWav(new Int16Array(480)));
 * ```
 */
export interface DecodedWav {
  /** Samples per second per channel, as stored in the file. */
  readonly sampleRate: number;
  /** Channel count; `samples` are interleaved when there is more than one. */
  readonly channels: number;
  /** Bits per sample as stored in the file (8 for G.711, 16 for `pcm16`, 24, 32…). */
  readonly bitsPerSample: number;
  /**
   * The encoding the file's samples were in: `g711_ulaw`, `g711_alaw`, or `pcm16` for every
   * linear PCM and float file (converted to 16 bits). It names the encoding only: check
   * `sampleRate` (and resample) before sending the audio to the API.
   */
  readonly format: AudioFormat;
  /** The audio as 16-bit samples (G.711 decoded, other depths converted). */
  readonly samples: Int16Array;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const MAX_SAMPLE_RATE = 0xffffffff;

const BIT_DEPTH_CODES: Readonly<Record<AudioFormat, WaveBitDepthCode>> = {
  pcm16: '16',
  g711_ulaw: '8m',
  g711_alaw: '8a',
};

/**
 * Writes mono audio as a RIFF/WAVE file: 16-bit PCM for `pcm16`, `WAVE_FORMAT_MULAW` or
 * `WAVE_FORMAT_ALAW` (8-bit, 8 kHz by default) for G.711.
 *
 * `pcm` is either samples (`Int16Array`, encoded to G.711 when that is the format) or bytes
 * already in the format (`Uint8Array`: PCM16 little-endian, an odd trailing byte ignored, or
 * G.711 codes written as they are). Throws a `RangeError` for a sample rate that is not a
 * positive integer or a channel count other than 1.
 *
 * @example
 * ```ts
 * import { AudioChunkList, encodeWav } from 'rx-realtime';
 * const reply = new AudioChunkList('pcm16').append(new Uint8Array(4800));
 * const wav = encodeWav(reply.toBytes()); // 100 ms at 24 kHz, 4844 bytes
 * const phone = encodeWav(new Uint8Array(800), { format: 'g711_ulaw' }); // 100 ms at 8 kHz
 * ```
 */
export function encodeWav(
  pcm: Uint8Array | Int16Array,
  options: EncodeWavOptions = {},
): Uint8Array {
  const format = options.format ?? 'pcm16';
  const rate = options.sampleRate ?? formatSampleRate(format);
  const channels: number = options.channels ?? 1;
  if (!Number.isInteger(rate) || rate <= 0 || rate > MAX_SAMPLE_RATE) {
    throw new RangeError(`WAV sample rate must be a positive integer, got ${rate}`);
  }
  if (channels !== 1) throw new RangeError(`only mono WAV is written, got ${channels} channels`);
  return buildWaveFile(channels, rate, BIT_DEPTH_CODES[format], samplesFor(pcm, format));
}

/**
 * Reads a WAV file into 16-bit samples. Understands RIFF, RIFX and RF64 containers with
 * linear PCM (8 to 32 bits), IEEE float (32 or 64 bits), µ-law and A-law data, plain or
 * `WAVE_FORMAT_EXTENSIBLE` (except extensible float). Linear PCM other than 16-bit
 * little-endian and float are converted by `wavefile`; G.711 is decoded with this package's
 * reference codecs.
 *
 * Throws a {@link WavFormatError} for anything else: this is a plain helper for files,
 * not a stream, so it reports bad input by throwing.
 *
 * @example
 * ```ts
 * import { decodeWav, encodeWav, resampleLinear, int16ToFloat32 } from 'rx-realtime';
 * const wav = decodeWav(encodeWav(new Int16Array(480)));
 * wav.sampleRate; // 24000
 * const at24k = resampleLinear(int16ToFloat32(wav.samples), wav.sampleRate, 24000);
 * ```
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const wave = attempt('not a readable WAV file', () => parseWaveFile(bytes));
  const { channels, sampleRate, bitsPerSample } = wave;
  if (channels < 1) throw new WavFormatError('WAV file declares no channels');
  if (sampleRate < 1) throw new WavFormatError('WAV file declares a sample rate of 0');
  const header = { sampleRate, channels, bitsPerSample };
  switch (wave.formatCode) {
    case WAVE_FORMAT_MULAW:
      requireEightBits(bitsPerSample, 'µ-law');
      return { ...header, format: 'g711_ulaw', samples: decodeMuLaw(wave.data) };
    case WAVE_FORMAT_ALAW:
      requireEightBits(bitsPerSample, 'A-law');
      return { ...header, format: 'g711_alaw', samples: decodeALaw(wave.data) };
    case WAVE_FORMAT_PCM: {
      // 16-bit little-endian is already the API's layout: read it directly.
      const direct = bitsPerSample === 16 && wave.container !== 'RIFX';
      const samples = direct
        ? pcm16BytesToInt16(wave.data)
        : attempt(`cannot convert ${bitsPerSample}-bit PCM`, () => wave.toInt16());
      return { ...header, format: 'pcm16', samples };
    }
    case WAVE_FORMAT_IEEE_FLOAT:
      if (wave.extensible) break;
      return {
        ...header,
        format: 'pcm16',
        samples: attempt(`cannot convert ${bitsPerSample}-bit float`, () => wave.toInt16()),
      };
  }
  throw new WavFormatError(
    `unsupported WAV encoding: format code ${wave.formatCode}${wave.extensible ? ' (extensible)' : ''}`,
  );
}

function samplesFor(pcm: Uint8Array | Int16Array, format: AudioFormat): Int16Array | Uint8Array {
  if (isInt16Samples(pcm)) {
    if (format === 'pcm16') return pcm;
    return format === 'g711_ulaw' ? encodeMuLaw(pcm) : encodeALaw(pcm);
  }
  return format === 'pcm16' ? pcm16BytesToInt16(pcm) : pcm;
}

// BYTES_PER_ELEMENT rather than instanceof: typed arrays from another realm fail instanceof.
function isInt16Samples(pcm: Uint8Array | Int16Array): pcm is Int16Array {
  return pcm.BYTES_PER_ELEMENT === 2;
}

function requireEightBits(bitsPerSample: number, codec: string): void {
  if (bitsPerSample !== 8) {
    throw new WavFormatError(`${codec} WAV must have 8 bits per sample, got ${bitsPerSample}`);
  }
}

function attempt<T>(context: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WavFormatError(`${context}: ${reason}`, { cause: error });
  }
}
