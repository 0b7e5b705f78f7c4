import { runExample } from './run-example';

describe('examples/tool-calling', () => {
  it.each(['ga', 'beta'])(
    'the tool loop runs both tools, sends their outputs, and the answers quote them (%s)',
    (dialect) => {
      const run = runExample('tool-calling', { args: ['--dialect', dialect] });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.trim().split('\n');
      const weather =
        '{"location":"Paris","temperature":18,"unit":"celsius","conditions":"light rain"}';
      const failure = '{"error":"get_local_time failed: the clock service does not know Tokyo"}';
      expect(lines).toEqual([
        "user    What's the weather in Paris?",
        // The simulator's arguments: the place from the question, the first enum value.
        'call    get_weather({"location":"Paris","unit":"celsius"})',
        `output  ${weather}`,
        `answer  Here is what I found: ${weather}.`,
        'user    What time is it in Tokyo?',
        'call    get_local_time({"city":"Tokyo"})',
        `output  ${failure}`,
        `answer  Here is what I found: ${failure}.`,
      ]);
    },
    60_000,
  );
});
