/** The example values files under values/, each rendered and checked field by field. */
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');

describe('values/allow-any.yaml', () => {
  it('sets ALLOW_ANY on both Sidecars and keeps their listeners', async () => {
    const out = await chart.render({ values: ['values/allow-any.yaml'] });
    expect(out.select({ kind: 'Sidecar' })).toHaveValue('spec.outboundTrafficPolicy.mode', 'ALLOW_ANY');
    expect(out.document({ kind: 'Sidecar', namespace: 'default' })).toHaveValue('spec.egress[0].port.number', 80);
    expect(out.document({ kind: 'Sidecar', namespace: 'foo' })).toHaveValue('spec.egress[0].hosts', ['./*', 'default/*']);
  });
});

describe('values/three-namespaces.yaml', () => {
  it('renders a Service, a Deployment and a Sidecar in each of default, foo and bar', async () => {
    const out = await chart.render({ values: ['values/three-namespaces.yaml'] });
    for (const kind of ['Service', 'Deployment', 'Sidecar']) {
      expect(out.select({ kind }).map((d) => d.metadata?.namespace)).toEqual(['default', 'foo', 'bar']);
    }
  });

  it('creates foo and bar with their labels but not default', async () => {
    const out = await chart.render({ values: ['values/three-namespaces.yaml'] });
    expect(out.template('templates/namespace.yaml').map((d) => d.metadata?.name)).toEqual(['foo', 'bar']);
    expect(out.document({ kind: 'Namespace', name: 'bar' })).toContainSubset('metadata.labels', { 'istio-injection': 'enabled', team: 'bar' });
  });

  it('gives bar a TCP listener on 8080 to foo only', async () => {
    const out = await chart.render({ values: ['values/three-namespaces.yaml'] });
    const bar = out.document({ kind: 'Sidecar', name: 'helloworld-sidecar-bar' });
    expect(bar).toHaveValue('spec.egress', [{ port: { number: 8080, protocol: 'TCP', name: 'egress-foo' }, hosts: ['foo/*'] }]);
  });

  it('runs two replicas per Deployment', async () => {
    const out = await chart.render({ values: ['values/three-namespaces.yaml'] });
    expect(out.select({ kind: 'Deployment' })).toHaveValue('spec.replicas', 2);
  });

  it('lets foo reach default on 8080 only, with app.replicas set on top and a release given', async () => {
    const out = await chart.render({
      values: ['values/three-namespaces.yaml'],
      set: { 'app.replicas': 3 },
      release: { name: 'r1', namespace: 'apps' },
    });
    const sidecar = out.document({ kind: 'Sidecar', name: 'helloworld-sidecar-foo' });
    expect(sidecar).toHaveValue('spec.egress[0].port.number', 8080);
    expect(sidecar).toContainValue('spec.egress[0].hosts', 'default/*');
    expect(out.template('templates/namespace.yaml')).toHaveDocuments(2);
    expect(out.select({ kind: 'Deployment' })).toHaveValue('spec.replicas', 3);
  });
});

describe('values/no-sidecar.yaml', () => {
  it('renders a Sidecar for default only, while foo keeps its Service and Deployment', async () => {
    const out = await chart.render({ values: ['values/no-sidecar.yaml'] });
    expect(out.select({ kind: 'Sidecar' }).map((d) => d.metadata?.namespace)).toEqual(['default']);
    expect(out).toIncludeDocument({ kind: 'Service', name: 'helloworld', namespace: 'foo' });
    expect(out).toIncludeDocument({ kind: 'Deployment', name: 'helloworld-foo', namespace: 'foo' });
  });
});

describe('values/deny-all.yaml', () => {
  it('gives foo a single listener whose only host is ~/* under REGISTRY_ONLY', async () => {
    const out = await chart.render({ values: ['values/deny-all.yaml'] });
    const foo = out.document({ kind: 'Sidecar', namespace: 'foo' });
    expect(foo).toHaveValue('spec.egress[*].hosts', ['~/*']);
    expect(foo).toHaveValue('spec.outboundTrafficPolicy.mode', 'REGISTRY_ONLY');
  });
});

describe('values/seed.yaml', () => {
  it('renders exactly what the chart defaults render', async () => {
    const [seed, defaults] = await Promise.all([chart.render({ values: ['values/seed.yaml'] }), chart.render({})]);
    expect(seed.documents).toEqual(defaults.documents);
  });
});

describe('a top-level global map', () => {
  it('is accepted for use as a subchart and changes nothing', async () => {
    const [withGlobal, plain] = await Promise.all([chart.render({ set: { 'global.region': 'eu' } }), chart.render({})]);
    expect(withGlobal.documents).toEqual(plain.documents);
  });
});
