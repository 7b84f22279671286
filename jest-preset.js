/**
 * `preset: 'helmts'` in a project's Jest config: TypeScript tests and chart
 * definitions compiled by helmts' own TypeScript, and the ESM-only
 * kubernetes-models packages loadable from CommonJS tests (see
 * src/loading/jest-preset.ts), and a type check of the project before the
 * tests (src/loading/jest-typecheck.ts). In this repository, jest.config.js uses the
 * TypeScript sources instead of dist/.
 */
const path = require('node:path');

const dist = path.join(__dirname, 'dist', 'loading');
module.exports = require(path.join(dist, 'jest-preset.js')).jestPreset({
  transform: path.join(dist, 'jest-transform.js'),
  resolver: path.join(dist, 'jest-resolver.js'),
  typeCheck: path.join(dist, 'jest-typecheck.js'),
});
