/**
 * The packed-package tests (`__tests__/package/`): the tarball as users install it, checked in
 * temporary apps (Node import/require, TypeScript 6 and 7, jest and vitest setups). They need
 * the npm registry. `npm test` runs them after the main suite.
 */
const main = require('./jest.config.cjs');

module.exports = {
  ...main,
  roots: ['<rootDir>/__tests__/package'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300000,
};
