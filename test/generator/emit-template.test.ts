/**
 * The generator library on a chart that is not helloworld: for each set of
 * values, real `helm template` of the emitted chart must equal the concrete
 * TypeScript render of the same values.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { concreteBuiltIns, generateChart, renderConcrete, writeFiles } from '../../src/generator';
import { runHelm } from '../../src/helm/run-helm';
import { kubeYamlOptions } from '../../src/testing/kube-yaml';
import { tinyChart, tinyDefaults } from './fixtures/tiny-chart';
import type { TinyValues } from './fixtures/tiny-values';

const repoRoot = path.resolve(__dirname, '..', '..');
let workDir: string;
let chartDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-chart-'));
  const generated = generateChart(tinyChart, { repoRoot, chartDir: 'chart' });
  writeFiles(workDir, ['chart'], generated.files);
  chartDir = path.join(workDir, 'chart');
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function helmDocs(values: TinyValues): Promise<unknown[]> {
  const file = path.join(workDir, `values-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', 'rel', chartDir, '-f', file]);
  if (r.code !== 0) throw new Error(r.stderr);
  return parseAllDocuments(r.stdout, kubeYamlOptions)
    .map((d) => d.toJS())
    .filter((d) => d !== null);
}

function concreteDocs(values: TinyValues): unknown[] {
  const builtIns = concreteBuiltIns(tinyChart, { name: 'rel', namespace: 'default' });
  return renderConcrete(tinyChart, values, builtIns).flatMap((t) => t.documents);
}

const sortByName = (docs: unknown[]) =>
  [...docs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const cases: Array<[string, TinyValues]> = [
  ['the defaults', tinyDefaults],
  ['an empty list and a set flag', { ...tinyDefaults, entries: [], tags: [], secret: true }],
  [
    'strings YAML 1.1 would misread',
    {
      prefix: 'on',
      entries: [
        { key: 'no', value: '0777', note: '1e3' },
        { key: 'y', value: 'true', note: '' },
        { key: 'k', value: '*/*' },
      ],
      secret: true,
      labels: { yes: 'off', 'example.com/x': '~' },
      count: 0,
      tags: ['null', 'n'],
    },
  ],
  ['a large integer', { ...tinyDefaults, count: 100000 }],
];

describe('a chart generated from TypeScript', () => {
  it.each(cases)('renders the same objects in helm as in TypeScript for %s', async (_name, values) => {
    expect(sortByName(await helmDocs(values))).toEqual(sortByName(concreteDocs(values)));
  });

  it('renders an empty list as [] rather than null', async () => {
    const docs = (await helmDocs({ ...tinyDefaults, tags: [] })) as Array<{ kind: string; items?: unknown }>;
    expect(docs.find((d) => d.kind === 'List')?.items).toEqual([]);
  });

  it('omits an optional field whose value is not set', async () => {
    const docs = (await helmDocs(tinyDefaults)) as Array<{ metadata: { name: string }; data?: Record<string, string> }>;
    const entry = docs.find((d) => d.metadata.name === 'tiny-a');
    expect(entry?.data).toEqual({ value: 'one', tags: '3' });
  });

  it('emits range, if, with, include and toYaml the way helm create does', () => {
    const templates = path.join(chartDir, 'templates');
    expect(fs.readFileSync(path.join(templates, 'list.yaml'), 'utf8')).toContain('{{- range $entry := .Values.entries }}');
    expect(fs.readFileSync(path.join(templates, 'secret.yaml'), 'utf8')).toContain('{{- if .Values.secret }}');
    const configmap = fs.readFileSync(path.join(templates, 'configmap.yaml'), 'utf8');
    // A helper of the root context is rendered once per template and reused in every document.
    expect(configmap).toContain('{{- $common := include "tiny.common" . }}');
    // A map helper and a values map merged: Helm merges them, later keys winning as in JavaScript (no key twice).
    expect(configmap).toContain('{{- toYaml (mergeOverwrite (dict) ($common | fromYaml) (default (dict) .Values.labels)) | nindent 4 }}');
  });

  it('starts every template with a header naming its source', () => {
    for (const file of fs.readdirSync(path.join(chartDir, 'templates'))) {
      const first = fs.readFileSync(path.join(chartDir, 'templates', file), 'utf8').split('\n')[0];
      expect(first).toContain('Generated from test/generator/fixtures');
      expect(first).toContain('Do not edit by hand');
    }
  });
});
