/** templates/service.yaml: the Service `<app.name>` in every namespace. */
import { helloworldEgress } from '../../../src/charts';
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');
const twoNamespaces = [{ name: 'a', create: false }, { name: 'b', create: false }];

describe('templates/service.yaml', () => {
  it('renders one v1 Service named app.name in each namespace', async () => {
    const out = await chart.render({ set: { namespaces: twoNamespaces, 'app.name': 'web' } });
    const services = out.template('templates/service.yaml');
    expect(services).toHaveDocuments(2);
    expect(services).toBeKind('Service');
    expect(services).toHaveApiVersion('v1');
    expect(services).toHaveValue('metadata.name', 'web');
    expect(services.map((s) => s.metadata?.namespace)).toEqual(['a', 'b']);
  });

  it('exposes service.ports with their names, ports and targetPorts', async () => {
    const out = await chart.render({
      set: { namespaces: twoNamespaces, 'service.ports': [{ name: 'tcp-db', port: 5432, targetPort: 5433 }] },
    });
    const svc = out.document({ kind: 'Service', namespace: 'a' });
    expect(svc).toHaveLengthAt('spec.ports', 1);
    expect(svc).toHaveValue('spec.ports[?(@.name == "tcp-db")].port', 5432);
    expect(svc).toHaveValue('spec.ports[0].targetPort', 5433);
  });

  it('renders appProtocol only for ports that set it', async () => {
    const out = await chart.render({
      set: {
        namespaces: twoNamespaces,
        'service.ports': [
          { name: 'web', port: 80, targetPort: 80, appProtocol: 'http' },
          { name: 'raw', port: 81, targetPort: 80 },
        ],
      },
    });
    const svc = out.document({ kind: 'Service', namespace: 'b' });
    expect(svc).toHaveValue('spec.ports[?(@.name == "web")].appProtocol', 'http');
    expect(svc).not.toHavePath('spec.ports[1].appProtocol');
  });

  it('selects exactly app: <app.name>, whatever the release', async () => {
    const out = await chart.render({ set: { namespaces: twoNamespaces, 'app.name': 'web' }, release: { name: 'r1', namespace: 'apps' } });
    expect(out.template('templates/service.yaml')).toHaveValue('spec.selector', { app: 'web' });
  });

  it('labels the Service with app and the recommended labels', async () => {
    const out = await chart.render({ set: { namespaces: twoNamespaces, 'app.name': 'web' }, release: { name: 'r1', namespace: 'apps' } });
    expect(out.document({ kind: 'Service', namespace: 'a' })).toContainSubset('metadata.labels', {
      app: 'web',
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': 'r1',
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.sh/chart': `${helloworldEgress.name}-${helloworldEgress.version}`,
    });
  });

  it('puts the chart version override in helm.sh/chart, with + replaced by _', async () => {
    const out = await chart.render({ set: { namespaces: twoNamespaces }, chart: { version: '1.2.3+build.7' } });
    expect(out.document({ kind: 'Service', namespace: 'a' })).toHaveValue(
      'metadata.labels["helm.sh/chart"]',
      'helloworld-egress-1.2.3_build.7',
    );
  });
});
