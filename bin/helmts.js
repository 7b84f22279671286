#!/usr/bin/env node
// The `helmts` command. Runs the compiled CLI (dist/cli/main.js, from `npm run build`)
// when present; otherwise compiles src/cli/main.ts on the fly with tsx.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
let entry = compiled;
if (!fs.existsSync(compiled)) {
  require('tsx/cjs');
  entry = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
}
require(entry).runMain(process.argv.slice(2));
