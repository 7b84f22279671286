/** This repository's Jest resolver: src/loading/jest-resolver.ts from source (see jest.transform.js). */
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire(path.join(__dirname, 'src', 'loading', 'jest-resolver.ts'), __filename);
