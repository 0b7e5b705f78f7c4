/**
 * Benchmark of paced audio (a program, not a test): `npm run bench paced`.
 *
 * Streams 3 s of pcm16 in 20 ms chunks the way a microphone stand-in does, with a subscriber
 * that keeps the event loop busy for 4 ms per chunk (encoding and sending a frame, say), and
 * prints how late the last chunk came on the wall clock: once with a hand-made `interval(20)`
 * (the baseline), once with `pacedChunks`. Printed as lateness and as the ratio of the two.
 */
import { performance } from 'node:perf_hooks';
import { interval, lastValueFrom, map, take, tap, type Observable } from 'rxjs';
import { msToBytes } from '../src/audio/index.js';
import { pacedChunks } from '../src/operators/pacedChunks.js';

const AUDIO_MS = 3000;
const CHUNK_MS = 20;
const BUSY_MS = 4;
const audio = new Uint8Array(msToBytes(AUDIO_MS, 'pcm16'));
const chunkBytes = msToBytes(CHUNK_MS, 'pcm16');

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** How many ms after its due time (start + last chunk's offset) the last chunk arrived. */
async function lateness(chunks$: Observable<Uint8Array>): Promise<number> {
  const start = performance.now();
  let last = start;
  await lastValueFrom(
    chunks$.pipe(
      tap(() => {
        last = performance.now();
        busy(BUSY_MS);
      }),
    ),
  );
  return last - start - (AUDIO_MS - CHUNK_MS);
}

async function main(): Promise<void> {
  const chunks = audio.byteLength / chunkBytes;
  const handMade = await lateness(
    interval(CHUNK_MS).pipe(
      take(chunks),
      map((i) => audio.subarray(i * chunkBytes, (i + 1) * chunkBytes)),
    ),
  );
  const paced = await lateness(pacedChunks(audio, { chunkMs: CHUNK_MS }));
  console.log(
    `${AUDIO_MS} ms of audio in ${chunks} chunks of ${CHUNK_MS} ms, ${BUSY_MS} ms of work each`,
  );
  console.log(`  interval(${CHUNK_MS}) (baseline): last chunk ${handMade.toFixed(0)} ms late`);
  console.log(`  pacedChunks:          last chunk ${paced.toFixed(0)} ms late`);
  console.log(
    `  ratio: pacedChunks drifts ${(paced / handMade).toFixed(3)}x as much as interval (lower is better)`,
  );
}

void main();
