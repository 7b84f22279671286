/**
 * Jest transformer for chart definition files: the chart language's one entry point, `lowerChartFile`
 * (src/language/load.ts, loaded through tsx), so tests run chart code exactly as `npm run build-chart` does.
 * jest.config.js routes `src/charts/**` and test fixture charts here; other files go to ts-jest. A file's
 * lowering depends on its whole chart (the analysis follows calls across files), so the cache key covers
 * every file of the chart's folder and the language itself.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

const src = path.join(__dirname, 'src');
let own;
let language;

function tsFiles(dir, recursive = true) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return recursive && e.name !== 'node_modules' ? tsFiles(file) : [];
    return /\.tsx?$/.test(e.name) ? [file] : [];
  }).sort();
}

const load = () => (language ??= tsxRequire(path.join(src, 'language', 'load.ts'), __filename));

module.exports = {
  getCacheKey(source, file) {
    own ??= ['language', 'generator'].flatMap((d) => tsFiles(path.join(src, d))).map((f) => fs.readFileSync(f, 'utf8')).join('\0');
    const root = load().chartRootOf(file);
    const hash = crypto.createHash('sha256').update(own).update('\0').update(file).update('\0').update(source);
    for (const f of tsFiles(root)) hash.update('\0').update(f).update('\0').update(fs.readFileSync(f));
    return hash.digest('hex');
  },
  process(source, file) {
    const { code, map } = load().lowerChartFile(file, source);
    return { code, map };
  },
};
