/**
 * Benchmark of the audio layer (a program, not a test): `npx tsx bench/audio.bench.ts`.
 *
 * Prints ratios against baselines measured in the same run:
 * - AudioChunkList: append + one `toBytes()` of 20 ms pcm16 chunks, against copying the same
 *   bytes into a buffer allocated once (the floor), for a short and a 10x longer list (the
 *   same constant for both when appends are O(1) and `toBytes` copies once).
 * - view(): appending with a view kept after every append, against appending alone, for a
 *   short and a 10x longer list (the same constant for both when a view is O(1); it would
 *   grow with the list if views copied).
 * - base64: the `Buffer` path and the browser (`atob`/`btoa`) path, against raw `Buffer`.
 */
import { performance } from 'node:perf_hooks';
import { base64ToBytesWithAtob, bytesToBase64WithBtoa } from '../src/audio/base64-codecs.js';
import { AudioChunkList, base64ToBytes, bytesToBase64 } from '../src/audio/index.js';

const CHUNK_BYTES = 960; // 20 ms of pcm16 at 24 kHz
const CHUNK = new Uint8Array(CHUNK_BYTES).map((_, i) => (i * 7) & 0xff);

/** Best of `runs` timings of `work`, in ms (the minimum is the least noisy estimate). */
function best(runs: number, work: () => unknown): number {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - t0);
  }
  return fastest;
}

function chunkListToBytes(chunks: number): Uint8Array {
  const list = new AudioChunkList('pcm16');
  for (let i = 0; i < chunks; i++) list.append(CHUNK);
  return list.toBytes();
}

function copyOnce(chunks: number): Uint8Array {
  const out = new Uint8Array(chunks * CHUNK_BYTES);
  for (let i = 0; i < chunks; i++) out.set(CHUNK, i * CHUNK_BYTES);
  return out;
}

/** Both variants store one value per append, so only the cost of `view()` differs. */
function appendWithViews(chunks: number, takeViews: boolean): unknown[] {
  const list = new AudioChunkList('pcm16');
  const kept: unknown[] = new Array<unknown>(chunks);
  for (let i = 0; i < chunks; i++) {
    list.append(CHUNK);
    kept[i] = takeViews ? list.view() : list.byteLength;
  }
  return kept;
}

const ratio = (value: number, baseline: number) => (value / baseline).toFixed(2);

const small = 6_000; // 2 minutes of audio
const large = 60_000; // 20 minutes
// Warm-up so every measured run uses optimised code.
best(3, () => chunkListToBytes(small));
best(3, () => appendWithViews(small, false));
best(3, () => appendWithViews(small, true));

for (const chunks of [small, large]) {
  const floor = best(5, () => copyOnce(chunks));
  const list = best(5, () => chunkListToBytes(chunks));
  console.log(`${chunks} chunks, append + toBytes / one preallocated copy: ${ratio(list, floor)}`);
}

for (const chunks of [small, large]) {
  const appendOnly = best(5, () => appendWithViews(chunks, false));
  const appendAndView = best(5, () => appendWithViews(chunks, true));
  console.log(
    `${chunks} chunks, append + view() each / append only: ${ratio(appendAndView, appendOnly)}`,
  );
}

const b64 = Buffer.from(CHUNK).toString('base64');
const decodes = 20_000;
const rawDecode = best(5, () => {
  for (let i = 0; i < decodes; i++) Buffer.from(b64, 'base64');
});
const nodeDecode = best(5, () => {
  for (let i = 0; i < decodes; i++) base64ToBytes(b64);
});
const atobDecode = best(5, () => {
  for (let i = 0; i < decodes; i++) base64ToBytesWithAtob(b64);
});
// Chunks under 4 KiB come from Node's shared pool and are copied out so the result owns its
// buffer: a fixed cost of about a microsecond per chunk.
console.log(`base64ToBytes (Buffer path) / raw Buffer.from: ${ratio(nodeDecode, rawDecode)}`);
console.log(`atob path / raw Buffer.from: ${ratio(atobDecode, rawDecode)}`);

const rawEncode = best(5, () => {
  for (let i = 0; i < decodes; i++) Buffer.from(CHUNK.buffer).toString('base64');
});
const nodeEncode = best(5, () => {
  for (let i = 0; i < decodes; i++) bytesToBase64(CHUNK);
});
const btoaEncode = best(5, () => {
  for (let i = 0; i < decodes; i++) bytesToBase64WithBtoa(CHUNK);
});
console.log(`bytesToBase64 (Buffer path) / raw Buffer toString: ${ratio(nodeEncode, rawEncode)}`);
console.log(`btoa path / raw Buffer toString: ${ratio(btoaEncode, rawEncode)}`);
