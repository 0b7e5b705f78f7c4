// Dual build: every src file transpiled one-to-one to ESM by esbuild (dist/esm), and to CommonJS
// with its declarations by tsc (dist/cjs, dist/types). Sources import with `.js` extensions, so
// both trees resolve. CommonJS comes from tsc because esbuild's CommonJS reads every import
// through a getter (two through an index), which the hot paths pay on every event: a session's
// `responses$` cost about a fifth more per event that way (bench/session-events).
// `node scripts/build.mjs --out DIR` builds into DIR instead of dist/ (the packed-package tests
// build their own copy, so test files running at once never share one dist/).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outFlag = process.argv.indexOf('--out');
const dist = outFlag === -1 ? join(root, 'dist') : resolve(process.argv[outFlag + 1]);

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

rmSync(dist, { recursive: true, force: true });
const entryPoints = sources(join(root, 'src'));
await build({
  entryPoints,
  outdir: join(dist, 'esm'),
  outbase: join(root, 'src'),
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.build.json',
    '--outDir',
    join(dist, 'cjs'),
    '--declarationDir',
    join(dist, 'types'),
  ],
  { cwd: root, stdio: 'inherit' },
);
for (const format of ['esm', 'cjs']) {
  // A nested package.json shadows the root one for the files below it, so it must repeat
  // `sideEffects: false` or bundlers keep every module the entry re-exports (wavefile too).
  writeFileSync(
    join(dist, format, 'package.json'),
    JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs', sideEffects: false }) + '\n',
  );
}
console.log(`built ${dist}: esm, cjs, types`);
