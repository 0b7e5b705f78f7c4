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
// These measure the package as users get it: built first, and `rx-realtime` resolved to the
// build (a tsconfig without the paths that map it to the sources) in them and their children.
const measureTheBuild = new Set(['load', 'session-events']);
const selected = wanted.length ? wanted : available;
if (selected.some((name) => measureTheBuild.has(name)))
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
for (const name of selected) {
  console.log(`\n== bench/${name}`);
  const env = measureTheBuild.has(name)
    ? { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, 'tsconfig.package.json') }
    : process.env;
  execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(__dirname, `${name}.bench.ts`)],
    { stdio: 'inherit', env },
  );
}
