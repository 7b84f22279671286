// Removes the run's on-disk render cache made by jest.global-setup.js.
const fs = require('node:fs');

module.exports = async () => {
  const dir = process.env.HELMTS_RENDER_CACHE_OWNED;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
