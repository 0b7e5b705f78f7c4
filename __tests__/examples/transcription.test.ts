import { runExample } from './run-example';

describe('examples/transcription', () => {
  it('transcribes two spoken turns in a transcription session, with no model answer', () => {
    const run = runExample('transcription');
    expect(run.stderr).not.toMatch(/^!/m);
    expect(run.status).toBe(0);
    const finals = run.stdout.split('\n').filter((l) => l.startsWith('final '));
    expect(finals).toHaveLength(2);
    for (const line of finals)
      expect(line).toMatch(/^final {2}item_\w+: Hello, can you hear me\?$/);
    expect(run.stdout).toMatch(/so far item_\w+: Hello, can$/m);
    expect(run.stdout).toContain('transcribed 2 turn(s) from the simulator');
    expect(run.stdout).not.toMatch(/assistant/);
  }, 60_000);
});
