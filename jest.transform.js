/**
 * This repository's Jest transformer: src/loading/jest-transform.ts (what
 * `helmts/jest-preset` gives consumers, from dist/), loaded from the TypeScript
 * source through tsx. Chart definitions get the helmts source transform, other
 * TypeScript and ES modules (the kubernetes-models packages) become CommonJS.
 */
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire(path.join(__dirname, 'src', 'loading', 'jest-transform.ts'), __filename);
