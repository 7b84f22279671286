/** templates/tests/egress-test.yaml and NOTES.txt: the predicted egress, checked by `helm test`. */
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');

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

  it('prints the same prediction on Helm 3', async () => {
    const [on4, on3] = await Promise.all([chart.render({}), chart.render({ helm: 3 })]);
    expect(await on3.notes).toEqualRaw(await on4.notes);
  });

  it('says when a namespace has no Sidecar from the chart', async () => {
    const notes = await (await chart.render({ values: ['values/no-sidecar.yaml'] })).notes;
    expect(notes).toMatchRaw(/from foo: no Sidecar from this chart/);
  });
});
