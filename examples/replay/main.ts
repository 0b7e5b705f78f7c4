/**
 * Replays a recorded session offline: the recording's server events go through the same
 * operators a live app uses, `conversationState` (the conversation, items in server order)
 * and `assembleResponses` (each response from its deltas), plus `usage` for the token totals.
 * No socket, no simulator: a recording is just an Observable of events.
 *
 *   npx tsx examples/replay/main.ts                    # the bundled examples/replay/session.jsonl
 *   npx tsx examples/replay/main.ts my-session.jsonl --dialect beta
 *
 * Record your own with `recordWire` from 'rx-realtime/testing'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, filter, forkJoin, last, lastValueFrom, toArray } from 'rxjs';
import {
  assembleResponses,
  conversationState,
  usage,
  type ItemSnapshot,
  type UsageTotals,
} from 'rx-realtime';
import { describeEntry } from 'rx-realtime/node';
import { readRecording } from 'rx-realtime/testing';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { dialect: { type: 'string', default: 'ga' } }, // the dialect it was recorded in
});
const file = positionals[0] ?? join(__dirname, 'session.jsonl');

/** One output item of a response, in a few words. */
function describeOutput(item: ItemSnapshot): string {
  if (item.type === 'function_call') return `function call ${item.name}(${item.arguments})`;
  const parts = item.content.map((c) =>
    c.type === 'text'
      ? `text "${c.text}"`
      : `${Math.round(c.audio.durationMs)} ms of audio, transcript "${c.transcript}"`,
  );
  return `${item.role} message: ${parts.join(', ')}`;
}

const describeUsage = (u: UsageTotals | null): string =>
  u === null
    ? 'no usage recorded'
    : `${u.totalTokens} tokens over ${u.responses} responses ` +
      `(input ${u.inputTokens}, of which ${u.cachedTokens} cached; output ${u.outputTokens}: ` +
      `${u.outputTextTokens} text, ${u.outputAudioTokens} audio)`;

async function main(): Promise<void> {
  const events$ = readRecording(readFileSync(file, 'utf8'), {
    dialect: args.dialect === 'beta' ? 'beta' : 'ga',
    onError: (error) => console.error(`! skipped: ${error.message}`), // replay the rest anyway
  });

  // One pass over the recording, shared by the three pipelines (connect multicasts it).
  const { conversation, responses, totals } = await lastValueFrom(
    events$.pipe(
      connect((shared$) =>
        forkJoin({
          conversation: conversationState(shared$).pipe(last()),
          responses: shared$.pipe(
            assembleResponses(),
            filter((r) => r.status !== 'in_progress'),
            toArray(),
          ),
          totals: shared$.pipe(usage(), last(null, null)),
        }),
      ),
    ),
  );

  console.log(`conversation (${conversation.items.length} items):`);
  // describeEntry is what `npx rx-realtime replay FILE` prints for each item.
  for (const entry of conversation.items) console.log(`  ${describeEntry(entry)}`);

  console.log(`responses (${responses.length}):`);
  for (const response of responses) {
    console.log(`  ${response.id} ${response.status}`);
    for (const item of response.output) console.log(`    ${describeOutput(item)}`);
  }

  console.log(`usage: ${describeUsage(totals)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
