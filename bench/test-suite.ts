/**
 * Opt-in (`--with-tests`) timing of the whole Jest suite: one
 * `jest --ci --silent --json` run, its wall time, the counts from Jest's JSON
 * report, the slowest test files, and the helm processes the test toolkit
 * started (the toolkit appends one line per process to `$HELMTS_HELM_LOG`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnMeasured } from './measure';

export interface TestSuiteResult {
  wallMs: number;
  exitCode: number;
  timedOut: boolean;
  suites: number;
  tests: number;
  passed: number;
  failed: number;
  /** Helm processes started through the test toolkit, by `<kind> helm<major>`. */
  helmProcesses: Record<string, number>;
  /** `template` runs: one per distinct render (the toolkit caches the rest). */
  helmTemplateRuns: number;
  slowestFiles: Array<{ file: string; ms: number; tests: number }>;
}

interface JestJson {
  numTotalTestSuites: number;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: unknown[] }>;
}

/** Runs the suite once (no cache cleared: this is the time a developer waits for `npx jest --ci`). */
export async function benchTestSuite(repoRoot: string, tmp: string, timeoutMs: number): Promise<TestSuiteResult> {
  fs.mkdirSync(tmp, { recursive: true });
  const report = path.join(tmp, 'jest.json');
  const helmLog = path.join(tmp, 'helm.log');
  fs.writeFileSync(helmLog, '');
  const jest = path.join(repoRoot, 'node_modules', '.bin', 'jest');
  const run = await spawnMeasured(jest, ['--ci', '--silent', '--json', `--outputFile=${report}`], {
    cwd: repoRoot,
    env: { ...process.env, HELMTS_HELM_LOG: helmLog },
    memory: false,
    timeoutMs,
  });
  const json: JestJson | undefined = fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, 'utf8')) as JestJson) : undefined;
  const helmProcesses: Record<string, number> = {};
  for (const line of fs.readFileSync(helmLog, 'utf8').split('\n').filter(Boolean)) helmProcesses[line] = (helmProcesses[line] ?? 0) + 1;
  const helmTemplateRuns = Object.entries(helmProcesses)
    .filter(([k]) => k.startsWith('template'))
    .reduce((n, [, c]) => n + c, 0);
  return {
    wallMs: run.wallMs,
    exitCode: run.code,
    timedOut: run.timedOut,
    suites: json?.numTotalTestSuites ?? 0,
    tests: json?.numTotalTests ?? 0,
    passed: json?.numPassedTests ?? 0,
    failed: json?.numFailedTests ?? 0,
    helmProcesses,
    helmTemplateRuns,
    slowestFiles: (json?.testResults ?? [])
      .map((t) => ({ file: path.relative(repoRoot, t.name), ms: t.endTime - t.startTime, tests: t.assertionResults.length }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8),
  };
}
