/**
 * The narrow slice of the `wavefile` package that `wav.ts` uses, typed here because its
 * typings declare the chunks as bare `object`s. Internal, not re-exported by the package.
 */
import * as wavefileModule from 'wavefile';

type WavefileModule = typeof wavefileModule;
type WaveFile = wavefileModule.WaveFile;

// Node's ESM loader sees wavefile's UMD bundle as CommonJS and offers only `default`;
// CommonJS (tsc, ts-jest, esbuild) and bundlers (its ESM `module` entry) give the named export.
const interop = wavefileModule as Partial<WavefileModule> & {
  readonly default?: Partial<WavefileModule>;
};
const WaveFileClass = (interop.WaveFile ?? interop.default?.WaveFile) as WavefileModule['WaveFile'];

/** The `fmt ` chunk fields wavefile fills in when it parses a file. */
interface FmtChunk {
  readonly audioFormat: number;
  readonly numChannels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly subformat: readonly number[];
}

/** `WAVE_FORMAT_EXTENSIBLE`: the real format code is the first field of the sub-format GUID. */
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** A parsed WAV file, as far as this package cares. */
export interface WaveFileContents {
  /** `RIFF` (little-endian), `RIFX` (big-endian) or `RF64`. */
  readonly container: string;
  /** The format code (1 PCM, 3 IEEE float, 6 A-law, 7 µ-law), resolved through `WAVE_FORMAT_EXTENSIBLE`. */
  readonly formatCode: number;
  /** Whether the file used `WAVE_FORMAT_EXTENSIBLE`. */
  readonly extensible: boolean;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  /** The `data` chunk's bytes, as stored. */
  readonly data: Uint8Array;
  /** wavefile's own conversion of linear PCM or float samples to interleaved Int16. */
  toInt16(): Int16Array;
}

/** Parses a WAV file. Throws whatever wavefile throws for input it cannot read. */
export function parseWaveFile(bytes: Uint8Array): WaveFileContents {
  const wave = new WaveFileClass(bytes);
  const fmt = wave.fmt as FmtChunk;
  const extensible = fmt.audioFormat === WAVE_FORMAT_EXTENSIBLE;
  return {
    container: wave.container,
    formatCode: extensible ? (fmt.subformat[0] ?? 0) : fmt.audioFormat,
    extensible,
    channels: fmt.numChannels,
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    data: (wave.data as { readonly samples: Uint8Array }).samples,
    toInt16: () => {
      wave.toBitDepth('16');
      return interleavedSamples(wave, Int16Array);
    },
  };
}

function interleavedSamples(wave: WaveFile, container: Int16ArrayConstructor): Int16Array {
  // wavefile types the result as Float64Array whatever container it is given.
  return wave.getSamples(true, container) as unknown as Int16Array;
}

/** wavefile's bit depth codes for the encodings this package writes. */
export type WaveBitDepthCode = '16' | '8m' | '8a';

/** Writes a WAV file with wavefile. `samples` are Int16 values for `16`, 8-bit codes otherwise. */
export function buildWaveFile(
  channels: number,
  sampleRate: number,
  bitDepthCode: WaveBitDepthCode,
  samples: Int16Array | Uint8Array,
): Uint8Array {
  const wave = new WaveFileClass();
  wave.fromScratch(channels, sampleRate, bitDepthCode, samples);
  return wave.toBuffer();
}
