/**
 * `npm run bench [name...]`: runs the benchmark programs in this folder (all of them, or the
 * ones named), each in its own process so one cannot warm up or slow down another.
 * Every benchmark prints its figures as ratios against a baseline measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const available = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : available) {
  console.log(`\n== bench/${name}`);
  execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(__dirname, `${name}.bench.ts`)],
    {
      stdio: 'inherit',
    },
  );
}
