import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runExample } from './run-example';

/** The fields of recorded server events the test reads. */
interface RecordedEvent {
  readonly type: string;
  readonly item?: {
    readonly type: string;
    readonly role?: string;
    readonly name?: string;
    readonly arguments?: string;
    readonly output?: string;
    readonly content?: readonly { readonly text?: string }[];
  };
  readonly transcript?: string;
  readonly audio_end_ms?: number;
  readonly response?: { readonly usage?: { readonly total_tokens?: number } };
}

/** The recording's server events, read as plain JSON (independently of the library). */
const eventsOf = (path: string): RecordedEvent[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);

describe('examples/replay', () => {
  it('prints the conversation, the responses and the usage of the bundled recording', () => {
    const events = eventsOf(join(root, 'examples', 'replay', 'session.jsonl'));
    const done = events.filter((e) => e.type === 'conversation.item.done').map((e) => e.item);
    const user = done.find((i) => i?.type === 'message' && i.role === 'user');
    const call = done.find((i) => i?.type === 'function_call');
    const output = done.find((i) => i?.type === 'function_call_output');
    const transcript = events.find((e) => e.type === 'response.output_audio_transcript.done');
    const usages = events.filter((e) => e.type === 'response.done').map((e) => e.response?.usage);
    const total = usages.reduce((n, u) => n + (u?.total_tokens ?? 0), 0);
    expect(total).toBeGreaterThan(0);

    const run = runExample('replay');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    const conversation = lines.slice(lines.indexOf('conversation (4 items):') + 1).slice(0, 4);
    expect(conversation).toEqual([
      `  user: ${user?.content?.[0]?.text}`,
      `  tool call: ${call?.name}(${call?.arguments})`,
      `  tool output: ${output?.output}`,
      `  assistant: ${transcript?.transcript}`,
    ]);
    expect(run.stdout).toContain(`function call get_weather(${call?.arguments})`);
    expect(run.stdout).toMatch(/assistant message: \d+ ms of audio, transcript "It's 18 degrees/);
    expect(run.stdout).toContain(`usage: ${total} tokens over ${usages.length} responses`);
  }, 60_000);

  it('takes another recording as its argument: an interrupted answer is marked as cut', () => {
    const file = join(root, '__tests__', 'fixtures', 'samples', 'beta-interruption.server.jsonl');
    const truncated = eventsOf(file).find((e) => e.type === 'conversation.item.truncated');
    const run = runExample('replay', { args: [file, '--dialect', 'beta'] });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('conversation (4 items):');
    expect(run.stdout).toContain('  user: Tell me a story about a lighthouse keeper.');
    expect(run.stdout).toContain(`[heard until ${truncated?.audio_end_ms} ms]`);
    expect(run.stdout).toMatch(/resp_\w+ cancelled/);
  }, 60_000);
});
