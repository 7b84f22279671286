/**
 * The adversarial corpus of the chart language (test/generator/fixtures/charts/adversarial/): snippets written
 * to break the promise "a correct template or a build error with file:line:column". Each snippet is built
 * alone: a refused one must stop the build at a line of its own, naming no internal function or token id; a
 * traced one must build. The traced ones are then rendered in one chart by Helm 4 over edge values sets (and
 * by Helm 3 over a sample) and must equal the concrete TypeScript run, object for object.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chartSchema, concreteBuiltIns, emitTemplates, generateChart, renderConcrete, writeFiles } from '../../src/generator';
import { runHelm } from '../../src/helm/run-helm';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { analysisOf, spanOf } from '../../src/language/runtime/entries';
import { documentInfo } from '../../src/testing/document-info';
import { parseManifests } from '../../src/testing/parse-manifests';
import { goYamlJson } from '../../src/values/go-yaml';
import { helmMergedValues, type ValuesMap } from '../../src/values/helm-merge';
import { adversarialChart } from './fixtures/charts/adversarial/chart';
import { corpus } from './fixtures/charts/adversarial/corpus';
import type { Snippet } from './fixtures/charts/adversarial/snippet';

const repoRoot = path.resolve(__dirname, '..', '..');
const release = { name: 'adv', namespace: 'ns' };
const kubeVersion = 'v1.30.2';

/** Edge values sets: defaults, everything set, '' / 0 / false / empty, big and small numbers, non-ASCII and YAML words, nulls, absent parents. */
export const VALUES_SETS: Array<[string, Record<string, unknown>]> = [
  ['the defaults', {}],
  [
    'everything set',
    {
      enabled: true, debug: true, name: 'web-z', tag: 'v1', count: 3, big: 5, ratio: 1.5, size: 'large', items: ['x', 'y'], tags: ['a'],
      ports: [{ name: 'http', port: 80, protocol: 'UDP', enabled: true }, { name: 'big', port: 8080 }], labels: { a: 'b', z: 'y' },
      annotations: { k: 'v' }, extra: { note: 'n', level: 2, nested: { deep: 'd' } }, image: { repository: 'r', tag: 't' }, text: 'Hello World',
      then: 'then-value', toJSON: 'json-field',
    },
  ],
  [
    "'', 0, false and empty lists and maps",
    { enabled: false, debug: false, name: '', tag: '', count: 0, big: 0, ratio: 0, items: [], tags: [], ports: [], labels: {}, annotations: {}, extra: {}, image: { repository: '', tag: '' }, text: '' },
  ],
  [
    'big and small numbers',
    { enabled: true, count: 1000000, big: 2 ** 53 + 2, ratio: 0.00001, name: 'x', ports: [{ name: 'p', port: 65535 }, { name: 'q', port: 1 }], items: ['1e3', '0777'], extra: { level: 12345678 } },
  ],
  [
    'non-ASCII text, YAML 1.1 words and template delimiters',
    {
      enabled: true, name: 'ǅungla straße', tag: 'yes', text: '{{ .Release.Name }} İx', items: ['on', 'n', '~', 'ﬁ'], tags: ['Y', 'off'],
      labels: { y: 'no', k: 'ß', on: 'true', '10': 'ten', '9': 'nine', Z: 'upper' }, extra: { note: 'ﬁ', nested: { deep: 'İ' } }, image: { repository: 'on', tag: '1_000' },
      ports: [{ name: 'ß', port: 7, protocol: 'TCP' }],
    },
  ],
  [
    'nulls for optional fields',
    { enabled: true, tag: null, debug: null, tags: null, annotations: null, extra: { note: null, nested: null }, image: { repository: 'r', tag: null }, ports: [{ name: 'n', port: 9, protocol: null, enabled: null }] },
  ],
  ['empty first items', { enabled: true, items: ['', 'b'], tags: [''], name: 'n', labels: { a: '', k: 'v' }, ports: [{ name: '', port: 0 }] }],
  ['absent parents, set flags', { enabled: true, debug: true, count: 2, items: ['only'], ports: [{ name: 'solo', port: 443, enabled: false }] }],
  [
    'integer-like and unsorted map keys, JSON-hostile text',
    {
      enabled: true, name: 'say "hi"\\ <x>\n&', text: '</script>\u2028\t{"a":1}', count: 1000000, ratio: 0.00001,
      labels: { b: '1', '10': 'ten', '9': 'nine', a: '2', A: 'x', 'ß': 'y', '': 'empty' }, annotations: { '2': 'two', z: 'last', '1': 'one' },
      items: ['p', '<<'], ports: [{ name: 'a', port: 1 }, { name: 'b', port: 2 }],
    },
  ],
];
const HELM3_SAMPLE = ['everything set', 'big and small numbers', 'nulls for optional fields', 'integer-like and unsorted map keys, JSON-hostile text'];

