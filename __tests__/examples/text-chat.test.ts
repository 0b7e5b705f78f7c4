import { runExample } from './run-example';

describe('examples/text-chat', () => {
  it.each(['ga', 'beta'])(
    'streams an answer to each piped line, then exits at end of input (%s)',
    (dialect) => {
      const run = runExample('text-chat', {
        args: ['--dialect', dialect],
        input: "Hello there\nWhat's the weather in Paris?\n",
      });
      expect(run.stderr).not.toMatch(/^!/m);
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter((l) => l.startsWith('assistant> '))).toEqual([
        'assistant> You said: "Hello there". This is a scripted answer from the simulator.',
        `assistant> You said: "What's the weather in Paris?". This is a scripted answer from the simulator.`,
      ]);
    },
    60_000,
  );

  it('stops at /quit without answering what follows', () => {
    const run = runExample('text-chat', { input: 'Hi\n/quit\nNot this one\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('assistant> You said: "Hi".');
    expect(run.stdout).not.toContain('Not this one');
  }, 60_000);
});
