/**
 * Jest entry point: `describeUnittestSuites('charts/x', { helm: 3 })` declares one `describe`
 * per suite file and suite, one `it` per helm-unittest test, and checks every assert of the test
 * on real helm. A failing or unsupported assert fails the test with helm-unittest's assert index,
 * type and messages.
 */
import * as path from 'node:path';
import { loadChart } from '../chart';
import { describeAssert } from './report';
import { runTest, suiteFiles, type RunOptions } from './run-suites';
import { SnapshotFile } from './snapshot-file';
import { readSuiteFile } from './suite-file';

interface JestGlobals {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>, timeout?: number): void;
}

export function describeUnittestSuites(chartDir: string, options: RunOptions = {}): void {
  const { describe, it } = globalThis as unknown as JestGlobals;
  const helm = options.helm ?? 4;
  const dir = loadChart(chartDir).dir;
  for (const file of suiteFiles(dir, options.files)) {
    const snapshots = new SnapshotFile(file);
    for (const suite of readSuiteFile(file)) {
      describe(`${path.relative(dir, file)}: ${suite.name}`, () => {
        for (const test of suite.tests) {
          it(test.name, async () => {
            const result = await runTest(dir, suite, test, snapshots, helm);
            const bad = result.asserts.filter((a) => a.status === 'failed' || a.status === 'unsupported');
            if (result.status === 'unsupported' || bad.length > 0) {
              throw new Error([result.reason ?? '', ...bad.map((a) => `${describeAssert(a)}: ${a.status}\n  ${a.info.join('\n  ')}`)].join('\n'));
            }
          }, 60_000);
        }
      });
    }
  }
}
