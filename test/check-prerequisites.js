#!/usr/bin/env node
// The first step of `npm test`: says exactly what this machine lacks for the suite, before anything
// runs, and stops (exit 1). What npm installs (npm ci) is checked too, since a missing install
// would otherwise show up as hundreds of unrelated failures.
//
// System programs the suite needs (Debian/Ubuntu package in brackets):
//   docker-registry  a real OCI registry for the push test (test/cli/publish.test.ts) [docker-registry]
//   curl             runs the chart's helm test pod script (test/charts/helloworld-egress/test-pod-script.test.ts) [curl]
// Used when present (the tests say what they skip or fall back to):
//   perl             the atomic folder swap (src/io/exchange-dirs.ts); without it the two-rename fallback is used
//   unshare + mount  (root) the real full and read-only tmpfs cases of test/cli/bad-input/environment-faults.test.ts
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const onPath = (name) =>
  (process.env.PATH || '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, name), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });

const missing = [];
const installed = fs.existsSync(path.join(root, 'node_modules', '.package-lock.json')) && fs.existsSync(path.join(root, 'node_modules', 'jest'));
const [major, minor] = process.versions.node.split('.').map(Number);
if (!installed) {
  // npm ci also links Node 24 (tools/dev-node) as node_modules/.bin/node on Linux and macOS x64, which npm scripts then run on.
  missing.push('the npm dependencies: run `npm ci` first');
} else if (!((major === 22 && minor >= 15) || major === 24)) {
  const linked = fs.existsSync(path.join(root, 'node_modules', '.bin', 'node'));
  missing.push(
    `Node.js 22.15+ or 24 (this is ${process.version}); ` +
      (linked ? 'run the tests through npm (`npm test`), whose scripts use node_modules/.bin/node' : 'npm ci linked no Node 24 for this platform: install Node 22.15+ or 24'),
  );
}
const system = [];
if (!process.env.REGISTRY_BIN && !onPath('docker-registry')) system.push('docker-registry');
if (!onPath('curl')) system.push('curl');
if (system.length > 0) {
  missing.push(
    `${system.join(' and ')} (system program${system.length > 1 ? 's' : ''} the suite runs): ` +
      `sudo apt-get install -y --no-install-recommends ${system.join(' ')}` +
      (system.includes('docker-registry') ? ' (or set REGISTRY_BIN to a registry binary)' : ''),
  );
}

if (missing.length > 0) {
  process.stderr.write(`npm test: this machine lacks what the test suite needs; nothing was run:\n${missing.map((m) => `  - ${m}`).join('\n')}\n`);
  process.exit(1);
}
if (!onPath('perl')) process.stderr.write('npm test: note: no perl on PATH; helmts swaps folders with two renames (see src/io/folder-transaction.ts)\n');
