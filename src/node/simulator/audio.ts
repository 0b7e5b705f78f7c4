/** The input audio encodings the simulator understands. */
export type AudioEncoding = 'pcm16' | 'pcmu' | 'pcma';

/** Bytes per millisecond of an encoding (reference §3). */
export function bytesPerMs(encoding: AudioEncoding): number {
  return encoding === 'pcm16' ? 48 : 8;
}

/** Samples per millisecond of an encoding. */
export function samplesPerMs(encoding: AudioEncoding): number {
  return encoding === 'pcm16' ? 24 : 8;
}

/** The encoding named by a GA audio format object (`{ type: 'audio/pcmu' }` ...). */
export function encodingOf(format: unknown): AudioEncoding {
  const type =
    typeof format === 'object' && format !== null ? (format as { type?: unknown }).type : undefined;
  return type === 'audio/pcmu' ? 'pcmu' : type === 'audio/pcma' ? 'pcma' : 'pcm16';
}

function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = segment === 0 ? t + 8 : segment === 1 ? t + 0x108 : (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

/** Linear 16-bit sample `index` of a buffer in the given encoding. */
export function sampleAt(bytes: Buffer, index: number, encoding: AudioEncoding): number {
  if (encoding === 'pcm16') return bytes.readInt16LE(index * 2);
  return encoding === 'pcmu' ? ulawToLinear(bytes[index]) : alawToLinear(bytes[index]);
}

/**
 * The RMS level of a frame in dBFS (0 = full scale); digital silence is -120.
 *
 * @example
 * ```ts
 * rmsDbfs(Buffer.alloc(960), 'pcm16'); // -120
 * ```
 */
export function rmsDbfs(frame: Buffer, encoding: AudioEncoding): number {
  const samples = encoding === 'pcm16' ? frame.length >> 1 : frame.length;
  if (samples === 0) return -120;
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    const s = sampleAt(frame, i, encoding);
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples);
  return rms === 0 ? -120 : 20 * Math.log10(rms / 32768);
}

/**
 * Speech-like PCM16 24 kHz mono: per word a "syllable" (a tone gliding around a pitch with a
 * rise-and-fall envelope) followed by a short gap. `durationMs` is rounded to 20 ms frames.
 */
export function synthesizeSpeech(durationMs: number, seed = 1): Buffer {
  const samples = Math.max(1, Math.round(durationMs / 20)) * 20 * 24;
  const out = Buffer.alloc(samples * 2);
  const syllableSamples = 24 * 200;
  for (let i = 0; i < samples; i++) {
    const syllable = Math.floor(i / syllableSamples);
    const within = (i % syllableSamples) / syllableSamples;
    // 80% voiced, 20% pause, with a sine envelope so the level rises and falls like a syllable.
    const envelope = within < 0.8 ? Math.sin((Math.PI * within) / 0.8) : 0;
    const pitch = 140 + 40 * Math.sin(syllable * 1.7 + seed);
    const t = i / 24000;
    const value =
      envelope *
      (0.5 * Math.sin(2 * Math.PI * pitch * t) + 0.2 * Math.sin(4 * Math.PI * pitch * t));
    out.writeInt16LE(Math.round(value * 12000), i * 2);
  }
  return out;
}

/**
 * A PCM16 24 kHz test signal: `silence` ms of silence, `tone` ms of a 440 Hz tone at about
 * -12 dBFS, and so on alternately. Handy for VAD tests.
 *
 * @example
 * ```ts
 * const audio = toneAndSilence([500, 1000, 1000]); // 500 ms silence, 1 s tone, 1 s silence
 * ```
 */
export function toneAndSilence(segmentsMs: readonly number[]): Buffer {
  const parts = segmentsMs.map((ms, index) => {
    const samples = Math.round(ms * 24);
    const buffer = Buffer.alloc(samples * 2);
    if (index % 2 === 1) {
      for (let i = 0; i < samples; i++)
        buffer.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24000)), i * 2);
    }
    return buffer;
  });
  return Buffer.concat(parts);
}
