#!/usr/bin/env node
// The `helmts` command. Runs the compiled CLI (dist/, from `npm run build`) only
// when it is at least as new as every file of src/ (a published package has no
// src/); otherwise, or with HELMTS_FROM_SOURCE=1, it runs src/cli/main.ts through
// tsx, so a stale dist/ never runs.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
const minor = Number(process.versions.node.split('.')[1]);
if (major < 22 || (major === 22 && minor < 15)) {
  process.stderr.write(`helmts needs Node.js 22.15 or newer (22 or 24 LTS); this is Node.js ${process.version}. Install a current Node.js (e.g. \`nvm install 24\`) and run helmts with it.\n`);
  process.exit(69);
}
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Every command works relative to the current folder: one line when it has been deleted (or moved away) under the shell.
try {
  process.cwd();
} catch {
  process.stderr.write('helmts: the current folder no longer exists (it was deleted or moved away while this shell was in it); cd into the project again and rerun (exit 74)\n');
  process.exit(74);
}

// Everything below (tsx, helm, check, import-crd) needs a temporary folder: say so in one line, not in a loader's stack trace.
try {
  if (!fs.statSync(os.tmpdir()).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  fs.accessSync(os.tmpdir(), fs.constants.W_OK);
} catch (error) {
  process.stderr.write(
    `helmts: cannot use the temporary folder ${os.tmpdir()} (TMPDIR): ${error.code === 'ENOENT' ? 'it does not exist' : error.code === 'ENOTDIR' ? 'it is not a folder' : 'it is not writable'}; set TMPDIR to a writable folder (exit 74)\n`,
  );
  process.exit(74);
}

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'cli', 'main.js');
const source = path.join(root, 'src');

/** The newest (`pick = Math.max`) or oldest (`Math.min`) mtime of the files under `dir` ending in `ext`. */
function mtime(dir, ext, pick, start) {
  let result = start;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) result = mtime(file, ext, pick, result);
    else if (entry.name.endsWith(ext)) result = pick(result, fs.statSync(file).mtimeMs);
  }
  return result;
}

function distIsCurrent() {
  if (process.env.HELMTS_FROM_SOURCE === '1' || !fs.existsSync(compiled)) return false;
  if (!fs.existsSync(source)) return true;
  return mtime(path.join(root, 'dist'), '.js', Math.min, Infinity) >= mtime(source, '', Math.max, 0);
}

let entry = compiled;
if (!distIsCurrent()) {
  require('tsx/cjs');
  entry = path.join(source, 'cli', 'main.ts');
}
require(entry).runMain(process.argv.slice(2));
