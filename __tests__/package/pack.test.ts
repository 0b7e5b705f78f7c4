/**
 * Builds and packs the package, installs the tarball beside its peer dependencies, and loads
 * every entry point in plain Node with both `import` and `require`: what users get, not
 * what ts-jest compiles.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let app: string;

beforeAll(() => {
  execSync('npm run build --silent', { cwd: root, stdio: 'pipe' });
  app = mkdtempSync(join(tmpdir(), 'rx-realtime-pack-'));
  execSync(`npm pack --silent --pack-destination ${app}`, { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(app).find((f) => f.endsWith('.tgz'))!;
  const installed = join(app, 'node_modules', 'rx-realtime');
  mkdirSync(installed, { recursive: true });
  execSync(`tar -xzf ${join(app, tarball)} -C ${installed} --strip-components=1`);
  for (const dep of ['rxjs', 'io-ts', 'fp-ts', 'ws', 'wavefile', 'commander']) {
    symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
  }
}, 120_000);

afterAll(() => rmSync(app, { recursive: true, force: true }));

const frame = JSON.stringify({ type: 'input_audio_buffer.cleared', event_id: 'event_1' });

function run(file: string, source: string): string {
  const path = join(app, file);
  writeFileSync(path, source);
  return execFileSync(process.execPath, [path], { cwd: app, encoding: 'utf8' }).trim();
}

it('loads with require (CommonJS)', () => {
  const out = run(
    'check.cjs',
    `const rx = require('rx-realtime');
     require('rx-realtime/node'); require('rx-realtime/testing');
     const r = rx.decodeServerFrame(${JSON.stringify(frame)});
     console.log(r._tag, r.right.type, typeof rx.encodeClientEvent);`,
  );
  expect(out).toBe('Right input_audio_buffer.cleared function');
});

it('loads with import (ESM)', () => {
  const out = run(
    'check.mjs',
    `import { decodeServerFrame, encodeClientEvent } from 'rx-realtime';
     await import('rx-realtime/node'); await import('rx-realtime/testing');
     const r = decodeServerFrame(${JSON.stringify(frame)});
     console.log(r._tag, r.right.type, typeof encodeClientEvent);`,
  );
  expect(out).toBe('Right input_audio_buffer.cleared function');
});

it('ships the rx-realtime command', () => {
  const bin = join(app, 'node_modules', 'rx-realtime', 'dist', 'cjs', 'node', 'bin.js');
  const out = execFileSync(process.execPath, [bin, '--help'], { cwd: app, encoding: 'utf8' });
  expect(out).toContain('simulate');
});
