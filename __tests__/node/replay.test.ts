import { join } from 'node:path';
import { describeEntry, replayConversation } from '../../src/node/replay.js';
import { SAMPLES_DIR } from '../helpers/samples.js';

describe('replayConversation (npx rx-realtime replay)', () => {
  it.each(['ga', 'beta'] as const)(
    'prints the %s function-call conversation in order',
    async (dialect) => {
      const state = await replayConversation(
        join(SAMPLES_DIR, `${dialect}-function-call.server.jsonl`),
        { dialect },
      );
      expect(state.items.map(describeEntry)).toEqual([
        "user: What's the weather in Paris right now?",
        'tool call: get_weather({"location":"Paris","unit":"celsius"})',
        'tool output: {"temperature":18,"unit":"celsius","conditions":"light rain"}',
        "assistant: It's 18 degrees and lightly raining in Paris right now.",
      ]);
    },
  );

  it('marks the interrupted answer with what was heard', async () => {
    const state = await replayConversation(join(SAMPLES_DIR, 'ga-interruption.server.jsonl'));
    const lines = state.items.map(describeEntry);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^assistant: .+ \[heard until 200 ms\]$/);
  });
});
