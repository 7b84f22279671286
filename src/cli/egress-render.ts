/**
 * How `npm run egress -- -f values.yaml` renders a chart: `helm template --no-hooks` of a
 * temporary copy of the chart without the templates that can only produce what the analysis
 * skips. `--no-hooks` drops hook objects from the output, but helm still executes their
 * templates, and a chart's `helm test` pods can cost more than its workloads (helloworld-egress
 * at 1,000 namespaces: ~2 s of a ~5.6 s render). Left out of the copy:
 * - `templates/NOTES.txt` (text, never a manifest);
 * - files under `templates/tests/` (Helm's place for test hooks) whose source declares a
 *   `helm.sh/hook` annotation and defines no named template. A file there without the
 *   annotation is kept, since it may render a workload, and so is one with a `define` (another
 *   template may include it); helpers (`_*.tpl`) are always kept. Subcharts render as they are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runHelm, type HelmResult } from '../helm/run-helm';
import { faultPoint } from '../io/fault-points';
import { withTempDir } from '../io/temp-dir';

/** A template that declares a hook and defines nothing another template could include. */
function onlyHooks(text: string): boolean {
  return /helm\.sh\/hook["']?\s*:/.test(text) && !/\{\{-?\s*define\s/.test(text);
}

/** Template files (relative to the chart) that the egress analysis can do without. */
export function analysisSkippedTemplates(chartDir: string): string[] {
  const skipped = fs.existsSync(path.join(chartDir, 'templates', 'NOTES.txt')) ? ['templates/NOTES.txt'] : [];
  const testsDir = path.join(chartDir, 'templates', 'tests');
  if (!fs.existsSync(testsDir)) return skipped;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && !entry.name.startsWith('_') && onlyHooks(fs.readFileSync(file, 'utf8'))) {
        skipped.push(path.relative(chartDir, file).split(path.sep).join('/'));
      }
    }
  };
  walk(testsDir);
  return skipped.sort();
}

/** `helm template egress-check <chart> --no-hooks -f …` of the chart without {@link analysisSkippedTemplates}. */
export async function renderForEgress(chartDir: string, valueFiles: readonly string[]): Promise<HelmResult> {
  const skipped = analysisSkippedTemplates(chartDir);
  const args = (dir: string) => ['template', 'egress-check', dir, '--no-hooks', ...valueFiles.flatMap((v) => ['-f', v])];
  if (skipped.length === 0) return runHelm(args(chartDir));
  return withTempDir('egress', async (tmp) => {
    // Same folder name as the chart: helm names the chart by Chart.yaml, but messages show the folder.
    const copy = path.join(tmp, path.basename(path.resolve(chartDir)));
    fs.cpSync(chartDir, copy, { recursive: true });
    for (const file of skipped) fs.rmSync(path.join(copy, file));
    const rendered = runHelm(args(copy));
    faultPoint('egress-render', copy);
    return rendered;
  });
}
