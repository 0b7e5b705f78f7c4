import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const baseImportRules = [
  { group: ['rxjs/internal/*'], message: 'Use the public RxJS API.' },
  {
    group: ['fp-ts/*', 'io-ts/*'],
    message: 'Import from the package root (plain Node ESM has no exports map).',
  },
];

// DESIGN.md's layers: each folder of src/ imports only the layers before it. The entries come
// last: `node` (Node-only) and `testing` (the kit) may use every browser-safe layer, not each
// other, and the core entry neither.
const layers = ['protocol', 'audio', 'transport', 'operators', 'session'];
const entries = ['node', 'testing'];
const layerRule = (folder, forbidden, extra = []) => ({
  files: [`src/${folder}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...baseImportRules,
          ...forbidden.map((layer) => ({
            group: [`**/${layer}/*`, `**/${layer}/**`],
            message: `src/${folder.split('/')[0]} must not import src/${layer} (layers: DESIGN.md).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});
const noRxjs = {
  group: ['rxjs', 'rxjs/*'],
  message: 'This layer is pure: no RxJS (DESIGN.md).',
};
const layerRules = [
  ...layers.map((layer, i) =>
    layerRule(`${layer}/**/*.ts`, [...layers.slice(i + 1), ...entries], i < 2 ? [noRxjs] : []),
  ),
  layerRule('node/**/*.ts', ['testing']),
  layerRule('testing/**/*.ts', ['node']),
  layerRule('index.ts', entries),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'docs/api/',
      '**/*.cjs',
      '**/*.mjs',
      // The Angular example's build output and the CLI's cache.
      'examples/angular-app/dist/',
      'examples/angular-app/.angular/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { patterns: baseImportRules }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/node/**'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'Buffer'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Read time from the scheduler.',
        },
      ],
    },
  },
  ...layerRules,
);
