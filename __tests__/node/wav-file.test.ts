import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WavFormatError } from '../../src/audio/index.js';
import { readWavFile, writeWavFile } from '../../src/node/wav-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rx-realtime-wav-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('writes a file that reads back to the same samples', async () => {
  const path = join(dir, 'tone.wav');
  const samples = Int16Array.from({ length: 480 }, (_, i) => (i % 48) * 100 - 2400);
  await writeWavFile(path, samples);
  const wav = await readWavFile(path);
  expect(wav).toMatchObject({ sampleRate: 24000, channels: 1, format: 'pcm16' });
  expect([...wav.samples]).toEqual([...samples]);
});

it('writes G.711 when asked', async () => {
  const path = join(dir, 'phone.wav');
  await writeWavFile(path, new Int16Array(80), { format: 'g711_ulaw' });
  expect(await readWavFile(path)).toMatchObject({ sampleRate: 8000, format: 'g711_ulaw' });
});

it('names the file when it is not a WAV file', async () => {
  const path = join(dir, 'notes.wav');
  writeFileSync(path, 'not audio');
  const read = readWavFile(path);
  await expect(read).rejects.toThrow(WavFormatError);
  await expect(read).rejects.toThrow(`${path}: not a readable WAV file`);
});

it('passes on the file system error for a missing file', async () => {
  await expect(readWavFile(join(dir, 'missing.wav'))).rejects.toThrow(/ENOENT/);
});
