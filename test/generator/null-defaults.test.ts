/**
 * A `null` default (`key: null` in values.yaml, as upstream charts write "unset, the program decides") for every kind
 * of field: `T | null` in the Values type and `null` in the defaults. The schema accepts null there (`@asType integer`
 * included, on the field or on a type alias), values.yaml writes `key: null` under the field's doc comment, and Helm 4
 * and 3 render the defaults and a values file that sets every key as the TypeScript render does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { concreteBuiltIns, generateChart, renderConcrete, writeFiles } from '../../src/generator';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { runHelm } from '../../src/helm/run-helm';
import { documentInfo } from '../../src/testing/document-info';
import { parseManifests } from '../../src/testing/parse-manifests';
import { validateValuesFiles } from '../../src/values/validate-files';
import { nullDefaultsChart } from './fixtures/charts/null-defaults/chart';
import type { NullDefaultsValues } from './fixtures/charts/null-defaults/values';

const repoRoot = path.resolve(__dirname, '..', '..');
let work: string;
let chartDir: string;
let files: Record<string, string>;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'null-defaults-'));
  const generated = generateChart(nullDefaultsChart, { repoRoot, chartDir: 'null-defaults' });
  writeFiles(work, ['null-defaults'], generated.files);
  chartDir = path.join(work, 'null-defaults');
  files = Object.fromEntries(generated.files.map((f) => [f.path.slice('null-defaults/'.length), f.content]));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const KEYS = Object.keys(nullDefaultsChart.defaults) as Array<keyof NullDefaultsValues>;

/** Every key set, each to a value of its type. */
const SET: NullDefaultsValues = {
  replicas: 2,
  port: 9090,
  grace: 30,
  ratio: 0.5,
  tag: '1.29',
  debug: false,
  pullPolicy: 'Always',
  podLabels: { team: 'a' },
  args: ['--v=2'],
  readinessProbe: { tcpSocket: { port: 80 } },
  settings: { level: 'info' },
};

let n = 0;
function write(values: unknown): string {
  const file = path.join(work, `values-${n++}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  return file;
}

async function helm(values: unknown, major: HelmMajor): Promise<{ code: number; stderr: string; byTemplate: Record<string, unknown[]> }> {
  const args = ['template', 'rel', chartDir, '-n', 'ns', ...(values === undefined ? [] : ['-f', write(values)])];
  const r = await runHelm(args, major);
  const byTemplate: Record<string, unknown[]> = {};
  if (r.code === 0) for (const doc of parseManifests(r.stdout)) (byTemplate[documentInfo(doc)!.template] ??= []).push(doc);
  return { code: r.code, stderr: r.stderr, byTemplate };
}

function expected(values: NullDefaultsValues): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const { template, documents } of renderConcrete(nullDefaultsChart, values, concreteBuiltIns(nullDefaultsChart, { name: 'rel', namespace: 'ns' }))) {
    if (documents.length > 0) out[template] = documents;
  }
  return out;
}

describe('a null default for every type', () => {
  it('writes `key: null` in values.yaml under the field\'s doc comment, and reads back as null', () => {
    const text = files['values.yaml'];
    expect(text).toContain('# Pods of the Deployment; null leaves replicas to an autoscaler.\nreplicas: null\n');
    expect(text).toContain('# The port the server listens on.\nport: null\n');
    expect(text).toContain('# A readiness probe (the model\'s type), or null for none.\nreadinessProbe: null\n');
    const read = parse(text) as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(KEYS);
    for (const key of KEYS) expect({ key, value: read[key] }).toEqual({ key, value: null });
  });

  it('lets null through in values.schema.json for each field, keeping @asType integer (on the field and on an alias)', () => {
    const schema = JSON.parse(files['values.schema.json']);
    expect(schema.properties.replicas).toMatchObject({ type: ['integer', 'null'], minimum: 0 });
    expect(schema.properties.grace.type).toEqual(['integer', 'null']);
    expect(schema.definitions.Port.type).toEqual(['integer', 'null']);
    // Not required: a user's `key: null` makes Helm delete the key, and absent must mean what null means.
    expect(schema.required).toBeUndefined();
    expect(schema.definitions.Port.description).toBe('A port number, or null for the program\'s own.');
  });

  it('is accepted by helmts validate, which still refuses a float for an integer and a string for a boolean', () => {
    const check = (values: unknown) =>
      validateValuesFiles({ files: [write(values)], chartDir, schemaPath: path.join(chartDir, 'values.schema.json') }).problems.map((p) => p.path);
    expect(check(Object.fromEntries(KEYS.map((k) => [k, null])))).toEqual([]);
    expect(check(SET)).toEqual([]);
    expect(check({ replicas: 1.5, port: 80.5, debug: 'yes' }).sort()).toEqual(['debug', 'port', 'replicas']);
  });

  it.each([4, 3] as HelmMajor[])('renders in Helm %s the defaults, and a values file setting every key, as the TypeScript render does', async (major) => {
    const defaults = await helm(undefined, major);
    expect({ code: defaults.code, stderr: defaults.stderr }).toEqual({ code: 0, stderr: '' });
    expect(defaults.byTemplate).toEqual(expected(nullDefaultsChart.defaults));
    const deployment = defaults.byTemplate['templates/deployment.yaml'][0] as { spec: Record<string, unknown> };
    expect(deployment.spec.replicas).toBeUndefined();

    const set = await helm(SET, major);
    expect({ code: set.code, stderr: set.stderr }).toEqual({ code: 0, stderr: '' });
    expect(set.byTemplate).toEqual(expected(SET));
    expect((set.byTemplate['templates/deployment.yaml'][0] as { spec: { replicas: number } }).spec.replicas).toBe(2);

    // A values file that writes the nulls itself renders as the defaults do.
    const nulls = await helm(Object.fromEntries(KEYS.map((k) => [k, null])), major);
    expect(nulls.code).toBe(0);
    expect(nulls.byTemplate).toEqual(defaults.byTemplate);
  }, 60_000);

  it.each([4, 3] as HelmMajor[])('is refused by Helm %s for a float where @asType integer (also through an alias) says integer', async (major) => {
    for (const values of [{ replicas: 1.5 }, { port: 80.5 }]) {
      const r = await helm(values, major);
      expect({ values, code: r.code }).toEqual({ values, code: 1 });
      expect(r.stderr).toContain("don't meet the specifications of the schema");
    }
  }, 60_000);
});
