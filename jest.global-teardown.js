// Removes the run's on-disk render cache, if jest.global-setup.js made it in this process.
const fs = require('node:fs');

module.exports = async () => {
  const dir = globalThis.__helmtsOwnedRenderCache;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
