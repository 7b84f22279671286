/** templates/tests/egress-test.yaml and NOTES.txt: the predicted egress, checked by `helm test`. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadChart } from '../../../src/testing';
import { dryRunRelease, releasePayload } from '../../../src/helm/release-payload';
import { scaleValues } from '../../../bench/scale-values';

const chart = loadChart('charts/helloworld-egress');

/** `count` namespaces whose Sidecars (REGISTRY_ONLY) import every namespace on port 80 and none on 8080. */
function wideOpen(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `n${String(i).padStart(2, '0')}`,
    create: false,
    sidecar: { outboundTrafficPolicy: 'REGISTRY_ONLY', egress: [{ port: 80, protocol: 'TCP', name: 'e', hosts: ['*/*'] }] },
  }));
}

describe('templates/tests/egress-test.yaml', () => {
  it('renders nothing when tests.enabled is false', async () => {
    const out = await chart.render({ set: { 'tests.enabled': false } });
    expect(out.template('templates/tests/egress-test.yaml')).toHaveDocuments(0);
  });

  it('renders one test Pod per namespace with a Sidecar', async () => {
    const out = await chart.render({ values: ['values/no-sidecar.yaml'], set: { 'tests.enabled': true } });
    const pods = out.template('templates/tests/egress-test.yaml');
    expect(pods).toBeKind('Pod');
    expect(pods).toHaveApiVersion('v1');
    expect(pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual(['default/helloworld-egress-test-default']);
  });

  it('expects exactly the seed’s eight observed outcomes with the default values', async () => {
    const out = await chart.render({});
    expect(out.document({ kind: 'Pod', namespace: 'default' })).toHaveValue('spec.containers[0].args', [
      'helloworld.default.svc.cluster.local:8080=curl-exit-56',
      'helloworld.default.svc.cluster.local:80=http-502',
      'helloworld.foo.svc.cluster.local:8080=curl-exit-56',
      'helloworld.foo.svc.cluster.local:80=http-200',
    ]);
    expect(out.document({ kind: 'Pod', namespace: 'foo' })).toHaveValue('spec.containers[0].args', [
      'helloworld.default.svc.cluster.local:8080=http-200',
      'helloworld.default.svc.cluster.local:80=curl-exit-56',
      'helloworld.foo.svc.cluster.local:8080=http-200',
      'helloworld.foo.svc.cluster.local:80=curl-exit-56',
    ]);
  });

  it('expects passthrough (HTTP 200) for unlisted destinations under ALLOW_ANY', async () => {
    const out = await chart.render({ values: ['values/allow-any.yaml'] });
    expect(out.document({ kind: 'Pod', namespace: 'default' })).toHaveValue('spec.containers[0].args', [
      'helloworld.default.svc.cluster.local:8080=http-200',
      'helloworld.default.svc.cluster.local:80=http-200',
      'helloworld.foo.svc.cluster.local:8080=http-200',
      'helloworld.foo.svc.cluster.local:80=http-200',
    ]);
  });

  it('expects the mesh default policy when a Sidecar sets none', async () => {
    const out = await chart.render({
      set: {
        'istio.meshOutboundTrafficPolicy': 'REGISTRY_ONLY',
        namespaces: [{ name: 'a', create: false, sidecar: { egress: [{ port: 80, protocol: 'HTTP', name: 'e', hosts: ['./*'] }] } }],
      },
    });
    expect(out.document({ kind: 'Pod' })).toHaveValue('spec.containers[0].args', [
      'helloworld.a.svc.cluster.local:8080=curl-exit-56',
      'helloworld.a.svc.cluster.local:80=http-200',
    ]);
  });

  it('is a helm test hook that is replaced on the next run', async () => {
    const out = await chart.render({ set: { 'tests.enabled': true } });
    expect(out.select({ kind: 'Pod' })).toContainSubset('metadata.annotations', {
      'helm.sh/hook': 'test',
      'helm.sh/hook-delete-policy': 'before-hook-creation',
    });
  });

  it('carries the label the Sidecar selects, so it sees what the application pods see', async () => {
    const out = await chart.render({ set: { 'app.name': 'web', 'tests.enabled': true } });
    expect(out.select({ kind: 'Pod' })).toHaveValue('metadata.labels.app', 'web');
  });

  it('never becomes a Service endpoint, because its readiness probe never passes', async () => {
    const out = await chart.render({ set: { 'tests.enabled': true } });
    expect(out.select({ kind: 'Pod' })).toHaveValue('spec.containers[0].readinessProbe.exec.command', ['/bin/sh', '-c', 'exit 1']);
  });

  it('waits for the proxy before curling and stops it when done', async () => {
    const out = await chart.render({ set: { 'tests.enabled': true } });
    const pods = out.select({ kind: 'Pod' });
    expect(pods).toHaveValue('metadata.annotations["proxy.istio.io/config"]', '{"holdApplicationUntilProxyStarts": true}');
    expect(pods).toMatchValueRegex('spec.containers[0].command[2]', /localhost:15020\/quitquitquit/);
    expect(pods).toHaveValue('spec.restartPolicy', 'Never');
  });

  it('checks a bounded sample per port: the first 2 imported and the first 2 refused namespaces', async () => {
    const out = await chart.render({ set: { namespaces: wideOpen(12) } });
    const pods = out.select({ kind: 'Pod' });
    expect(pods).toHaveLength(12);
    expect(out.document({ kind: 'Pod', namespace: 'n07' })).toHaveValue('spec.containers[0].args', [
      'helloworld.n00.svc.cluster.local:8080=curl-exit-56',
      'helloworld.n00.svc.cluster.local:80=http-200',
      'helloworld.n01.svc.cluster.local:8080=curl-exit-56',
      'helloworld.n01.svc.cluster.local:80=http-200',
    ]);
  });

  it('samples imported namespaces in namespace order, whatever the order of the hosts', async () => {
    const namespaces = wideOpen(6);
    namespaces[0].sidecar.egress = [{ port: 80, protocol: 'HTTP', name: 'e', hosts: ['n05/*', '*/helloworld.n03.svc.cluster.local', '*/*.n04.svc.cluster.local'] }];
    const out = await chart.render({ set: { namespaces } });
    expect(out.document({ kind: 'Pod', namespace: 'n00' })).toHaveValue('spec.containers[0].args', [
      'helloworld.n00.svc.cluster.local:8080=curl-exit-56',
      'helloworld.n00.svc.cluster.local:80=http-502',
      'helloworld.n01.svc.cluster.local:8080=curl-exit-56',
      'helloworld.n01.svc.cluster.local:80=http-502',
      'helloworld.n03.svc.cluster.local:80=http-200',
      'helloworld.n04.svc.cluster.local:80=http-200',
    ]);
  });

  it('runs tests.image', async () => {
    const out = await chart.render({ set: { 'tests.enabled': true, 'tests.image': 'registry.example.com/curl:1' } });
    expect(out.select({ kind: 'Pod' })).toHaveValue('spec.containers[0].image', 'registry.example.com/curl:1');
  });
});

describe('NOTES.txt', () => {
  it('lists, per namespace, what its pods may reach (the seed, with the default values)', async () => {
    const notes = await (await chart.render({})).notes;
    expect(notes).toMatchRaw(/from foo:\n\s+helloworld\.default\.svc\.cluster\.local:8080\s+http-200/);
    expect(notes).toMatchRaw(/from default:\n\s+helloworld\.default\.svc\.cluster\.local:8080\s+curl-exit-56/);
  });

  it('says how to run helm test for the release', async () => {
    const notes = await (await chart.render({ set: { 'tests.enabled': true }, release: { name: 'hw', namespace: 'ops' } })).notes;
    expect(notes).toMatchRaw(/helm test hw -n ops --logs/);
  });

  it('does not suggest helm test when tests are disabled', async () => {
    const notes = await (await chart.render({ set: { 'tests.enabled': false } })).notes;
    expect(notes).not.toMatchRaw(/helm test/);
  });

  it('summarises instead of listing when there are more than 10 namespaces', async () => {
    const namespaces = Array.from({ length: 11 }, (_, i) => ({ name: `ns${i}`, create: false }));
    const notes = await (await chart.render({ set: { namespaces } })).notes;
    expect(notes).toMatchRaw(/11 namespaces: too many to list/);
    expect(notes).not.toMatchRaw(/from ns0/);
  });

  it('lists every destination, not the test pods’ sample, up to 10 namespaces', async () => {
    const notes = await (await chart.render({ set: { namespaces: wideOpen(10) } })).notes;
    const fromN09 = notes.split('from n09:')[1].split('from ')[0];
    expect(fromN09.match(/svc\.cluster\.local:80\s+http-200/g)).toHaveLength(10);
    expect(fromN09.match(/svc\.cluster\.local:8080\s+curl-exit-56/g)).toHaveLength(10);
  });

  it('prints the same prediction on Helm 3', async () => {
    const [on4, on3] = await Promise.all([chart.render({}), chart.render({ helm: 3 })]);
    expect(await on3.notes).toBe(await on4.notes);
  });

  it('says when a namespace has no Sidecar from the chart', async () => {
    const notes = await (await chart.render({ values: ['values/no-sidecar.yaml'] })).notes;
    expect(notes).toMatchRaw(/from foo: no Sidecar from this chart/);
  });
});

describe('test pods at 1,000 namespaces with the default values', () => {
  // bench/scale-values.ts: 1,000 namespaces, 4 Service ports, Sidecars of 3 listeners × 10 hosts, tests on.
  let release: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-scale-'));
    const file = path.join(dir, 'values.json');
    fs.writeFileSync(file, JSON.stringify(scaleValues(1000, { tests: true })));
    release = await dryRunRelease('charts/helloworld-egress', [file]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('carries at most ports × 4 checks per pod, 14,000 in all (not 1,000 × 1,000 × 4)', () => {
    const hooks = (JSON.parse(release) as { hooks: Array<{ manifest: string }> }).hooks;
    expect(hooks).toHaveLength(1000);
    const perPod = hooks.map((h) => (h.manifest.match(/svc\.cluster\.local:\d+=/g) ?? []).length);
    expect(Math.max(...perPod)).toBeLessThanOrEqual(4 * 4);
    expect(perPod.reduce((a, b) => a + b, 0)).toBe(14000);
  });

  it('stores the release in under 300 KB (JSON, gzip, base64, as Helm’s Secret driver does)', () => {
    const payload = releasePayload(release);
    expect(payload.json).toBeGreaterThan(7_000_000); // the whole release, manifest and hooks included
    expect(payload.stored).toBeLessThan(300 * 1024);
  });
});
