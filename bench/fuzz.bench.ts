/**
 * bench/fuzz: 100,000 frames of mutated sample sessions through the decoder and every public
 * operator (half of them on the browser's `atob` path), with a fixed seed. Prints how many
 * exceptions the contract was broken by. Target: 0. The same harness runs 3,000 frames in
 * `npm test`. `FUZZ_FRAMES` and `FUZZ_SEED` change the size and the seed.
 */
import { runFuzz } from '../__tests__/helpers/fuzz.js';

const frames = Number(process.env.FUZZ_FRAMES ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const started = performance.now();
const report = runFuzz({ seed, frames });
const seconds = (performance.now() - started) / 1000;

console.log(
  `seed ${seed}: ${report.frames} frames (${report.mutated} mutated), ${seconds.toFixed(1)} s`,
);
console.log(`  refused as DecodeError values: ${report.decodeErrors}`);
console.log(`  events through 7 operators:    ${report.events}`);
console.log(`  exceptions:                    ${report.exceptions.length} (target 0)`);
for (const e of report.exceptions.slice(0, 5)) console.log(`    ${e.stage}: ${e.error}`);
if (report.exceptions.length > 0) process.exitCode = 1;
