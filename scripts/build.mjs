// Dual build: every src file transpiled one-to-one to ESM (dist/esm) and CommonJS (dist/cjs),
// declarations from tsc (dist/types). Sources import with `.js` extensions, so both trees resolve.
// `node scripts/build.mjs --out DIR` builds into DIR instead of dist/ (the packed-package tests
// build their own copy, so test files running at once never share one dist/).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
for (const format of ['esm', 'cjs']) {
  const outdir = join(dist, format);
  await build({
    entryPoints,
    outdir,
    outbase: join(root, 'src'),
    format,
    platform: 'neutral',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  // A nested package.json shadows the root one for the files below it, so it must repeat
  // `sideEffects: false` or bundlers keep every module the entry re-exports (wavefile too).
  writeFileSync(
    join(outdir, 'package.json'),
    JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs', sideEffects: false }) + '\n',
  );
}
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.build.json',
    '--outDir',
    join(dist, 'types'),
  ],
  { cwd: root, stdio: 'inherit' },
);
console.log(`built ${dist}: esm, cjs, types`);
