/**
 * Jest transformer for chart definition files: the helmts source transform
 * (src/generator/transform/chart-transform.ts, loaded through tsx), so tests
 * run chart code exactly as `npm run build-chart` does. jest.config.js routes
 * `src/charts/**` and test fixture charts here; other files go to ts-jest.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

const dir = path.join(__dirname, 'src', 'generator', 'transform');
const own = ['chart-transform.ts', 'runtime.ts', 'runtime-js.ts'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\0');
let transform;

module.exports = {
  getCacheKey(source, file) {
    return crypto.createHash('sha256').update(own).update('\0').update(file).update('\0').update(source).digest('hex');
  },
  process(source, file) {
    transform ??= tsxRequire(path.join(dir, 'chart-transform.ts'), __filename).transformChartSource;
    const { code, map } = transform(source, file);
    return { code, map };
  },
};
