/** Tests are transpiled to CommonJS without type-checking; `npm run typecheck` does that. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  // The packed-package tests build, pack and npm-install; they run on their own afterwards
  // (jest.package.config.cjs), so their load does not slow the socket tests beside them.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/package/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleNameMapper: {
    '^rx-realtime$': '<rootDir>/src/index.ts',
    '^rx-realtime/node$': '<rootDir>/src/node/index.ts',
    '^rx-realtime/testing$': '<rootDir>/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
};
