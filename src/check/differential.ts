/**
 * The differential self-check of a helmts chart: values drawn from the chart's
 * own values.schema.json, each rendered by real `helm template` of the
 * generated chart and by the definition run concretely on the same values
 * (merged over the defaults as helm merges them); the two must agree
 * template by template, or both refuse the values. fast-check shrinks a
 * disagreement to a small counterexample.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { concreteBuiltIns, renderConcrete, type ChartDefinition, type ConcreteTemplate } from '../generator';
import type { JsonSchema } from '../generator/json-schema';
import { isConcreteChecksum } from '../generator/template-checksum';
import { hasWildcard, matchesWildcard, wildcardPattern } from '../generator/nondeterministic';
import type { HelmMajor } from '../helm/helm-binary';
import { loadChart } from '../testing/chart';
import { helmMergedValues, type ValuesMap } from '../values/helm-merge';
import { goYamlJson } from '../values/go-yaml';
import { schemaProblems } from '../values/schema-problems';
import { schemaArbitrary } from './schema-arbitrary';

export const CHECK_RELEASE = { name: 'check', namespace: 'check-ns' };

export interface CheckOptions {
  /** Generated chart folder. */
  chartDir: string;
  /** Folder for the values files handed to helm. */
  workDir: string;
  cases: number;
  helm: HelmMajor;
  seed: number;
  /** Called after each generated case (not during shrinking). */
  onProgress?: (done: number) => void;
}

export interface CheckResult {
  /** Cases run (values valid under the schema). */
  cases: number;
  /** Cases both sides refused (e.g. a repeated list key). */
  bothRefused: number;
  /** The shrunk counterexample and what differed, if any. */
  failure?: { values: unknown; message: string };
  seed: number;
}

/** Where two JSON values first differ, as a path; undefined when equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  // `b.checksumOf(template)`: TypeScript digests the objects, Helm the rendered text (see template-checksum.ts).
  if (isConcreteChecksum(b) && typeof a === 'string' && /^[0-9a-f]{64}$/.test(a)) return undefined;
  // A random value (`b.randAlphaNum(5)`, `b.uuidv4()`, `b.now()`…): the TypeScript render gives its shape, and any
  // string of that shape from Helm agrees (see src/generator/nondeterministic.ts).
  if (hasWildcard(b)) return matchesWildcard(a, b) ? undefined : `${at || '(root)'}: helm ${JSON.stringify(a)}, TypeScript any value of the form ${wildcardPattern(b).source}`;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k);
      if (d) return d;
    }
    // Every key agrees under these rules (a checksum stand-in among them).
    if (Array.isArray(a) || (a as object).constructor === (b as object).constructor) return undefined;
  }
  return `${at || '(root)'}: helm ${JSON.stringify(a)}, TypeScript ${JSON.stringify(b)}`;
}

const isEmpty = (v: unknown): boolean => v === null || (typeof v === 'object' && v !== undefined && Object.keys(v as object).length === 0);

/**
 * A document as the API server keeps it: a key whose value is `null`, `{}` or `[]` is the same as no
 * key (a chart's `with`/`if` omits what the TypeScript object spells out empty). Only keys that are
 * empty as written are dropped: `a: {b: {}}` stays `a: {}`, not nothing.
 */
export function withoutEmptyKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)).map(([k, v]) => [k, withoutEmptyKeys(v)]));
}

/**
 * The documents of one template in a fixed order of kinds: Helm prints a template's documents sorted by kind (its
 * install order, kinds it does not know by name), keeping the template's order within a kind, so a template that
 * returns an Issuer and then a Certificate is printed Certificate first. Both sides are put in the same (stable)
 * kind order before they are compared.
 */
function byKind(documents: readonly unknown[]): unknown[] {
  const kind = (d: unknown) => (d && typeof d === 'object' && typeof (d as { kind?: unknown }).kind === 'string' ? (d as { kind: string }).kind : '');
  return [...documents].sort((a, b) => (kind(a) < kind(b) ? -1 : kind(a) > kind(b) ? 1 : 0));
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Renders one values object both ways; returns what differs, or undefined when they agree. */
export async function compareOnce<V>(
  definition: ChartDefinition<V>,
  options: Pick<CheckOptions, 'chartDir' | 'workDir' | 'helm'>,
  values: unknown,
  file: string,
): Promise<{ difference?: string; bothRefused: boolean }> {
  fs.writeFileSync(file, goYamlJson(values));
  let expected: ConcreteTemplate[] | undefined;
  let tsError: string | undefined;
  try {
    const merged = helmMergedValues(definition.defaults as unknown as ValuesMap, [values as ValuesMap]);
    expected = renderConcrete(definition, merged as V, concreteBuiltIns(definition, CHECK_RELEASE));
  } catch (error) {
    tsError = messageOf(error);
  }
  let helmError: string | undefined;
  let out: Awaited<ReturnType<ReturnType<typeof loadChart>['render']>> | undefined;
  try {
    // Agreement only: whether the objects are valid Kubernetes is the chart tests' concern, and the TypeScript side is not validated either.
    out = await loadChart(options.chartDir).render({ values: [file], release: CHECK_RELEASE, helm: options.helm, validate: false });
  } catch (error) {
    helmError = messageOf(error);
  }
  if (tsError !== undefined && helmError !== undefined) return { bothRefused: true };
  if (tsError !== undefined) return { bothRefused: false, difference: `helm renders these values; the TypeScript definition throws: ${tsError}` };
  if (helmError !== undefined) return { bothRefused: false, difference: `the TypeScript definition renders these values; helm ${options.helm} fails: ${helmError}` };
  for (const { template, documents } of expected!) {
    const d = firstDifference(
      withoutEmptyKeys(JSON.parse(JSON.stringify(byKind(out!.template(template))))),
      withoutEmptyKeys(JSON.parse(JSON.stringify(byKind(documents)))),
    );
    if (d) return { bothRefused: false, difference: `${template} differs at ${d}` };
  }
  return { bothRefused: false };
}

/** Runs the check; never throws for a disagreement (it is in the result). */
export async function checkChart<V>(definition: ChartDefinition<V>, schema: JsonSchema, options: CheckOptions): Promise<CheckResult> {
  let done = 0;
  let bothRefused = 0;
  let counter = 0;
  let shrinking = false;
  const property = fc.asyncProperty(schemaArbitrary(schema), async (values) => {
    fc.pre(schemaProblems(values, schema).length === 0);
    const r = await compareOnce(definition, options, values, path.join(options.workDir, `case-${counter++ % 64}.json`));
    if (!shrinking) {
      done++;
      if (r.bothRefused) bothRefused++;
      options.onProgress?.(done);
    }
    if (r.difference) {
      shrinking = true;
      throw new Error(r.difference);
    }
  });
  const run = await fc.check(property, { numRuns: options.cases, seed: options.seed, maxSkipsPerRun: 100 });
  const result: CheckResult = { cases: done, bothRefused, seed: options.seed };
  if (run.failed && run.counterexample) {
    const error = run.errorInstance;
    result.failure = { values: run.counterexample[0], message: error instanceof Error ? error.message : String(error) };
  } else if (run.failed) {
    result.failure = { values: undefined, message: `fast-check stopped: ${String(run.errorInstance ?? 'too many values broke the schema')}` };
  }
  return result;
}
