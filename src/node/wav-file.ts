import { readFile, writeFile } from 'node:fs/promises';
import { decodeWav, encodeWav, type DecodedWav, type EncodeWavOptions } from '../audio/index.js';

/**
 * Reads a WAV file into 16-bit samples with {@link decodeWav}. Rejects with the file system's
 * error for a file it cannot read, and with a `WavFormatError` naming the file for one that is
 * not a WAV file it understands.
 *
 * @example
 * ```ts
 * import { readWavFile } from 'rx-realtime/node';
 * const question = await readWavFile('question.wav');
 * question.sampleRate; // 24000
 * ```
 */
export async function readWavFile(path: string): Promise<DecodedWav> {
  const bytes = new Uint8Array(await readFile(path));
  try {
    return decodeWav(bytes);
  } catch (error) {
    if (error instanceof Error) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

/**
 * Writes mono audio as a WAV file with {@link encodeWav}: samples, or bytes already in the
 * format (`pcm16` by default, at the format's API rate).
 *
 * @example
 * ```ts
 * import { writeWavFile } from 'rx-realtime/node';
 * await writeWavFile('heard.wav', new Uint8Array(4800)); // 100 ms of pcm16 silence
 * ```
 */
export async function writeWavFile(
  path: string,
  pcm: Uint8Array | Int16Array,
  options: EncodeWavOptions = {},
): Promise<void> {
  await writeFile(path, encodeWav(pcm, options));
}
