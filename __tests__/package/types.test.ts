/**
 * The published types as a consumer compiles them: the tarball installed in a fresh ESM app
 * with TypeScript 6 and TypeScript 7 (the native compiler), under the options TypeScript 7's
 * `tsc --init` turns on (`strict`, `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`,
 * `verbatimModuleSyntax`) and with the library's .d.ts checked (`skipLibCheck: false`). The
 * app holds a consumer of every entry point and every TypeScript snippet of the docs.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedApp, packPackage, tempDir } from '../../scripts/packed-app.js';
import { docSnippets, writeSnippets } from './snippets.js';

const root = join(__dirname, '..', '..');
let work: string;
let app: string;
let snippetSources: Map<string, string>;

const tsconfig = {
  compilerOptions: {
    module: 'nodenext',
    target: 'esnext',
    lib: ['esnext', 'dom'],
    types: ['node', 'jest'],
    noEmit: true,
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    noUncheckedSideEffectImports: true,
    moduleDetection: 'force',
    skipLibCheck: false,
  },
  include: ['*.ts', '*.cts'],
};

// Every entry point, through `import` (ESM) and `require` (CommonJS) type resolution.
const esmConsumer = `import { decodeServerFrame, realtimeSocket, type RealtimeSocketOptions } from 'rx-realtime';
import { startSimulator, readWavFile } from 'rx-realtime/node';
import { mockWebSocket, serverEvents } from 'rx-realtime/testing';

const mock = mockWebSocket();
const options: RealtimeSocketOptions = { url: 'wss://example.test/v1/realtime', WebSocketCtor: mock.WebSocketCtor };
realtimeSocket(options);
const decoded = decodeServerFrame('{}');
if (decoded._tag === 'Right') decoded.right.type satisfies string;
export const started: Promise<{ readonly url: string }> = startSimulator();
export const tree = serverEvents.textResponse({ text: 'Hi' });
export const read: typeof readWavFile = readWavFile;
`;
const cjsConsumer = `import rx = require('rx-realtime');
import node = require('rx-realtime/node');
import testing = require('rx-realtime/testing');
const names = [typeof rx.assembleResponses, typeof node.startSimulator, typeof testing.serverEvent];
export = names;
`;

beforeAll(() => {
  work = tempDir('types');
  app = installPackedApp({
    tarball: packPackage(work),
    dir: join(work, 'app'),
    type: 'module',
    dependencies: {
      typescript: '~6.0.3',
      typescript7: 'npm:typescript@^7.0.2',
      '@types/node': '^20.19.0',
      '@types/jest': '^30.0.0',
      vitest: '^4.0.0',
    },
  });
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(app, 'consumer.ts'), esmConsumer);
  writeFileSync(join(app, 'consumer.cts'), cjsConsumer);
  snippetSources = writeSnippets(docSnippets(root), app);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs one compiler over the app; returns its errors with each snippet named by its doc line. */
function compile(typescriptPackage: string): string {
  try {
    execFileSync(
      process.execPath,
      [join(app, 'node_modules', typescriptPackage, 'bin', 'tsc'), '-p', app],
      {
        cwd: app,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    return '';
  } catch (error) {
    const output = String((error as { stdout?: string }).stdout ?? error);
    return output.replace(/snippet-\d+\.ts/g, (file) => `${snippetSources.get(file)} (${file})`);
  }
}

it('finds the docs snippets', () => {
  expect(snippetSources.size).toBeGreaterThan(40);
});

it('type-checks the consumers and every docs snippet with TypeScript 6', () => {
  expect(compile('typescript')).toBe('');
}, 120_000);

it('type-checks the consumers and every docs snippet with TypeScript 7', () => {
  expect(compile('typescript7')).toBe('');
}, 120_000);
