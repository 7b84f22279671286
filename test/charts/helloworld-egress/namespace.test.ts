/** templates/namespace.yaml: a Namespace per namespace with `create: true`. */
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');

describe('templates/namespace.yaml', () => {
  it('renders nothing when no namespace has create: true', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: false }, { name: 'b', create: false }] } });
    expect(out.template('templates/namespace.yaml')).toHaveDocuments(0);
  });

  it('renders a v1 Namespace for each namespace with create: true', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: true }, { name: 'b', create: false }, { name: 'c', create: true }] } });
    const docs = out.template('templates/namespace.yaml');
    expect(docs).toHaveDocuments(2);
    expect(docs).toBeKind('Namespace');
    expect(docs).toHaveApiVersion('v1');
    expect(docs.map((d) => d.metadata?.name)).toEqual(['a', 'c']);
  });

  it('puts namespaces[].labels on the Namespace beside the recommended labels', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: true, labels: { 'istio-injection': 'enabled', team: 'on' } }] } });
    const ns = out.document({ kind: 'Namespace', name: 'a' });
    expect(ns).toHaveValue('metadata.labels["istio-injection"]', 'enabled');
    expect(ns).toHaveValue('metadata.labels.team', 'on');
    expect(ns).toHaveValue('metadata.labels["app.kubernetes.io/managed-by"]', 'Helm');
  });

  it('does not give the Namespace the app selector label', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: true }] } });
    expect(out.document({ kind: 'Namespace', name: 'a' })).not.toHavePath('metadata.labels.app');
  });

  it('keeps a name YAML would read as a boolean a string', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'on', create: true }] } });
    expect(out.document({ kind: 'Namespace' })).toHaveValue('metadata.name', 'on');
  });
});
