/** The type check of preset 'helmts' (src/loading/jest-typecheck.ts) loaded from source, for tests of this repository. */
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire(path.join(__dirname, 'src', 'loading', 'jest-typecheck.ts'), __filename).default;
