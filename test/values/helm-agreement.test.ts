/**
 * validate-values and real Helm agree: every values file it rejects for a
 * schema reason, `helm template` rejects too (Helm 4 and Helm 3); every
 * example file under values/ passes `--strict` and renders.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../src/helm/run-helm';
import { runValidateValues } from '../../src/cli/validate-values';
import { validateValuesFiles } from '../../src/values/validate-files';

const ROOT = path.join(__dirname, '..', '..');
const CHART = path.join(ROOT, 'charts', 'helloworld-egress');
const SCHEMA = path.join(CHART, 'values.schema.json');

/** Invalid values, each as the `-f` files Helm gets, in order, and the schema path expected in the report. */
const INVALID: Array<{ name: string; files: string[]; path: string }> = [
  { name: 'a quoted port', files: ['service:\n  ports:\n    - {name: http, port: "80", targetPort: 80}\n'], path: 'service.ports[0].port' },
  { name: 'a port above 65535', files: ['service:\n  ports:\n    - {name: http, port: 70000, targetPort: 80}\n'], path: 'service.ports[0].port' },
  { name: 'no Service port', files: ['service:\n  ports: []\n'], path: 'service.ports' },
  { name: 'a misspelt outboundTrafficPolicy', files: ['namespaces:\n  - name: a\n    create: true\n    sidecar: {outboundTrafficPolicy: REGISTRY, egress: [{port: 80, protocol: HTTP, name: h, hosts: ["./*"]}]}\n'], path: 'namespaces[0].sidecar.outboundTrafficPolicy' },
  { name: 'a short host name', files: ['namespaces:\n  - name: foo\n    create: true\n    sidecar: {egress: [{port: 80, protocol: HTTP, name: h, hosts: [foo/helloworld]}]}\n'], path: 'namespaces[0].sidecar.egress[0].hosts[0]' },
  { name: 'an unknown sidecar key', files: ['namespaces:\n  - name: a\n    create: true\n    sidecar: {egres: []}\n'], path: 'namespaces[0].sidecar.egres' },
  { name: 'an unknown top-level key', files: ['namespace: [a]\n'], path: 'namespace' },
  { name: 'an uppercase namespace name', files: ['namespaces:\n  - {name: Default, create: false}\n'], path: 'namespaces[0].name' },
  { name: 'a namespace without create', files: ['namespaces:\n  - {name: a}\n'], path: 'namespaces[0].create' },
  { name: 'a listener without hosts', files: ['namespaces:\n  - name: a\n    create: true\n    sidecar: {egress: [{port: 80, protocol: HTTP, name: h, hosts: []}]}\n'], path: 'namespaces[0].sidecar.egress[0].hosts' },
  { name: 'a lowercase listener protocol', files: ['namespaces:\n  - name: a\n    create: true\n    sidecar: {egress: [{port: 80, protocol: http, name: h, hosts: ["./*"]}]}\n'], path: 'namespaces[0].sidecar.egress[0].protocol' },
  { name: 'app set to null', files: ['app: null\n'], path: 'app' },
  { name: 'negative replicas', files: ['app: {replicas: -1}\n'], path: 'app.replicas' },
  { name: 'a number as image tag', files: ['app: {image: {tag: 1.27}}\n'], path: 'app.image.tag' },
  { name: 'an invalid CPU quantity', files: ['app: {resources: {requests: {cpu: lots}}}\n'], path: 'app.resources.requests.cpu' },
  { name: 'an invalid label key', files: ['namespaces:\n  - {name: a, create: true, labels: {"bad key": x}}\n'], path: 'namespaces[0].labels["bad key"]' },
  { name: 'an unknown Sidecar apiVersion', files: ['istio: {sidecarApiVersion: v1}\n'], path: 'istio.sidecarApiVersion' },
  // A required field set to null: Helm deletes the key (it has a default), then finds it missing. (An optional
  // field set to null is accepted by both and renders as if absent: test/generator/nullable-schema.test.ts.)
  { name: 'a required field set to null', files: ['app: {name: null}\n'], path: 'app.name' },
  { name: 'a quoted port in the second of two files', files: ['app: {replicas: 2}\n', 'service:\n  ports:\n    - {name: http, port: "8080", targetPort: 80}\n'], path: 'service.ports[0].port' },
];

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-agreement-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeFiles(name: string, texts: string[]): string[] {
  return texts.map((text, i) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}-${i}.yaml`);
    fs.writeFileSync(file, text);
    return file;
  });
}

async function helmTemplate(files: string[], major: 3 | 4): Promise<{ code: number; stderr: string }> {
  return runHelm(['template', CHART, ...files.flatMap((f) => ['-f', f])], major);
}

describe('validate-values and helm template', () => {
  it.concurrent.each(INVALID)('both reject $name', async ({ name, files, path: expectedPath }) => {
    const paths = writeFiles(name, files);
    const report = validateValuesFiles({ files: paths, chartDir: CHART, schemaPath: SCHEMA });
    expect(report.problems.filter((p) => p.source === 'schema').map((p) => p.path)).toContain(expectedPath);
    const [helm4, helm3] = await Promise.all([helmTemplate(paths, 4), helmTemplate(paths, 3)]);
    expect({ helm4: helm4.code !== 0, helm3: helm3.code !== 0 }).toEqual({ helm4: true, helm3: true });
    expect(helm4.stderr).toContain("don't meet the specifications of the schema");
  }, 30000);

  const examples = fs
    .readdirSync(path.join(ROOT, 'values'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join('values', f))
    .filter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').includes('$schema=../charts/helloworld-egress/values.override.schema.json'));

  it('finds the example values files', () => {
    expect(examples).toEqual(expect.arrayContaining(['values/seed.yaml', 'values/allow-any.yaml', 'values/deny-all.yaml']));
  });

  it.concurrent.each(examples)('accepts %s with --strict, and Helm renders it', async (file) => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), cwd: ROOT };
    const code = runValidateValues(['--strict', file], io);
    expect([code, out]).toEqual([0, expect.stringMatching(/^OK: /)]);
    const [helm4, helm3] = await Promise.all([helmTemplate([path.join(ROOT, file)], 4), helmTemplate([path.join(ROOT, file)], 3)]);
    expect([helm4.code, helm3.code, helm4.stderr]).toEqual([0, 0, '']);
  }, 30000);
});
