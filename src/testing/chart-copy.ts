/**
 * Temporary working copies of a chart, for renders that need to change it: a Chart.yaml
 * version/appVersion override, chosen templates only (chosen-templates.ts), or an extra template that exposes NOTES.txt (see notes.ts).
 * The original chart directory is never modified.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { unchosenTemplates } from './chosen-templates';
import { directoryHash, stableStringify } from './fingerprint';
import { subchartByKey, type Subchart } from './subcharts';
import type { RenderOptions } from './types';

export interface ChartCopyChanges {
  /** Chart.yaml fields to overwrite. */
  chartYaml?: { version?: string; appVersion?: string };
  /** Extra files, by path relative to the chart root. */
  extraFiles?: Record<string, string>;
  /** Files to leave out of the copy, by path relative to the chart root. */
  removeFiles?: string[];
  /** Chart.yaml fields to overwrite in subcharts (a packaged one is unpacked in the copy first). */
  subchartYaml?: { sub: Subchart; fields: { version?: string; appVersion?: string } }[];
}

function patchChartYaml(chartYaml: string, fields: [string, string | undefined][]): void {
  const doc = parseDocument(fs.readFileSync(chartYaml, 'utf8'));
  for (const [key, value] of fields) if (value !== undefined) doc.set(key, value);
  fs.writeFileSync(chartYaml, doc.toString());
}

/** The changes a render's options make to the chart: Chart.yaml overrides and chosen templates. */
export function renderChanges(chartDir: string, options: RenderOptions): ChartCopyChanges {
  return {
    chartYaml: options.chart,
    removeFiles: options.templates ? unchosenTemplates(chartDir, options.templates) : undefined,
    subchartYaml: Object.entries(options.dependencies ?? {}).map(([key, fields]) => ({ sub: subchartByKey(chartDir, key), fields })),
  };
}

function pinDependencyVersion(chartYaml: string, name: string, version: string): void {
  const doc = parseDocument(fs.readFileSync(chartYaml, 'utf8'));
  const deps = doc.get('dependencies');
  if (!isSeq(deps)) return;
  for (const item of deps.items) if (isMap(item) && item.get('name') === name) item.set('version', version);
  fs.writeFileSync(chartYaml, doc.toString());
}

/**
 * Runs `use` with a directory holding the chart with `changes` applied: the chart itself when
 * nothing changes, else a temp copy. A copy is made once per chart content and set of changes and
 * shared by every render in this process that needs the same one (helm only reads it); all copies
 * are removed when the process exits.
 */
export async function withChartCopy<T>(
  chartDir: string,
  changes: ChartCopyChanges,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const overrides = Object.entries(changes.chartYaml ?? {}).filter(([, v]) => v !== undefined);
  const extra = Object.entries(changes.extraFiles ?? {});
  const remove = changes.removeFiles ?? [];
  const subs = changes.subchartYaml ?? [];
  if (overrides.length === 0 && extra.length === 0 && remove.length === 0 && subs.length === 0) return use(chartDir);
  const key = stableStringify({ chartDir, content: directoryHash(chartDir), overrides, extra, remove, subs: subs.map((s) => ({ key: s.sub.key, fields: s.fields })) });
  let copy = copies.get(key);
  if (!copy || !fs.existsSync(copy)) {
    copy = makeCopy(chartDir, overrides, extra, remove, subs);
    copies.set(key, copy);
  }
  return use(copy);
}

const copies = new Map<string, string>();
let copiesRoot: string | undefined;

function makeCopy(
  chartDir: string,
  overrides: [string, string | undefined][],
  extra: [string, string][],
  remove: string[],
  subs: NonNullable<ChartCopyChanges['subchartYaml']>,
): string {
  if (!copiesRoot) {
    copiesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-chart-'));
    const root = copiesRoot;
    process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  }
  // helm names the chart after Chart.yaml, not after the directory; keep the basename anyway.
  const copy = path.join(fs.mkdtempSync(path.join(copiesRoot, 'c-')), path.basename(chartDir));
  // Files the copy leaves out are not copied at all (copying then deleting them was most of a copy's cost).
  const left = new Set(remove.map((rel) => path.join(chartDir, rel)));
  fs.cpSync(chartDir, copy, { recursive: true, filter: (src) => !left.has(src) });
  if (overrides.length > 0) patchChartYaml(path.join(copy, 'Chart.yaml'), overrides);
  for (const { sub, fields } of subs) {
    let dir = sub.dir;
    if (!dir) {
      // A packaged dependency: replace the archive with its unpacked chart, then patch it.
      dir = `charts/${sub.name}`;
      if (sub.archive) fs.rmSync(path.join(copy, sub.archive), { force: true });
      if (!fs.existsSync(path.join(copy, dir))) fs.cpSync(sub.root, path.join(copy, dir), { recursive: true });
    }
    patchChartYaml(path.join(copy, dir, 'Chart.yaml'), Object.entries(fields));
    // Helm drops a dependency whose version no longer satisfies the parent's constraint, so the
    // parent's dependency entries for this chart name get the new version too.
    if (fields.version !== undefined) pinDependencyVersion(path.join(copy, 'Chart.yaml'), sub.name, fields.version);
  }
  for (const rel of remove) fs.rmSync(path.join(copy, rel), { force: true });
  for (const [rel, content] of extra) {
    fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
    fs.writeFileSync(path.join(copy, rel), content);
  }
  return copy;
}
