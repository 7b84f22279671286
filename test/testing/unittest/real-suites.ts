/**
 * The helm-unittest suites of three public charts (test/fixtures/unittest-suites/README.md), run
 * unchanged on real helm. Every assert passes except those that encode two helm-unittest
 * artefacts no real helm can produce (pkg/unittest/test_job.go):
 * - `releaseV3Option`: the default release name `RELEASE-NAME`, which `helm template` refuses
 *   (the runner renders `release-name`);
 * - `capabilitiesV3`: `.Capabilities.APIVersions` is replaced by the test's list (empty by
 *   default), while real helm always has its built-in API versions (`apps/v1`).
 * `releaseNameProof` proves the first class: with `RELEASE-NAME` written as `release-name` in a
 * copy of a chart's suites and snapshots, every assert of the suite files that expected it passes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runUnittestSuites, suiteFiles, type TestResult } from '../../../src/testing/unittest';
import type { HelmMajor } from '../../../src/testing';

export const ROOT = 'test/fixtures/unittest-suites';
export interface RealChart { chart: string; files?: string[]; tests: number; asserts: number; failing: number }
export const CHARTS: RealChart[] = [
  { chart: 'jenkins', files: ['unittests/*.yaml'], tests: 221, asserts: 644, failing: 42 },
  { chart: 'flux2', files: ['tests/*.yaml', 'tests/**/*.yaml'], tests: 111, asserts: 165, failing: 2 },
  { chart: 'reloader', tests: 45, asserts: 67, failing: 0 },
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

/** Runs the charts' suites on `helm`; every failing assert must be a listed artefact. */
export function describeRealSuites(helm: HelmMajor, charts: RealChart[] = CHARTS): void {
  describe(`helm-unittest suites of public charts on Helm ${helm}`, () => {
    it.each(charts)('should run every assert of $chart and fail only the $failing asserts that encode helm-unittest artefacts', async ({ chart, files, tests, asserts, failing: n }) => {
      const results = await runUnittestSuites(path.join(ROOT, chart), { helm, files });
      expect(results).toHaveLength(tests);
      expect(results.flatMap((t) => t.asserts)).toHaveLength(asserts);
      const bad = failing(results);
      for (const { key, t, a } of bad) {
        expect({ key, status: a.status }).toEqual({ key, status: 'failed' });
        if (key !== APIVERSIONS_ARTEFACT) expect({ key, releaseNameArtefact: releaseNameArtefact(t) }).toEqual({ key, releaseNameArtefact: true });
      }
      expect(bad).toHaveLength(n);
    }, 120_000);
  });
}

/**
 * With `RELEASE-NAME` written as `release-name` in a copy of the chart's suites and snapshots, every
 * assert of the suite files that expect it passes (only those files run).
 */
export function releaseNameProof(helm: HelmMajor, { chart, files }: RealChart): void {
  it(`should pass every assert of the ${chart} suites that expect RELEASE-NAME on Helm ${helm} once it is written as release-name`, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-release-name-'));
    try {
      const copy = path.join(tmp, chart);
      fs.cpSync(path.join(ROOT, chart), copy, { recursive: true });
      const snapshotOf = (f: string) => path.join(path.dirname(f), '__snapshot__', `${path.basename(f)}.snap`);
      const expecting = suiteFiles(copy, files).filter((f) => [f, snapshotOf(f)].some((x) => fs.existsSync(x) && fs.readFileSync(x, 'utf8').includes('RELEASE-NAME')));
      expect(expecting.length).toBeGreaterThan(0);
      for (const f of expecting.flatMap((x) => [x, snapshotOf(x)]).filter((x) => fs.existsSync(x))) {
        fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replaceAll('RELEASE-NAME', 'release-name'));
      }
      const results = await runUnittestSuites(copy, { helm, files: expecting.map((f) => path.relative(copy, f)) });
      expect(failing(results).map((f) => f.key)).toEqual([]);
      expect(results.flatMap((t) => t.asserts).filter((a) => a.status === 'passed').length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
}
