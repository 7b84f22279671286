const os = require('node:os');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Chart definitions go through the helmts source transform (?:, if, !, ===, && … on values).
    '/(src/charts|test/(.*/)?fixtures)/.+\\.ts$': '<rootDir>/jest.chart-transform.js',
    // Projects the CLI tests build in a temp folder: what the CLI requires there is chart code (helmts.config.ts layouts too).
    // Not this repository's own files when it is itself checked out under the temp folder (a CI clone in /tmp).
    [`^(?!${escape(__dirname)}/)${escape(os.tmpdir())}/.+\\.ts$`]: '<rootDir>/jest.chart-transform.js',
    // Type checking runs once in `npm run typecheck`; Jest only strips types.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 120000,
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
  // Jest's default (cores - 1) runs a 2-core machine's suite in band. Most of the time is spent in
  // helm child processes, so two workers keep both cores busy: 436–600 s → ~306 s of Jest here.
  maxWorkers: Math.max(2, os.cpus().length - 1),
};
