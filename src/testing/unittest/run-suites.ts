/**
 * Runs a chart's helm-unittest suites on real helm: every suite file the `files` globs match
 * (helm-unittest's default `tests/*_test.yaml`, relative to the chart), every test, every assert,
 * with results in helm-unittest's terms (suite, test `it`, assert index and type, pass / fail /
 * unsupported / skipped). Tests run concurrently, `TEST_CONCURRENCY` at a time (renders are cached
 * and shared by the toolkit).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { loadChart } from '../chart';
import type { HelmMajor } from '../types';
import { ASSERT_TYPES } from './assert-types';
import { runAssert, type AssertOutcome } from './assertion';
import { renderJob } from './job-render';
import { SnapshotFile } from './snapshot-file';
import { readSuiteFile, type SuiteSpec, type TestSpec } from './suite-file';

export const DEFAULT_SUITE_FILES = ['tests/*_test.yaml'];

export type Status = 'passed' | 'failed' | 'unsupported' | 'skipped';

export interface AssertResult {
  index: number;
  type: string;
  not: boolean;
  template?: string;
  status: Status;
  info: string[];
}

export interface TestResult {
  suite: string;
  file: string;
  test: string;
  status: Status;
  /** Why the whole test is unsupported or skipped. */
  reason?: string;
  asserts: AssertResult[];
}

export interface RunOptions {
  helm?: HelmMajor;
  /** Suite file globs relative to the chart (helm-unittest `-f`); default `tests/*_test.yaml`. */
  files?: string[];
}

/** Suite files of the chart matching the globs, sorted. */
export function suiteFiles(chartDir: string, globs: string[] = DEFAULT_SUITE_FILES): string[] {
  const all: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(chartDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'charts') walk(child);
      else if (e.isFile()) all.push(child);
    }
  };
  walk('');
  return all.filter((f) => globs.some((g) => minimatch(f, g))).sort().map((f) => path.join(chartDir, f));
}

function statusOf(passed: boolean, info: string[]): Status {
  return passed ? (info[0]?.startsWith('skipped:') ? 'skipped' : 'passed') : info[0]?.startsWith('unsupported:') ? 'unsupported' : 'failed';
}

/** Runs one test of a suite. */
export async function runTest(chartDir: string, suite: SuiteSpec, test: TestSpec, snapshots: SnapshotFile, helm: HelmMajor): Promise<TestResult> {
  const base = { suite: suite.name, file: suite.file, test: test.name };
  const unsupported = [...suite.unsupported, ...test.unsupported];
  const listed = test.asserts.map((a, index) => ({ index, type: a.type, not: a.not, template: a.template }));
  if (suite.skipReason || test.skipReason) return { ...base, status: 'skipped', reason: suite.skipReason ?? test.skipReason, asserts: [] };
  if (unsupported.length > 0) {
    const reason = `unsupported: ${unsupported.join(', ')}`;
    return { ...base, status: 'unsupported', reason, asserts: listed.map((a) => ({ ...a, status: 'unsupported', info: [reason] })) };
  }
  const requireRenderSuccess = test.asserts.every((a) => ASSERT_TYPES[a.type]?.requireRenderSuccess ?? true);
  const chart = loadChart(chartDir);
  let render: Awaited<ReturnType<typeof renderJob>>;
  try {
    render = await renderJob(chart, suite, test, helm, requireRenderSuccess);
  } catch (error) {
    // helm-unittest: a values file that cannot be read, a bad `set` path, a rendered template that is not
    // YAML (duplicate keys…) is the test's ExecError; no assert runs, the test fails.
    const reason = `Error: ${(error as Error).message}`;
    return { ...base, status: 'failed', reason, asserts: listed.map((a) => ({ ...a, status: 'failed', info: [reason] })) };
  }
  const scope = {
    chartName: chart.name,
    testTemplates: test.templates,
    testTemplate: test.template,
    testDocumentIndex: test.documentIndex,
    testSelector: test.documentSelector,
    suiteTemplates: suite.templates.length > 0 ? suite.templates : ['**'],
    snapshot: snapshots.comparer(test.name),
  };
  const asserts = test.asserts.map((a, index): AssertResult => {
    let outcome: AssertOutcome;
    try {
      outcome = runAssert(a, scope, render);
    } catch (error) {
      outcome = { passed: false, info: [`Error: ${(error as Error).message}`] };
    }
    return { ...listed[index], status: statusOf(outcome.passed, outcome.info), info: outcome.info };
  });
  const status: Status = asserts.some((a) => a.status === 'unsupported') ? 'unsupported' : asserts.every((a) => a.status !== 'failed') ? 'passed' : 'failed';
  return { ...base, status, asserts };
}

/**
 * At most this many tests render at once: enough to keep every core busy while helm processes
 * start, without hundreds of helm processes (and chart copies) competing for two cores.
 */
export const TEST_CONCURRENCY = Math.max(2, os.availableParallelism()) * 2;

/** Runs `make` for each item with at most `limit` running at once; results in item order. */
export async function mapLimited<T, R>(items: T[], limit: number, make: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await make(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Runs every suite of the chart; resolves with one result per test, in file and test order. */
export async function runUnittestSuites(chartDir: string, options: RunOptions = {}): Promise<TestResult[]> {
  const helm = options.helm ?? 4;
  const jobs: (() => Promise<TestResult>)[] = [];
  for (const file of suiteFiles(chartDir, options.files)) {
    let suites: SuiteSpec[];
    try {
      suites = readSuiteFile(file);
    } catch (error) {
      const reason = (error as Error).message;
      jobs.push(() => Promise.resolve({ suite: '(unreadable)', file, test: '(suite file)', status: 'failed', reason, asserts: [] }));
      continue;
    }
    const snapshots = new SnapshotFile(file);
    for (const suite of suites) for (const test of suite.tests) jobs.push(() => runTest(chartDir, suite, test, snapshots, helm));
  }
  return mapLimited(jobs, TEST_CONCURRENCY, (job) => job());
}
