/**
 * The chart's pods ask for a sidecar (`sidecar.istio.io/inject: "true"`), and its egress checks
 * and NOTES cover exactly the namespaces whose pods get one, as the egress analyzer decides
 * it from the namespaces' labels (src/egress/injection.ts); with `app.replicas: 0` the Services
 * have no endpoints, so no request that would reach one is checked.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-injection-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sidecar = { outboundTrafficPolicy: 'REGISTRY_ONLY', egress: [{ port: 80, protocol: 'HTTP', name: 'e', hosts: ['*/*'] }] };
function valuesFile(name: string, values: object): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, dump(values));
  return file;
}
const namespaces = [
  { name: 'injected', create: true, labels: { 'istio-injection': 'enabled' }, sidecar },
  { name: 'opted-out', create: true, labels: { 'istio-injection': 'disabled' }, sidecar },
  { name: 'canary', create: true, labels: { 'istio.io/rev': 'canary' }, sidecar },
  { name: 'kube-system', create: false, sidecar },
  { name: 'existing', create: false, sidecar },
];
const args = async (file: string) => {
  const out = await chart.render({ values: [file] });
  return Object.fromEntries(namespaces.map((ns) => [ns.name, out.document({ kind: 'Pod', namespace: ns.name }).spec?.containers?.[0]?.args]));
};

describe('which namespaces the egress checks cover', () => {
  it('labels every application pod sidecar.istio.io/inject: "true"', async () => {
    const out = await chart.render({});
    expect(out.select({ kind: 'Deployment' })).toHaveValue('spec.template.metadata.labels["sidecar.istio.io/inject"]', 'true');
  });

  it('checks the namespaces whose pods get a sidecar, and none whose namespace opts out, names another revision, or that Istio never injects', async () => {
    const got = await args(valuesFile('labels', { namespaces }));
    expect(got.injected).toEqual(expect.arrayContaining(['helloworld.injected.svc.cluster.local:80=http-200', 'helloworld.injected.svc.cluster.local:8080=curl-exit-56']));
    expect(got.existing).toEqual(expect.arrayContaining(['helloworld.injected.svc.cluster.local:80=http-200', 'helloworld.injected.svc.cluster.local:8080=curl-exit-56']));
    expect([got['opted-out'], got.canary, got['kube-system']]).toEqual([[], [], []]);
  });

  it('says in NOTES why a namespace has no predictions', async () => {
    const notes = await (await chart.render({ values: [valuesFile('notes', { namespaces })] })).notes;
    expect(notes).toMatchRaw(/from opted-out: its pods get no sidecar/);
    expect(notes).toMatchRaw(/from canary: whether its pods get a sidecar cannot be told/);
    expect(notes).toMatchRaw(/from kube-system: its pods get no sidecar/);
    expect(notes).toMatchRaw(/from injected:(\n {4}\S+ {2}\S+)*\n {4}helloworld\.canary\.svc\.cluster\.local:80 {2}http-200/);
  });

  it('checks only the resets and 502s when replicas is 0 (the Services have no endpoints)', async () => {
    const got = await args(valuesFile('no-replicas', { app: { replicas: 0 }, namespaces }));
    expect(got.injected).toEqual(['helloworld.injected.svc.cluster.local:8080=curl-exit-56', 'helloworld.opted-out.svc.cluster.local:8080=curl-exit-56']);
  });
});
