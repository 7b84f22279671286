/**
 * Template shapes inside a range (issue 24): what every iteration would compute the same is computed once per
 * template, a labels merge skips Helm's merge unless a key clashes, and a list of scalars is printed by a range.
 * Each shape must render in helm exactly the objects of the TypeScript render.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { concreteBuiltIns, generateChart, renderConcrete, writeFiles } from '../../src/generator';
import { runHelm } from '../../src/helm/run-helm';
import { kubeYamlOptions } from '../../src/testing/kube-yaml';
import { loopChart, loopDefaults } from './fixtures/loop-chart';
import type { LoopValues } from './fixtures/loop-values';

const repoRoot = path.resolve(__dirname, '..', '..');
let workDir: string;
let chartDir: string;
let items: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loop-chart-'));
  writeFiles(workDir, ['chart'], generateChart(loopChart, { repoRoot, chartDir: 'chart' }).files);
  chartDir = path.join(workDir, 'chart');
  items = fs.readFileSync(path.join(chartDir, 'templates', 'items.yaml'), 'utf8');
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function helmDocs(values: LoopValues): Promise<unknown[]> {
  const file = path.join(workDir, `values-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', 'rel', chartDir, '-f', file]);
  if (r.code !== 0) throw new Error(r.stderr);
  return parseAllDocuments(r.stdout, kubeYamlOptions)
    .map((d) => d.toJS())
    .filter((d) => d !== null);
}

function concreteDocs(values: LoopValues): unknown[] {
  return renderConcrete(loopChart, values, concreteBuiltIns(loopChart, { name: 'rel', namespace: 'default' })).flatMap((t) => t.documents);
}

const byJson = (docs: unknown[]) => [...docs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const cases: Array<[string, LoopValues]> = [
  ['the defaults', loopDefaults],
  ['no items (the hoisted values are computed, nothing is printed)', { ...loopDefaults, items: [] }],
  ['no shared ports (the included range prints [])', { ...loopDefaults, shared: [] }],
  [
    'labels that add keys, labels that override a chart label, no labels, empty labels, empty lists',
    {
      prefix: 'p',
      resources: { cpu: '1', memory: '2Gi' },
      shared: [{ name: 'a', port: 1 }, { name: 'on', port: 65535 }],
      items: [
        { name: 'adds', labels: { team: 'a', 'example.com/x': 'on' }, hosts: ['a/*', '*/b.c.d', 'null'], ports: [1, 65535] },
        { name: 'overrides', labels: { prefix: 'mine', team: 'b' }, hosts: [], ports: [] },
        { name: 'none', hosts: ['~/x.y'], ports: [8080] },
        { name: 'empty', labels: {}, hosts: ['0777', 'yes'], ports: [100000] },
      ],
    },
  ],
];

describe('templates that loop over values', () => {
  it.each(cases)('render in helm the objects of the TypeScript render for %s', async (_name, values) => {
    expect(byJson(await helmDocs(values))).toEqual(byJson(concreteDocs(values)));
  });

  it('compute the YAML that every iteration shares once, before the range', () => {
    const [before, inside] = items.split('{{- range $item := .Values.items }}');
    expect(before).toContain('{{- $resourcesYaml := toYaml $.Values.resources | nindent 4 }}');
    expect(before).toMatch(/\{\{- \$mergedYaml\d* := toYaml \(mergeOverwrite \(dict\) \(\$common \| fromYaml\) \(dict "fixed" "yes"\)\) \| nindent 4 \}\}/);
    expect(inside).not.toContain('toYaml $.Values.resources');
    expect(inside).not.toContain('"fixed" "yes"');
  });

  it('merge the chart labels with an item\'s only when a key clashes', () => {
    expect(items).toContain('{{ if hasKey $mergedMap $key }}');
    expect(items).toContain('{{- toYaml (mergeOverwrite (dict) ($common | fromYaml) (default (dict) $item.labels)) | nindent 4 }}');
  });

  it('render a range that reads nothing of the loop once, in a define included before the loop', () => {
    const configs = fs.readFileSync(path.join(chartDir, 'templates', 'ports.yaml'), 'utf8');
    const [before, inside] = configs.split('{{- range $item := .Values.items }}');
    expect(before).toContain('{{- define "loop.ports.ports" }}');
    expect(before).toMatch(/\{\{- \$portsYaml := include "loop.ports.ports" \. \}\}/);
    expect(inside).toContain('{{- $portsYaml }}');
    // A range over the item's own list reads the loop variable: it stays in place.
    expect(inside).toContain('{{- range $host := $item.hosts }}');
  });

  it('print a list of strings or integers by a range, [] when empty', () => {
    expect(items).toContain('{{- range $item2 := $item.hosts }}');
    expect(items).toMatch(/- \{\{ \$item2 \| quote \}\}\n\s+\{\{- else \}\} \[\]/);
    expect(items).toMatch(/- \{\{ \$item3 \| toJson \}\}/);
  });
});
