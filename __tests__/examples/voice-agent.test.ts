import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from 'rx-realtime';
import { runExample } from './run-example';

it.each(['ga', 'beta'])(
  'npm start (%s): speech in, tool call, barge-in truncated at what was heard, summary and WAV',
  (dialect) => {
    const cwd = mkdtempSync(join(tmpdir(), 'rx-realtime-start-'));
    try {
      const run = runExample('voice-agent', {
        args: ['--dialect', dialect],
        cwd,
        timeoutMs: 60_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const out = run.stdout;
      // The recorded question is heard by server VAD and transcribed.
      expect(out).toMatch(/user +speech started \(audio_start_ms \d+\)/);
      expect(out).toMatch(/user +"What's the weather like in Paris today\?"/);
      // A spoken preamble, the tool call and its result.
      expect(out).toMatch(/agent +"Let me check the weather for you\."/);
      expect(out).toMatch(/calls get_weather\(\{"location":"Paris"/);
      expect(out).toMatch(/tool +get_weather -> \{"location":"Paris","temperature":18/);
      // The barge-in: the client truncates at what was played, the server confirms the same.
      const sent = /truncate at audio_end_ms (\d+)/.exec(out);
      const confirmed = /server truncated \S+ at (\d+) ms/.exec(out);
      expect(sent && confirmed).toBeTruthy();
      expect(confirmed![1]).toBe(sent![1]);
      expect(Number(sent![1])).toBeGreaterThanOrEqual(1500);
      expect(out).toMatch(/user +"Thanks, that's all I needed\."/);
      expect(out).toMatch(/turns: 2 user, 3 responses \(completed, \w+, completed\)/);
      expect(out).toMatch(/tokens: [1-9]\d* \(\d+ in, \d+ out\)/);
      // What the user heard: the preamble, the cut answer and the goodbye, as a 24 kHz WAV.
      const wav = decodeWav(readFileSync(join(cwd, 'out', 'assistant.wav')));
      expect(wav.sampleRate).toBe(24000);
      const heardMs = wav.samples.length / 24;
      expect(heardMs).toBeGreaterThan(Number(sent![1]) + 2000);
      // The recording of every frame, and the timeline drawn from it.
      const recording = readFileSync(join(cwd, 'out', 'session.jsonl'), 'utf8')
        .trim()
        .split('\n');
      expect(recording.map((line) => JSON.parse(line).dir)).toEqual(
        expect.arrayContaining(['in', 'out']),
      );
      expect(out).toMatch(/2 user turns, 3 assistant audio items \([\d.]+ s\), 1 truncation/);
      const svg = readFileSync(join(cwd, 'out', 'timeline.svg'), 'utf8');
      expect(svg).toContain(`truncated at ${sent![1]} ms`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  },
  90_000,
);
