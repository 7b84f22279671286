// One on-disk render cache per `jest` run (src/testing/render-disk-cache.ts), shared by every test
// file and worker: renders with the same inputs in different files run helm once. A fresh folder
// each run, so nothing carries over between runs. HELMTS_RENDER_CACHE set by the caller (or by an
// outer jest run whose test starts this one) wins, and is then not this run's to remove.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  if (process.env.HELMTS_RENDER_CACHE !== undefined) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-render-cache-'));
  process.env.HELMTS_RENDER_CACHE = dir;
  // Read by jest.global-teardown.js in this same process; never inherited by child processes.
  globalThis.__helmtsOwnedRenderCache = dir;
};
