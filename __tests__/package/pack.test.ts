/**
 * Builds and packs the package, installs the tarball beside its peer dependencies, and loads
 * every entry point in plain Node with both `import` and `require`: what users get, not
 * what ts-jest compiles.
 */
import { execFileSync, execSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundledInputs } from '../../browser/bundle.js';
import { packPackage, tempDir } from '../../scripts/packed-app.js';

const root = join(__dirname, '..', '..');
let app: string;

beforeAll(() => {
  app = tempDir('pack');
  const tarball = packPackage(app);
  const installed = join(app, 'node_modules', 'rx-realtime');
  mkdirSync(installed, { recursive: true });
  execSync(`tar -xzf ${tarball} -C ${installed} --strip-components=1`);
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

it('CommonJS modules export what they define as plain fields, not getters', () => {
  // The library's modules call each other on the way of every event; a getter per import
  // (what a bundler's CommonJS output makes) is paid on each of those calls.
  const out = run(
    'exports.cjs',
    `const { join } = require('node:path');
     const cjs = join(require.resolve('rx-realtime'), '..');
     const field = (file, name) =>
       'value' in Object.getOwnPropertyDescriptor(require(join(cjs, file)), name);
     console.log([
       field('audio/base64.js', 'decodeBase64Into'),
       field('operators/pagedAudio.js', 'PagedAudio'),
       field('session/eventRouter.js', 'EventRouter'),
       field('transport/realtime-socket.js', 'RealtimeSocket'),
     ].join(' '));`,
  );
  expect(out).toBe('true true true true');
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

const installed = (): string => join(app, 'node_modules', 'rx-realtime');

it('ships the LICENSE and the guides', () => {
  expect(readFileSync(join(installed(), 'LICENSE'), 'utf8')).toContain('rx-realtime contributors');
  expect(readdirSync(join(installed(), 'docs'))).toEqual(
    expect.arrayContaining(['getting-started.md', 'testing.md']),
  );
});

it('every relative link of the shipped README and guides resolves inside the package', () => {
  const markdown = ['README.md', ...readdirSync(join(installed(), 'docs')).map((f) => `docs/${f}`)];
  const dead = markdown.flatMap((file) =>
    [...readFileSync(join(installed(), file), 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(resolve(dirname(join(installed(), file)), target)))
      .map((target) => `${file} -> ${target}`),
  );
  expect(dead).toEqual([]);
});

it.each([
  [
    'realtimeSocket, assembleResponses',
    'import { realtimeSocket, assembleResponses } from "rx-realtime"; console.log(realtimeSocket, assembleResponses);',
    false,
  ],
  ['decodeWav', 'import { decodeWav } from "rx-realtime"; console.log(decodeWav);', true],
])('a browser bundle of %s pulls in wavefile: %s', async (_, source, expected) => {
  const entry = join(app, `entry-${expected}.mjs`);
  writeFileSync(entry, source);
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: app,
  });
  expect(bundledInputs(metafile).some((path) => path.includes('node_modules/wavefile/'))).toBe(
    expected,
  );
});
