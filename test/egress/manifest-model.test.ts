import { buildManifestModel } from '../../src/egress/manifest-model';
import { deployment, service } from './builders';

describe('manifest model', () => {
  it('puts manifests without a namespace in default', () => {
    const m = buildManifestModel([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } }]);
    expect(m.services[0].fqdn).toBe('a.default.svc.cluster.local');
  });

  it('ignores kinds that cannot change an outcome, such as a ConfigMap', () => {
    const m = buildManifestModel([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]);
    expect([m.services, m.workloads, m.unread, m.warnings]).toEqual([[], [], [], []]);
  });

  it('records an object of a kind it does not read, and warns once per kind with the key --ignore-kind takes', () => {
    const filter = (name: string) => ({ apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name, namespace: 'n' }, spec: {} });
    const m = buildManifestModel([filter('a'), filter('b')]);
    expect(m.unread.map((u) => u.what)).toEqual(['EnvoyFilter.networking.istio.io n/a', 'EnvoyFilter.networking.istio.io n/b']);
    expect(m.warnings).toEqual([
      '2 EnvoyFilter.networking.istio.io object(s) not read: the probes they could change are unknown (needs EnvoyFilter); --ignore-kind EnvoyFilter.networking.istio.io declares the kind harmless',
    ]);
  });

  it.each([
    ['StatefulSet', { template: { metadata: { labels: { app: 's' } } } }],
    ['DaemonSet', { template: { metadata: { labels: { app: 's' } } } }],
    ['ReplicaSet', { template: { metadata: { labels: { app: 's' } } } }],
  ])('reads the pod template labels of a %s', (kind, spec) => {
    const m = buildManifestModel([{ apiVersion: 'apps/v1', kind, metadata: { name: 'w', namespace: 'n' }, spec }]);
    expect(m.workloads.map((w) => [w.id, w.labels])).toEqual([['n/w', { app: 's' }]]);
  });

  it('reads the labels of a bare Pod', () => {
    const m = buildManifestModel([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } }]);
    expect(m.workloads[0].labels).toEqual({ app: 'p' });
  });

  it('does not read the Deployment metadata labels as pod labels', () => {
    const d = deployment('w', 'n', { app: 'pod' });
    (d.metadata as Record<string, unknown>).labels = { app: 'deploy' };
    expect(buildManifestModel([d]).workloads[0].labels).toEqual({ app: 'pod', 'sidecar.istio.io/inject': 'true' });
  });

  it('skips a Pod owned by a ReplicaSet that is also in the input', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'n' }, spec: { template: {} } };
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'rs-abc', namespace: 'n', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] },
    };
    expect(buildManifestModel([rs, pod]).workloads.map((w) => w.id)).toEqual(['n/rs']);
  });

  it('skips helm hook pods such as helm test pods', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 't', annotations: { 'helm.sh/hook': 'test' } } };
    expect(buildManifestModel([pod]).workloads).toEqual([]);
  });

  it('reads VirtualServices, DestinationRules and PeerAuthentications instead of warning about them', () => {
    const vs = { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', metadata: { name: 'v' }, spec: { hosts: ['reviews'] } };
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'd', namespace: 'n' }, spec: { host: 'reviews', subsets: [{ name: 'v1' }] } };
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'p', namespace: 'n' }, spec: { mtls: { mode: 'STRICT' } } };
    const m = buildManifestModel([vs, dr, pa]);
    expect([m.virtualServices[0].hosts, m.destinationRules[0].host, m.peerAuthentications[0].mode, m.warnings]).toEqual([
      ['reviews.default.svc.cluster.local'],
      'reviews.n.svc.cluster.local',
      'STRICT',
      [],
    ]);
  });

  it('ignores Sidecars of a foreign API group', () => {
    const sc = { apiVersion: 'example.com/v1', kind: 'Sidecar', metadata: { name: 's' }, spec: {} };
    expect(buildManifestModel([sc]).sidecars).toEqual([]);
  });

  it('defaults a missing targetPort to the port', () => {
    expect(buildManifestModel([service('a', 'n', [{ name: 'http', port: 8080 }])]).services[0].ports[0].targetPort).toBe(8080);
  });
});
