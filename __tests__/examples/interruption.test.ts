import { runExample } from './run-example';

describe('examples/interruption', () => {
  it.each(['ga', 'beta'])(
    'the user talks over the assistant: truncated at what was played, the server confirms (%s)',
    (dialect) => {
      const run = runExample('interruption', { args: ['--dialect', dialect] });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const out = run.stdout;

      const item = /assistant speaking \((\S+)\)/.exec(out)?.[1];
      expect(item).toBeDefined();
      expect(out).toContain(`interrupted: the user spoke over ${item}`);
      expect(out).toContain('response cancelled (turn_detected)');

      const sent =
        /sent conversation\.item\.truncate audio_end_ms=(\d+): played \1 ms of the (\d+) ms received/.exec(
          out,
        );
      expect(sent).not.toBeNull();
      const [, audioEndMs, receivedMs] = sent!.map(Number);
      expect(audioEndMs).toBeGreaterThan(0);
      expect(audioEndMs).toBeLessThanOrEqual(receivedMs);
      expect(out).toContain(`received conversation.item.truncated audio_end_ms=${audioEndMs}`);
    },
    60_000,
  );
});
