/** Tests are transpiled to CommonJS without type-checking; `npm run typecheck` does that. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
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
