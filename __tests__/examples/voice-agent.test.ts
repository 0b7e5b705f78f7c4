import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExample } from './run-example';

it.each(['ga', 'beta'])(
  'npm start (%s): the voice agent runs against the simulator, calls the tool and writes the audio',
  (dialect) => {
    const cwd = mkdtempSync(join(tmpdir(), 'rx-realtime-start-'));
    try {
      const run = runExample('voice-agent', { args: ['--dialect', dialect], cwd });
      expect(run.status).toBe(0);
      const out = run.stdout;
      expect(out).toMatch(/tool get_weather\(\{"location":"Paris"/);
      expect(out).toMatch(/assistant: .*18/);
      expect(out).toMatch(/summary: 2 responses/);
      const wav = readFileSync(join(cwd, 'out', 'assistant.wav'));
      expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(wav.byteLength).toBeGreaterThan(44 + 48 * 500);
    } finally {
      if (existsSync(cwd)) rmSync(cwd, { recursive: true, force: true });
    }
  },
  60_000,
);