const traced = corpus.filter((s) => s.expect === 'traced');
const refused = corpus.filter((s) => s.expect === 'refused');
const snippetFile = (s: Snippet) => spanOf(s.fn)?.replace(/:\d+-\d+$/, '');

/** The build of one snippet alone: its error, or undefined when it built. */
function buildAlone(snippet: Snippet): Error | undefined {
  const one = adversarialChart([snippet.name]);
  try {
    emitTemplates({ ...one, templates: { [`${snippet.name}.yaml`]: snippet.fn } }, chartSchema(one, repoRoot));
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

let workDir: string;
let chartDir: string;
/** The traced snippets that build (one that does not fails its own test below, not the render of the others). */
const building = traced.filter((s) => analysisOf(s.fn)?.length === 0 && buildAlone(s) === undefined);
const chart = adversarialChart(building.map((s) => s.name));

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adversarial-corpus-'));
  writeFiles(workDir, ['chart'], generateChart(chart, { repoRoot, chartDir: 'chart' }).files);
  chartDir = path.join(workDir, 'chart');
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('the adversarial corpus of the chart language', () => {
  it('has at least 250 snippets, in every class of issue 20 and the constructs of issue 21', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(250);
    expect(new Set(corpus.map((s) => s.class))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 21]));
    expect(new Set(corpus.map((s) => s.name)).size).toBe(corpus.length);
  });

  it.each(refused.map((s) => [s.name, s] as const))('stops the build for %s at a line of its own', (_name, snippet) => {
    const error = buildAlone(snippet);
    expect(error?.message).toBeDefined();
    const [file, from, to] = /^(.*):(\d+)-(\d+)$/.exec(spanOf(snippet.fn) ?? '')!.slice(1);
    const site = /^(.+?):(\d+):(\d+): /.exec(error!.message);
    expect({ file: site?.[1], inSnippet: Number(site?.[2]) >= Number(from) && Number(site?.[2]) <= Number(to) }).toEqual({ file, inSnippet: true });
    expect(error!.message).not.toMatch(/\uE000|__helmts|runtime(-js)?\.ts|src\/generator|src\/language|TypeError|undefined \(reading/);
  });

  it.each(traced.map((s) => [s.name, s] as const))('builds %s alone, with no refusal', (_name, snippet) => {
    expect(analysisOf(snippet.fn)).toEqual([]);
    expect(buildAlone(snippet)?.message).toBeUndefined();
    expect(snippetFile(snippet)).toMatch(/fixtures\/charts\/adversarial\//);
  });

  async function helmByTemplate(values: Record<string, unknown>, helm: HelmMajor): Promise<Record<string, unknown[]>> {
    const file = path.join(workDir, `values-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, goYamlJson(values));
    const r = await runHelm(['template', release.name, chartDir, '-n', release.namespace, '--kube-version', kubeVersion, '-f', file], helm);
    if (r.code !== 0) throw new Error(r.stderr);
    const out: Record<string, unknown[]> = {};
    for (const doc of parseManifests(r.stdout)) (out[documentInfo(doc)!.template] ??= []).push(doc);
    return out;
  }

  const isEmpty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  /** null, [] and {} may be left out (as a `with` block does): they count as absent. */
  const dropEmpty = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(dropEmpty);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropEmpty(v)] as const).filter(([, v]) => !isEmpty(v)));
    return value;
  };

  /** Maps with sorted keys (Helm's toYaml sorts them; YAML mappings are unordered). */
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    return value;
  };

  it.each([
    ...VALUES_SETS.map(([label, values]) => [4, label, values] as const),
    ...VALUES_SETS.filter(([label]) => HELM3_SAMPLE.includes(label)).map(([label, values]) => [3, label, values] as const),
  ])('renders every traced snippet in Helm %d as TypeScript evaluates it, for %s', async (helm, label, values) => {
    const rendered = await helmByTemplate(values, helm as HelmMajor);
    const merged = helmMergedValues(chart.defaults as unknown as ValuesMap, [values as ValuesMap]);
    const disagreements: unknown[] = [];
    for (const { template, documents } of renderConcrete(chart, merged as never, concreteBuiltIns(chart, release, { kubeVersion }))) {
      const helmDocs = canonical(dropEmpty(rendered[template] ?? []));
      const tsDocs = canonical(dropEmpty(documents));
      if (JSON.stringify(helmDocs) !== JSON.stringify(tsDocs)) disagreements.push({ template, helm: helmDocs, typescript: tsDocs });
    }
    expect({ label, disagreements }).toEqual({ label, disagreements: [] });
  });
});
