/**
 * `null` is Helm's way to unset a value. What Helm 4 and Helm 3 do with it, on both charts of the repository:
 * a null for an optional field without a default stays in `.Values` and must pass the schema and render as if the
 * field were absent; a null for a field with a default deletes the key (an optional one then renders as absent, a
 * required one is missing and the schema refuses it). `helmts validate` must say the same as Helm each time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { nullableOptionals, orNull, withoutNull } from '../../src/generator/nullable-schema';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { runHelm } from '../../src/helm/run-helm';
import { parseManifests } from '../../src/testing/parse-manifests';
import { validateValuesFiles } from '../../src/values/validate-files';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nullable-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const defaultsOf = (chart: string) => parse(fs.readFileSync(path.join(ROOT, 'charts', chart, 'values.yaml'), 'utf8'));

/** For each chart: values with nulls on optional fields, and the same values with those keys left out. */
function cases(): Array<{ chart: string; label: string; nulls: object; absent: object; wholeMap?: boolean }> {
  const hw = defaultsOf('helloworld-egress');
  const ports = (appProtocol: unknown) => hw.service.ports.map((p: object, i: number) => (i === 0 ? { ...p, appProtocol } : p));
  const namespaces = (labels: unknown) =>
    hw.namespaces.map(({ labels: _default, ...n }: { labels?: unknown }) => ({ ...n, create: true, ...(labels === undefined ? {} : { labels }) }));
  const tls = (secretName: unknown) => [{ hosts: ['chart-example.local'], ...(secretName === undefined ? {} : { secretName }) }];
  return [
    {
      chart: 'helloworld-egress',
      label: 'optional fields without a default, in list items (appProtocol, labels of a created namespace)',
      nulls: { service: { ports: ports(null) }, namespaces: namespaces(null) },
      absent: { service: { ports: hw.service.ports }, namespaces: namespaces(undefined) },
    },
    {
      chart: 'helloworld-egress',
      label: 'an optional map without a default (app.resources.limits)',
      nulls: { app: { resources: { limits: null } } },
      absent: {},
      wholeMap: true,
    },
    {
      chart: 'starter',
      label: 'optional fields without a default (autoscaling.targetMemoryUtilizationPercentage, ingress.tls[].secretName)',
      nulls: { autoscaling: { enabled: true, targetMemoryUtilizationPercentage: null }, ingress: { enabled: true, tls: tls(null) } },
      absent: { autoscaling: { enabled: true }, ingress: { enabled: true, tls: tls(undefined) } },
    },
    {
      chart: 'starter',
      label: 'optional maps with a default {}, which Helm deletes (podAnnotations, serviceAccount.annotations)',
      nulls: { podAnnotations: null, serviceAccount: { annotations: null } },
      absent: {},
    },
  ];
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
  return value;
}

let n = 0;
function write(values: object): string {
  const file = path.join(dir, `values-${n++}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  return file;
}

async function template(chart: string, file: string, helm: HelmMajor): Promise<{ code: number; stderr: string; objects: unknown[] }> {
  const r = await runHelm(['template', 'rel', path.join(ROOT, 'charts', chart), '-n', 'apps', '-f', file], helm);
  return { code: r.code, stderr: r.stderr, objects: r.code === 0 ? parseManifests(r.stdout) : [] };
}

describe('null for a field (Helm\'s unset)', () => {
  it.each(cases())('is accepted by validate-values for $chart: $label', ({ chart, nulls }) => {
    const report = validateValuesFiles({
      files: [write(nulls)],
      chartDir: path.join(ROOT, 'charts', chart),
      schemaPath: path.join(ROOT, 'charts', chart, 'values.schema.json'),
    });
    expect(report.problems).toEqual([]);
  });

  it.each(cases().flatMap((c) => [4, 3].map((helm) => ({ ...c, helm: helm as HelmMajor }))))(
    'renders in Helm $helm as if the fields were absent, for $chart: $label',
    async ({ chart, nulls, absent, helm, wholeMap }) => {
      const [withNulls, without] = await Promise.all([template(chart, write(nulls), helm), template(chart, write(absent), helm)]);
      expect({ code: withNulls.code, stderr: withNulls.stderr }).toEqual({ code: 0, stderr: '' });
      expect(without.code).toBe(0);
      // Inside a map placed whole (toYaml), a null stays `key: null`, as in a hand-written chart; Kubernetes reads it as
      // unset. A field the template prints itself is left out (not `key: null`, not `key: ""`).
      const seen = wholeMap ? dropNulls(withNulls.objects) : withNulls.objects;
      expect(seen).toEqual(without.objects);
    },
    30_000,
  );

  it.each([
    { chart: 'helloworld-egress', values: { app: { name: null } }, path: 'app.name' },
    { chart: 'starter', values: { replicaCount: null }, path: 'replicaCount' },
  ])('on a required field with a default is refused by Helm 4, Helm 3 and validate-values alike ($chart $path)', async ({ chart, values, path: at }) => {
    const file = write(values);
    const report = validateValuesFiles({
      files: [file],
      chartDir: path.join(ROOT, 'charts', chart),
      schemaPath: path.join(ROOT, 'charts', chart, 'values.schema.json'),
    });
    expect(report.problems.map((p) => p.path)).toContain(at);
    const [h4, h3] = await Promise.all([template(chart, file, 4), template(chart, file, 3)]);
    expect({ helm4: h4.code, helm3: h3.code }).toEqual({ helm4: 1, helm3: 1 });
    expect(h4.stderr).toContain("don't meet the specifications of the schema");
    expect(h3.stderr).toContain("don't meet the specifications of the schema");
  }, 30_000);
});

describe('nullableOptionals', () => {
  const schema = {
    type: 'object',
    properties: {
      req: { type: 'string' },
      opt: { type: 'string', description: 'd' },
      mode: { type: 'string', enum: ['a', 'b'], description: 'm' },
      ref: { $ref: '#/definitions/T', description: 'r' },
      rule: { type: 'object', properties: { x: { type: 'string' } } },
    },
    required: ['req'],
    allOf: [{ if: { properties: { opt: { const: 'x' } } }, then: { properties: { mode: { const: 'a' } } } }],
    definitions: { T: { type: 'object', properties: { inner: { type: 'integer' } } } },
  };

  it('lets null through for optional fields at any depth, keeps required ones and leaves if/then rules alone', () => {
    const out = nullableOptionals(schema) as typeof schema & Record<string, never>;
    expect(out.properties).toEqual({
      req: { type: 'string' },
      opt: { type: ['string', 'null'], description: 'd' },
      mode: { description: 'm', anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] },
      ref: { description: 'r', anyOf: [{ $ref: '#/definitions/T' }, { type: 'null' }] },
      rule: { type: ['object', 'null'], properties: { x: { type: ['string', 'null'] } } },
    });
    expect(out.definitions.T.properties.inner).toEqual({ type: ['integer', 'null'] });
    expect(out.allOf).toEqual(schema.allOf);
  });

  it('undoes itself with withoutNull (what value generators draw)', () => {
    for (const s of Object.values(schema.properties)) expect(withoutNull(orNull(s))).toEqual(s);
  });
});
