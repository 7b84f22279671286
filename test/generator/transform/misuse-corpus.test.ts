/**
 * The misuse corpus: ordinary TypeScript constructs a chart author writes.
 * Each traced snippet must render in `helm template` exactly as the same
 * code evaluates in TypeScript, over values sets that take both branches of
 * every condition; each refused snippet must stop the build with its
 * grammar row (src/language/grammar.ts) at the file:line:column of the
 * construct, found statically by the chart language's analysis.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chartSchema, concreteBuiltIns, emitTemplates, generateChart, renderConcrete, writeFiles } from '../../../src/generator';
import { ChartLanguageError } from '../../../src/language/diagnostics';
import { row } from '../../../src/language/grammar';
import { runHelm } from '../../../src/helm/run-helm';
import type { HelmMajor } from '../../../src/helm/helm-binary';
import { documentInfo } from '../../../src/testing/document-info';
import { parseManifests } from '../../../src/testing/parse-manifests';
import { helmMergedValues, type ValuesMap } from '../../../src/values/helm-merge';
import { misuseChart } from '../fixtures/charts/misuse/chart';
import { refused } from '../fixtures/charts/misuse/refused';
import { traced } from '../fixtures/charts/misuse/traced';
import type { MisuseValues } from '../fixtures/charts/misuse/values';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const release = { name: 'corpus', namespace: 'ns' };
const kubeVersion = 'v1.30.2';
const builtIns = () => concreteBuiltIns(misuseChart, release, { kubeVersion });

/** Together these take both branches of every condition in traced.ts (checked below). */
const valuesSets: Array<[string, Partial<MisuseValues>]> = [
  [
    'everything set',
    {
      enabled: true, name: 'web-z', tag: 'v1', count: 3, type: 'NodePort', items: ['x'], labels: { a: 'b' }, nodePort: 30080, extra: { note: 'n' },
      ports: [{ name: 'http', port: 80, protocol: 'UDP' }, { name: 'big', port: 8080 }],
    },
  ],
  ['the defaults', {}],
  ['empty strings and another enum', { enabled: true, name: ' Mixed ', tag: '', count: 7, type: 'LoadBalancer', items: ['y', 'x'], ports: [{ name: 'dns', port: 53, protocol: 'TCP' }], nodePort: 31000 }],
  ['off with a tag', { enabled: false, name: 'a', tag: 'web', count: 2, type: 'NodePort', items: ['z'], ports: [{ name: 'p', port: 2000 }], labels: {}, extra: {} }],
  // Helm's unset: a null for an optional field without a default stays in .Values; templates and TypeScript see it absent.
  [
    'nulls for optional fields',
    { enabled: true, tag: null, nodePort: null, labels: null, extra: { note: null }, ports: [{ name: 'n', port: 9, protocol: null }] } as unknown as Partial<MisuseValues>,
  ],
];

let workDir: string;
let chartDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'misuse-corpus-'));
  const generated = generateChart(misuseChart, { repoRoot, chartDir: 'chart' });
  writeFiles(workDir, ['chart'], generated.files);
  chartDir = path.join(workDir, 'chart');
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** One helm run renders every snippet: documents by template name. */
async function helmByTemplate(values: Partial<MisuseValues>, helm: HelmMajor): Promise<Record<string, unknown[]>> {
  const file = path.join(workDir, `values-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', release.name, chartDir, '-n', release.namespace, '--kube-version', kubeVersion, '-f', file], helm);
  if (r.code !== 0) throw new Error(r.stderr);
  const out: Record<string, unknown[]> = {};
  for (const doc of parseManifests(r.stdout)) (out[documentInfo(doc)!.template] ??= []).push(doc);
  return out;
}

const isEmpty = (v: unknown) =>
  v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** A field that is null, [] or {} may be left out (as a hand-written chart's `with` does): the corpus treats them alike. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropNulls(v)] as const).filter(([, v]) => !isEmpty(v)));
  }
  return value;
}

const refusedFile = 'test/generator/fixtures/charts/misuse/refused.ts';
const refusedSource = fs.readFileSync(path.join(repoRoot, refusedFile), 'utf8');

/** 1-based line and column of `construct`, first found in the snippet's `fn` in refused.ts. */
function expectedSite(name: string, construct: string): { line: number; column: number } {
  const at = refusedSource.indexOf(construct, refusedSource.indexOf('fn:', refusedSource.indexOf(`'${name}'`)));
  const before = refusedSource.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function buildError(fn: (typeof refused)[string]['fn']): Error {
  const schema = chartSchema(misuseChart, repoRoot);
  try {
    emitTemplates({ ...misuseChart, helpers: [], templates: { 'refused.yaml': fn } }, schema);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the build succeeded');
}

describe('the misuse corpus', () => {
  it.each(Object.entries(refused))('stops the build for %s with its grammar row at the construct', (name, snippet) => {
    const error = buildError(snippet.fn);
    expect(error).toBeInstanceOf(ChartLanguageError);
    const [first] = (error as ChartLanguageError).diagnostics;
    const site = expectedSite(name, snippet.construct);
    const r = row(snippet.row);
    expect({ location: first.location, row: first.row, construct: first.construct }).toEqual({
      location: `${refusedFile}:${site.line}:${site.column}`,
      row: snippet.row,
      construct: snippet.construct,
    });
    expect(error.message).toContain(r.status === 'refused' ? r.advice : '');
    // The user's own code only: no internal token ids, runtime functions or files of helmts.
    expect(error.message).not.toMatch(/\uE000|__helmts|runtime(-js)?\.ts|src\/generator|src\/language/);
  });

  it('has at least 40 snippets', () => {
    expect(Object.keys(traced).length + Object.keys(refused).length).toBeGreaterThanOrEqual(40);
  });

  it('fails the render in Helm and in TypeScript with the message of required() when the value is empty', async () => {
    const file = path.join(workDir, 'values-required.json');
    fs.writeFileSync(file, JSON.stringify({ name: '' }));
    const r = await runHelm(['template', release.name, chartDir, '-f', file]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('name is required') });
    const merged = helmMergedValues(misuseChart.defaults as unknown as ValuesMap, [{ name: '' }]) as unknown as MisuseValues;
    expect(() => renderConcrete(misuseChart, merged, builtIns())).toThrow('name is required');
  });

  it('takes both branches: every traced snippet evaluates differently for two of the values sets', () => {
    const byTemplate = new Map<string, Set<string>>();
    for (const [, values] of valuesSets) {
      const merged = helmMergedValues(misuseChart.defaults as unknown as ValuesMap, [values as ValuesMap]) as unknown as MisuseValues;
      for (const { template, documents } of renderConcrete(misuseChart, merged, builtIns())) {
        if (!byTemplate.has(template)) byTemplate.set(template, new Set());
        byTemplate.get(template)!.add(JSON.stringify(documents));
      }
    }
    const constant = [...byTemplate].filter(([, outputs]) => outputs.size < 2).map(([t]) => t);
    expect(constant).toEqual([]);
  });

  it.each([4, 3] as HelmMajor[])('renders every traced snippet in Helm %s as TypeScript evaluates it, for every values set', async (helm) => {
    for (const [label, values] of valuesSets) {
      const rendered = await helmByTemplate(values, helm);
      const merged = helmMergedValues(misuseChart.defaults as unknown as ValuesMap, [values as ValuesMap]) as unknown as MisuseValues;
      for (const { template, documents } of renderConcrete(misuseChart, merged, builtIns())) {
        expect({ label, template, documents: dropNulls(rendered[template] ?? []) }).toEqual({ label, template, documents: dropNulls(documents) });
      }
    }
  });
});
