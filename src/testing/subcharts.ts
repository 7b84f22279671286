/**
 * A chart's subcharts, unpacked (`charts/<dir>/`) or packaged (`charts/<name>-<version>.tgz`),
 * under the key Helm gives them: the dependency's `alias`, else its name. Packaged archives are
 * read by extracting them (the `tar` package) into a temp folder, memoized by content hash.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { parse } from 'yaml';
import { fileHash } from './fingerprint';

export interface Subchart {
  /** The values key and the path segment in `# Source:` (alias, else name). */
  key: string;
  /** The chart's name (Chart.yaml `name`). */
  name: string;
  alias?: string;
  condition?: string;
  /** Folder of the subchart relative to the parent chart (`charts/x`), when unpacked. */
  dir?: string;
  /** Archive relative to the parent chart (`charts/x-1.0.0.tgz`), when packaged. */
  archive?: string;
  /** Absolute folder holding the subchart's files (the unpacked dir, or the extracted archive). */
  root: string;
}

interface ChartYaml {
  name?: string;
  dependencies?: { name: string; alias?: string; condition?: string }[];
}

function readChartYaml(dir: string): ChartYaml {
  const file = path.join(dir, 'Chart.yaml');
  return fs.existsSync(file) ? ((parse(fs.readFileSync(file, 'utf8')) as ChartYaml | null) ?? {}) : {};
}

let extractRoot: string | undefined;
const extracted = new Map<string, string>();

/** Extracts a packaged chart once per content; returns the folder of the chart inside it. */
export function extractArchive(archive: string): string {
  const hash = fileHash(archive);
  const known = extracted.get(hash);
  if (known) return known;
  extractRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-subcharts-'));
  const target = path.join(extractRoot, hash.slice(0, 16));
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${process.pid}.tmp`;
    fs.mkdirSync(tmp, { recursive: true });
    tar.x({ file: archive, cwd: tmp, sync: true });
    fs.renameSync(tmp, target);
  }
  const [top] = fs.readdirSync(target);
  if (!top) throw new Error(`${archive} is an empty archive`);
  const root = path.join(target, top);
  extracted.set(hash, root);
  return root;
}

/** The subcharts Helm loads from `charts/`, one entry per dependency key (aliases included). */
export function subcharts(chartDir: string): Subchart[] {
  const chartsDir = path.join(chartDir, 'charts');
  const found: { name: string; dir?: string; archive?: string; root: string }[] = [];
  if (fs.existsSync(chartsDir)) {
    for (const entry of fs.readdirSync(chartsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(chartsDir, entry.name);
      if (entry.isDirectory()) {
        const name = readChartYaml(full).name;
        if (name) found.push({ name, dir: `charts/${entry.name}`, root: full });
      } else if (entry.name.endsWith('.tgz')) {
        const root = extractArchive(full);
        const name = readChartYaml(root).name;
        if (name) found.push({ name, archive: `charts/${entry.name}`, root });
      }
    }
  }
  const declared = readChartYaml(chartDir).dependencies ?? [];
  const result: Subchart[] = [];
  for (const chart of found) {
    const deps = declared.filter((d) => d.name === chart.name);
    if (deps.length === 0) result.push({ key: chart.name, ...chart });
    for (const d of deps) result.push({ key: d.alias ?? d.name, alias: d.alias, condition: d.condition, ...chart });
  }
  return result;
}

/** Finds the subchart with this key (alias or name); the error lists the keys there are. */
export function subchartByKey(chartDir: string, key: string): Subchart {
  const all = subcharts(chartDir);
  const found = all.find((s) => s.key === key) ?? all.find((s) => s.name === key && !s.alias);
  if (!found) {
    throw new Error(
      `${chartDir} has no subchart ${JSON.stringify(key)} in charts/. Subcharts: ${all.map((s) => s.key).join(', ') || '(none)'}` +
        ' (a packaged dependency must be in charts/: run `helm dependency build`)',
    );
  }
  return found;
}

/** Every file below `dir`, relative, with posix separators. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

/**
 * Template files of the chart and of every subchart (one level), as Helm names them in
 * `# Source:`: `templates/x.yaml`, `charts/<key>/templates/y.yaml` (packaged ones included).
 */
export function chartTemplateFiles(chartDir: string): string[] {
  const own = filesBelow(path.join(chartDir, 'templates')).map((f) => `templates/${f}`);
  const subs = subcharts(chartDir).flatMap((s) => filesBelow(path.join(s.root, 'templates')).map((f) => `charts/${s.key}/templates/${f}`));
  return [...new Set([...own, ...subs])].sort();
}
