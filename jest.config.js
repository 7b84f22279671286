const os = require('node:os');
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

if (Number(process.versions.node.split('.')[0]) < 22) {
  throw new Error(`helmts' tests need Node.js 22 or 24; Jest runs on ${process.version}. Run them through npm (npm test), which uses node_modules/.bin/node (Node 24), or install Node 22+.`);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const { jestPreset } = tsxRequire(path.join(__dirname, 'src', 'loading', 'jest-preset.ts'), __filename);

/** @type {import('jest').Config} */
module.exports = {
  // What `preset: 'helmts'` gives consumers, with the transformer and resolver loaded from source.
  ...jestPreset(
    { transform: '<rootDir>/jest.transform.js', resolver: '<rootDir>/jest.resolver.js' },
    {
      // Projects the CLI tests build in a temp folder: what the CLI requires there is chart code (helmts.config.ts layouts too).
      // Not this repository's own files when it is itself checked out under the temp folder (a CI clone in /tmp).
      chartSources: `^(?!${escape(__dirname)}/)${escape(os.tmpdir())}/.+\\.ts$`,
    },
  ),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 120000,
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
  // Jest's default (cores - 1) runs a 2-core machine's suite in band. Most of the time is spent in
  // helm child processes, so two workers keep both cores busy: 436–600 s → ~306 s of Jest here.
  maxWorkers: Math.max(2, os.cpus().length - 1),
};
