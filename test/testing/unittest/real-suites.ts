/**
 * The helm-unittest suites of three public charts (test/fixtures/unittest-suites/README.md), run
 * unchanged on real Helm 3.17, Helm 3.18 and Helm 4. Every assert passes except those that encode
 * two helm-unittest artefacts no real helm can produce (pkg/unittest/test_job.go):
 * - `releaseV3Option`: the default release name `RELEASE-NAME`, which `helm template` refuses
 *   (the runner renders `release-name`);
 * - `capabilitiesV3`: `.Capabilities.APIVersions` is replaced by the test's list (empty by
 *   default), while real helm always has its built-in API versions (`apps/v1`).
 * The second part proves the first class: with `RELEASE-NAME` written as `release-name` in the
 * suites and snapshots, exactly the APIVersions assert still fails.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runUnittestSuites, type TestResult } from '../../../src/testing/unittest';
import type { HelmMajor } from '../../../src/testing';

export const ROOT = 'test/fixtures/unittest-suites';
export const CHARTS: { chart: string; files?: string[]; tests: number; asserts: number }[] = [
  { chart: 'jenkins', files: ['unittests/*.yaml'], tests: 221, asserts: 644 },
  { chart: 'flux2', files: ['tests/*.yaml', 'tests/**/*.yaml'], tests: 111, asserts: 165 },
  { chart: 'reloader', tests: 45, asserts: 67 },
];
export const APIVERSIONS_ARTEFACT = 'jenkins-controller-statefulset-test.yaml :: default values :: asserts[1] equal';

export const failing = (results: TestResult[]) =>
  results.flatMap((t) => t.asserts.filter((a) => a.status !== 'passed').map((a) => ({ key: `${path.basename(t.file)} :: ${t.test} :: asserts[${a.index}] ${a.type}`, t, a })));

/** Whether the suite file (or its snapshot) expects `RELEASE-NAME` and the test names no release. */
function releaseNameArtefact(t: TestResult): boolean {
  const suite = fs.readFileSync(t.file, 'utf8');
  const snap = path.join(path.dirname(t.file), '__snapshot__', `${path.basename(t.file)}.snap`);
  const expectsIt = suite.includes('RELEASE-NAME') || (fs.existsSync(snap) && fs.readFileSync(snap, 'utf8').includes('RELEASE-NAME'));
  const block = suite.slice(suite.indexOf(`it: ${t.test}`));
  const setsName = /^\s*release:\s*\n\s+name:/m.test(block.split(/\n\s*- it:/)[0]) || /^release:\s*\n\s+name:/m.test(suite);
  return expectsIt && !setsName;
}

/** Runs the three charts' suites on `helm` and checks every failing assert is a listed artefact. */
export function describeRealSuites(helm: HelmMajor): void {
  describe(`helm-unittest suites of public charts on Helm ${helm}`, () => {
  it.each(CHARTS)('should run every assert of $chart and fail only on the helm-unittest artefacts', async ({ chart, files, tests, asserts }) => {
    const results = await runUnittestSuites(path.join(ROOT, chart), { helm, files });
    expect(results).toHaveLength(tests);
    expect(results.flatMap((t) => t.asserts)).toHaveLength(asserts);
    for (const { key, t, a } of failing(results)) {
      expect({ key, status: a.status }).toEqual({ key, status: 'failed' });
      if (key !== APIVERSIONS_ARTEFACT) expect({ key, releaseNameArtefact: releaseNameArtefact(t) }).toEqual({ key, releaseNameArtefact: true });
    }
    if (chart === 'reloader') expect(failing(results)).toEqual([]);
  }, 120_000);
  });
}
