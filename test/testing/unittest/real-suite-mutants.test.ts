/**
 * Item 3 of issue 25: the runner kills every mutant of the vendored charts that helm-unittest's
 * asserts kill. Each mutant (real-suite-mutants.ts) is applied to a temp copy of its chart and
 * only the suite files covering the mutated template run (Helm 4). A kill is an assert that
 * fails on the mutant but passes on the unmutated chart; the predicted killing assert must be
 * among them, and an expected survivor must have none.
 */
import * as path from 'node:path';
import { runUnittestSuites } from '../../../src/testing/unittest';
import { mutantChart, removeMutants } from '../mutant-chart';
import { MUTANTS } from './real-suite-mutants';
import { ROOT, failing } from './real-suites';

afterAll(removeMutants);

describe.each(Object.entries(MUTANTS))('mutants of %s', (chart, mutants) => {
  const dir = path.join(ROOT, chart);
  let baseline: Set<string>;
  beforeAll(async () => {
    const files = [...new Set(mutants.flatMap((m) => m.suites))];
    baseline = new Set(failing(await runUnittestSuites(dir, { files })).map((f) => f.key));
  }, 120_000);

  it('has at least 10 mutants, each applied to a template', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(10);
    expect(mutants.filter((m) => m.killedBy).length).toBeGreaterThanOrEqual(10);
  });

  it.each(mutants)('$id ($what): $killedBy$survives', async (m) => {
    const copy = mutantChart(dir, [m.edit]);
    const kills = failing(await runUnittestSuites(copy, { files: m.suites })).map((f) => f.key).filter((k) => !baseline.has(k));
    if (m.killedBy) expect(kills).toContain(m.killedBy);
    else expect(kills).toEqual([]);
  }, 120_000);
});
