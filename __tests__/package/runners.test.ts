/**
 * The test-runner setups documented in docs/testing.md, run as a consumer runs them: every
 * block marked `<!-- file: ... -->` there is written into one app that installed the packed
 * tarball and the runners once, and each setup's documented command must pass its test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { installPackedApp, packPackage, tempDir } from '../../scripts/packed-app.js';
import { documentedFiles } from './snippets.js';

const root = join(__dirname, '..', '..');
let work: string;
let app: string;

beforeAll(() => {
  work = tempDir('runners');
  app = installPackedApp({
    tarball: packPackage(work),
    dir: join(work, 'app'),
    dependencies: {
      jest: '^30.0.0',
      'ts-jest': '^29.4.0',
      typescript: '~6.0.3',
      '@types/jest': '^30.0.0',
      vitest: '^4.0.0',
    },
  });
  for (const file of documentedFiles(readFileSync(join(root, 'docs', 'testing.md'), 'utf8')))
    for (const path of file.paths) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), file.code + '\n');
    }
  // The ESM setup is an app with "type": "module"; the others are CommonJS apps.
  writeFileSync(join(app, 'jest-esm', 'package.json'), '{ "type": "module" }\n');
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a runner's binary in one setup's folder; returns what it printed (it exits 0). */
function run(setup: string, bin: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, [join(app, 'node_modules', bin), ...args], {
    cwd: join(app, setup),
    encoding: 'utf8',
    stdio: 'pipe',
    env: { ...process.env, ...env, CI: 'true' },
  }).concat('');
}

it('documents the three setups', () => {
  const paths = documentedFiles(readFileSync(join(root, 'docs', 'testing.md'), 'utf8')).flatMap(
    (f) => f.paths,
  );
  expect(paths).toEqual(
    expect.arrayContaining([
      'jest-cjs/jest.config.cjs',
      'jest-cjs/captions.test.ts',
      'jest-esm/jest.config.mjs',
      'jest-esm/captions.test.ts',
      'vitest/captions.test.ts',
    ]),
  );
});

it('jest with CommonJS runs the documented test', () => {
  expect(() => run('jest-cjs', 'jest/bin/jest.js', ['--ci'])).not.toThrow();
}, 120_000);

it('jest with ESM runs the documented test', () => {
  expect(() =>
    run('jest-esm', 'jest/bin/jest.js', ['--ci'], { NODE_OPTIONS: '--experimental-vm-modules' }),
  ).not.toThrow();
}, 120_000);

it('vitest runs the documented test', () => {
  expect(() => run('vitest', 'vitest/vitest.mjs', ['run'])).not.toThrow();
}, 120_000);
