import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

it.each(['ga', 'beta'])(
  'npm start (%s): the voice agent runs against the simulator, calls the tool and writes the audio',
  (dialect) => {
    const cwd = mkdtempSync(join(tmpdir(), 'rx-realtime-start-'));
    try {
      const out = execFileSync(
        join(root, 'node_modules', '.bin', 'tsx'),
        [join(root, 'examples', 'voice-agent', 'main.ts'), '--dialect', dialect],
        {
          cwd,
          encoding: 'utf8',
          env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
        },
      );
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
