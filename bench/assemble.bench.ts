/**
 * Benchmark of `assembleResponses` on long audio responses (a program, not a test):
 *
 *   npx tsx bench/assemble.bench.ts      (re-runs itself under node --expose-gc)
 *
 * Assembles one response of 60 minutes of 20 ms pcm16 audio deltas (960 bytes each,
 * 180 000 deltas) and one of 6 minutes in the same run, and prints:
 * - events/s for each;
 * - the time ratio 60 min / 6 min (10 for linear cost; well above 11 means a cost per delta
 *   that grows with the response);
 * - memory retained per second of audio while the last snapshot is alive, against the raw
 *   PCM size (48 000 bytes/s), measured as heapUsed + arrayBuffers after `global.gc()`.
 *
 * The decoded event objects are built before timing and share one base64 string, so event
 * generation is not measured; base64 decoding is, since the operator does it.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Subject } from 'rxjs';
import { assembleResponses, type ResponseSnapshot } from '../src/operators/index.js';
import type { ServerEvent } from '../src/protocol/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename], {
    stdio: 'inherit',
  });
  process.exit(0);
}
const collect = gc;

const CHUNK_BYTES = 960; // 20 ms of pcm16 at 24 kHz
const RAW_BYTES_PER_S = 48_000;
const SHARED_DELTA = Buffer.alloc(CHUNK_BYTES, 0x2a).toString('base64');

function buildEvents(rid: string, minutes: number): ServerEvent[] {
  const deltas = minutes * 60 * 50;
  const iid = `item_${rid}`;
  const at = { response_id: rid, item_id: iid, output_index: 0, content_index: 0 };
  const events: ServerEvent[] = [
    {
      type: 'response.created',
      event_id: 'e0',
      response: {
        id: rid,
        status: 'in_progress',
        output: [],
        status_details: null,
        usage: null,
        metadata: null,
      },
    },
    {
      type: 'response.output_item.added',
      event_id: 'e1',
      response_id: rid,
      output_index: 0,
      item: { id: iid, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    },
    {
      type: 'response.content_part.added',
      event_id: 'e2',
      ...at,
      part: { type: 'audio', transcript: '' },
    },
  ];
  for (let i = 0; i < deltas; i++) {
    events.push({
      type: 'response.output_audio.delta',
      event_id: 'ed',
      ...at,
      delta: SHARED_DELTA,
    });
  }
  events.push({ type: 'response.output_audio.done', event_id: 'e3', ...at });
  events.push({
    type: 'response.done',
    event_id: 'e4',
    response: {
      id: rid,
      status: 'completed',
      output: [],
      status_details: null,
      usage: null,
      metadata: null,
    },
  });
  return events;
}

function assemble(events: readonly ServerEvent[]): {
  readonly ms: number;
  readonly last: ResponseSnapshot;
} {
  const source = new Subject<ServerEvent>();
  let last: ResponseSnapshot | undefined;
  const sub = source.pipe(assembleResponses()).subscribe((s) => (last = s));
  const t0 = performance.now();
  for (const e of events) source.next(e);
  const ms = performance.now() - t0;
  sub.unsubscribe();
  if (!last) throw new Error('no snapshot');
  return { ms, last };
}

const memory = (): number => {
  collect();
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const audioSeconds = (s: ResponseSnapshot): number => {
  const item = s.output[0];
  const part = item.type === 'message' ? item.content[0] : undefined;
  if (!part || part.type !== 'audio') throw new Error('no audio part');
  return part.audio.durationMs / 1000;
};

// Warm-up so both measured runs use optimised code.
assemble(buildEvents('warmup', 1));

const short = buildEvents('r6', 6);
const shortRun = assemble(short);

const long = buildEvents('r60', 60);
const before = memory();
const longRun = assemble(long);
const after = memory();
const retainedPerS = (after - before) / audioSeconds(longRun.last);

const rate = (events: readonly ServerEvent[], ms: number): string =>
  `${Math.round(events.length / (ms / 1000)).toLocaleString('en-US')} events/s`;

console.log(`assembleResponses, ${CHUNK_BYTES}-byte pcm16 deltas (20 ms each)`);
console.log(
  `  6 min  (${short.length.toLocaleString('en-US')} events): ${shortRun.ms.toFixed(0)} ms, ${rate(short, shortRun.ms)}`,
);
console.log(
  `  60 min (${long.length.toLocaleString('en-US')} events): ${longRun.ms.toFixed(0)} ms, ${rate(long, longRun.ms)}`,
);
console.log(
  `  time ratio 60 min / 6 min: ${(longRun.ms / shortRun.ms).toFixed(2)} (linear = 10, target <= ~11)`,
);
console.log(
  `  memory per second of audio: ${Math.round(retainedPerS).toLocaleString('en-US')} bytes/s vs raw PCM ${RAW_BYTES_PER_S.toLocaleString('en-US')} bytes/s = ${((retainedPerS / RAW_BYTES_PER_S - 1) * 100).toFixed(2)}% overhead (target within 5%)`,
);
// Keep the last snapshot and the events alive until after the measurement.
if (
  audioSeconds(longRun.last) !== 3600 ||
  audioSeconds(shortRun.last) !== 360 ||
  long.length === 0
) {
  throw new Error('unexpected audio duration');
}
