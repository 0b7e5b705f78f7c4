/**
 * DESIGN.md's layer rules as lint enforces them: an import into a later layer, or from one
 * entry point's folder into the other's, is an error that fails `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

// ESLint loads its flat config with a dynamic import, which jest's module sandbox refuses, so
// the cases are linted in one plain Node process with the project's configuration.
const LINT_CASES = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(async ([file, code]) => {
  const [result] = await eslint.lintText(code + '\\n', { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
})).then((found) => console.log(JSON.stringify(found)));
`;

/** The no-restricted-imports messages for each [file, code] case, in order. */
function restrictedImports(cases: readonly (readonly [string, string])[]): string[][] {
  const out = execFileSync(process.execPath, ['-e', LINT_CASES, JSON.stringify(cases)], {
    cwd: root,
    encoding: 'utf8',
  });
  return (JSON.parse(out) as string[][]).map((messages) =>
    messages.map((m) => m.replace(/^.* import is restricted from being used by a pattern\. /, '')),
  );
}

const refused: readonly (readonly [string, string, string])[] = [
  ['src/protocol/x.ts', "import { map } from 'rxjs';", 'This layer is pure: no RxJS (DESIGN.md).'],
  [
    'src/audio/x.ts',
    "import { ServerError } from '../transport/index.js';",
    'src/audio must not import src/transport (layers: DESIGN.md).',
  ],
  [
    'src/operators/assembly/x.ts',
    "import { handshake } from '../../session/index.js';",
    'src/operators must not import src/session (layers: DESIGN.md).',
  ],
  [
    'src/session/x.ts',
    "import { startSimulator } from '../node/index.js';",
    'src/session must not import src/node (layers: DESIGN.md).',
  ],
  [
    'src/node/timeline/x.ts',
    "import { readRecording } from '../../testing/recording.js';",
    'src/node must not import src/testing (layers: DESIGN.md).',
  ],
  [
    'src/testing/x.ts',
    "import { startSimulator } from '../node/index.js';",
    'src/testing must not import src/node (layers: DESIGN.md).',
  ],
  [
    'src/index.ts',
    "export { readRecording } from './testing/index.js';",
    'src/index.ts must not import src/testing (layers: DESIGN.md).',
  ],
];
const allowed: readonly (readonly [string, string])[] = [
  ['src/session/x.ts', "import { assembleResponses } from '../operators/index.js';"],
  ['src/node/x.ts', "import { recordedEvents } from '../protocol/index.js';"],
  ['src/testing/x.ts', "import { transcripts } from '../operators/index.js';"],
  ['src/operators/x.ts', "import { map } from 'rxjs';"],
];

let found: string[][];
beforeAll(() => {
  found = restrictedImports([...refused.map(([file, code]) => [file, code] as const), ...allowed]);
}, 60_000);

it.each(refused.map((c, i) => [...c, i] as const))('%s: %s is refused', (_, __, message, i) => {
  expect(found[i]).toEqual([message]);
});

it.each(allowed.map((c, i) => [...c, refused.length + i] as const))(
  '%s: %s is allowed',
  (_, __, i) => {
    expect(found[i]).toEqual([]);
  },
);
