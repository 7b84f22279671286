/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking runs once in `npm run typecheck`; Jest only strips types.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 120000,
};
