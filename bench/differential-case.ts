/**
 * Cost of one differential test case (test/charts/helloworld-egress/differential.test.ts):
 * check the values against the schema, render them with real `helm template`,
 * parse and validate the documents (as the test toolkit does), render the same
 * values concretely in TypeScript and compare template by template. The values
 * are the first cases fast-check draws for the Helm 4 property's seed.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { helloworldEgress } from '../src/charts';
import { concreteBuiltIns, renderConcrete } from '../src/generator';
import { documentInfo } from '../src/testing/document-info';
import { parseManifests } from '../src/testing/parse-manifests';
import { validateDocuments } from '../src/testing/validate-documents';
import { helmMergedValues, type ValuesMap } from '../src/values/helm-merge';
import { schemaProblems } from '../src/values/schema-problems';
import { arbitraryValues } from '../test/charts/helloworld-egress/arbitrary-values';
import { helmTemplate, RELEASE } from './helm';
import { summarize, type Samples } from './measure';

/** Seed of the Helm 4 property in differential.test.ts. */
export const DIFFERENTIAL_SEED = 20261125;

export type CaseStep = 'schema' | 'helm' | 'parse' | 'concrete' | 'compare';

export interface DifferentialCase {
  namespaces: number;
  testsEnabled: boolean;
  ms: Record<CaseStep | 'total', number>;
  /** helm and TypeScript agreed on every template (false also when helm timed out). */
  agreed: boolean;
  timedOut: boolean;
}

export interface DifferentialResult {
  cases: DifferentialCase[];
  total: Samples;
  steps: Record<CaseStep, Samples>;
  agreed: number;
}

/** Runs `count` cases on Helm 4 against the chart at `chartDir`, sequentially. */
export async function benchDifferentialCases(chartDir: string, tmp: string, count: number, timeoutMs: number): Promise<DifferentialResult> {
  const schema = JSON.parse(fs.readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8'));
  const samples = fc.sample(arbitraryValues, { seed: DIFFERENTIAL_SEED, numRuns: count }) as unknown as ValuesMap[];
  fs.mkdirSync(tmp, { recursive: true });
  const builtIns = concreteBuiltIns(helloworldEgress, RELEASE);
  const cases: DifferentialCase[] = [];
  for (const [i, values] of samples.entries()) {
    const t0 = performance.now();
    const problems = schemaProblems(values, schema);
    if (problems.length > 0) throw new Error(`differential case ${i} is not valid values: ${JSON.stringify(problems[0])}`);
    const file = path.join(tmp, `case-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(values));
    const t1 = performance.now();
    const run = await helmTemplate(4, chartDir, file, { capture: true, timeoutMs });
    const t2 = performance.now();
    let agreed = false;
    let t3 = t2;
    let t4 = t2;
    if (!run.timedOut) {
      const docs = parseManifests(run.stdout);
      validateDocuments(docs);
      t3 = performance.now();
      const merged = helmMergedValues(helloworldEgress.defaults as unknown as ValuesMap, [values]);
      const expected = renderConcrete(helloworldEgress, merged as never, builtIns);
      t4 = performance.now();
      agreed = expected.every(({ template, documents }) =>
        isDeepStrictEqual(
          docs.filter((d) => documentInfo(d)?.template === template),
          documents,
        ),
      );
    }
    const t5 = performance.now();
    const namespaces = Array.isArray(values.namespaces) ? values.namespaces.length : 0;
    const tests = (values.tests as { enabled?: boolean } | undefined)?.enabled === true;
    cases.push({
      namespaces,
      testsEnabled: tests,
      ms: { schema: t1 - t0, helm: t2 - t1, parse: t3 - t2, concrete: t4 - t3, compare: t5 - t4, total: t5 - t0 },
      agreed,
      timedOut: run.timedOut,
    });
  }
  const pick = (k: CaseStep) => summarize(cases.map((c) => c.ms[k]));
  return {
    cases,
    total: summarize(cases.map((c) => c.ms.total)),
    steps: { schema: pick('schema'), helm: pick('helm'), parse: pick('parse'), concrete: pick('concrete'), compare: pick('compare') },
    agreed: cases.filter((c) => c.agreed).length,
  };
}
