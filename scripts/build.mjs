// Dual build: every src file transpiled one-to-one to ESM (dist/esm) and CommonJS (dist/cjs),
// declarations from tsc (dist/types). Sources import with `.js` extensions, so both trees resolve.
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

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
  writeFileSync(
    join(outdir, 'package.json'),
    JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs' }) + '\n',
  );
}
execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
console.log('built dist/esm, dist/cjs, dist/types');
