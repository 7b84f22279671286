/**
 * `helmts test --unittest <chart>` on the vendored public charts (test/fixtures/unittest-suites),
 * end to end as a process (the user's command, default settings: no on-disk render cache), beside
 * its floor: one `helm template` process per distinct render the suites need (the same render
 * options the runner derives, each chart copy prepared beforehand, run with the runner's
 * concurrency). Per-test cost of both, tests/s, and their ratio; the runner's extra processes
 * (NOTES.txt, raw document order, enabled subcharts) and its parsing are what the ratio measures.
 */
import * as path from 'node:path';
import { helmBinary } from '../src/helm/helm-binary';
import { renderChanges, withChartCopy } from '../src/testing/chart-copy';
import { loadChart } from '../src/testing/chart';
import { stableStringify } from '../src/testing/fingerprint';
import { templateArgs } from '../src/testing/helm-args';
import type { RenderOptions } from '../src/testing/types';
import { renderOptions, suiteTemplateFiles } from '../src/testing/unittest/job-render';
import { mapLimited, suiteFiles, TEST_CONCURRENCY } from '../src/testing/unittest/run-suites';
import { readSuiteFile } from '../src/testing/unittest/suite-file';
import { CHARTS, ROOT } from '../test/testing/unittest/real-suites';
import { repeat, spawnMeasured, summarize, type RepeatPlan, type Samples } from './measure';

export interface UnittestChartResult {
  chart: string;
  helm: 4;
  tests: number;
  distinctRenders: number;
  runnerMs: Samples;
  floorMs: Samples;
  exitCode: number;
}

/** The distinct render options of every test of the chart's suites (what the runner passes to `chart.render`). */
function distinctRenders(chartDir: string, files: string[] | undefined): { tests: number; renders: RenderOptions[] } {
  const chart = loadChart(chartDir);
  const renders = new Map<string, RenderOptions>();
  let tests = 0;
  for (const file of suiteFiles(chartDir, files)) {
    for (const suite of readSuiteFile(file)) {
      const chosen = suiteTemplateFiles(chart.dir, chart.name, suite);
      for (const test of suite.tests) {
        tests++;
        const options = renderOptions(suite, test, chosen, 4);
        renders.set(stableStringify(options), options);
      }
    }
  }
  return { tests, renders: [...renders.values()] };
}

/** The helm arguments of each render, on the chart copy it needs (chosen templates, Chart.yaml overrides), made beforehand. */
async function prepareArgs(chartDir: string, renders: RenderOptions[]): Promise<string[][]> {
  const out: string[][] = [];
  // withChartCopy keeps its copies until the process exits, so the returned folder stays valid.
  for (const options of renders) out.push(templateArgs(await withChartCopy(chartDir, renderChanges(chartDir, options), async (d) => d), options));
  return out;
}

export async function benchUnittestSuites(repoRoot: string, charts: string[], plan: RepeatPlan): Promise<UnittestChartResult[]> {
  const out: UnittestChartResult[] = [];
  const helm = helmBinary(4);
  for (const { chart, files } of CHARTS.filter((c) => charts.includes(c.chart))) {
    const chartDir = path.join(repoRoot, ROOT, chart);
    const { tests, renders } = distinctRenders(chartDir, files);
    const argsList = await prepareArgs(chartDir, renders);
    const fileArgs = (files ?? []).flatMap((f) => ['-f', f]);
    const env = { ...process.env, HELMTS_RENDER_CACHE: '' };
    const command = ['bin/helmts.js', 'test', '--unittest', chartDir, ...fileArgs];
    const check = await spawnMeasured('node', command, { cwd: repoRoot, env, memory: false });
    const runner = await repeat(plan, () => spawnMeasured('node', command, { cwd: repoRoot, env, memory: false }));
    const floor = await repeat(plan, async () => {
      const started = performance.now();
      await mapLimited(argsList, TEST_CONCURRENCY, (args) => spawnMeasured(helm, args, { memory: false }));
      return performance.now() - started;
    });
    out.push({ chart, helm: 4, tests, distinctRenders: renders.length, runnerMs: summarize(runner.map((r) => r.wallMs)), floorMs: summarize(floor), exitCode: check.code });
  }
  return out;
}
