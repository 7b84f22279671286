import { analyzeEgress, type ClusterEntry, type Manifest } from '../../src/egress';
import { compareClusters } from '../../src/egress/clusters';
import { deployment, service, sidecar } from './builders';

function names(clusters: ClusterEntry[]): string[] {
  return clusters.map((c) => (c.direction === '' ? c.fqdn : `${c.direction}|${c.port}||${c.fqdn}`));
}

function clustersOf(manifests: Manifest[], istioVersion = '1.24'): string[] {
  return names(analyzeEgress(manifests, { istioVersion }).workloads[0].clusters);
}

const lone = [deployment('client', 'c'), sidecar('s', 'c', { egress: [{ hosts: ['./*'] }] })];

describe('cluster list by Istio version', () => {
  it('lists zipkin and InboundPassthroughClusterIpv4 on 1.17', () => {
    expect(clustersOf(lone, '1.17')).toEqual([
      'BlackHoleCluster',
      'InboundPassthroughClusterIpv4',
      'PassthroughCluster',
      'agent',
      'prometheus_stats',
      'sds-grpc',
      'xds-grpc',
      'zipkin',
    ]);
  });

  it('drops zipkin from 1.22', () => {
    expect(clustersOf(lone, '1.22')).not.toContain('zipkin');
  });

  it('keeps InboundPassthroughClusterIpv4 on 1.22', () => {
    expect(clustersOf(lone, '1.22')).toContain('InboundPassthroughClusterIpv4');
  });

  it('renames the inbound passthrough cluster to InboundPassthroughCluster from 1.23', () => {
    expect(clustersOf(lone, '1.23')).toEqual([
      'BlackHoleCluster',
      'InboundPassthroughCluster',
      'PassthroughCluster',
      'agent',
      'prometheus_stats',
      'sds-grpc',
      'xds-grpc',
    ]);
  });
});

describe('inbound and outbound clusters', () => {
  it('adds one inbound cluster per distinct target port of the Services selecting the workload', () => {
    const ms = [
      ...lone,
      service('client', 'c', [
        { name: 'http-a', port: 8080, targetPort: 80 },
        { name: 'http-b', port: 80, targetPort: 80 },
        { name: 'tcp', port: 9000 },
      ]),
    ];
    expect(clustersOf(ms).filter((n) => n.startsWith('inbound'))).toEqual(['inbound|80||', 'inbound|9000||']);
  });

  it('resolves a named targetPort from the container ports', () => {
    const ms = [...lone, service('client', 'c', [{ name: 'http', port: 80, targetPort: 'web' }])];
    expect(clustersOf(ms).filter((n) => n.startsWith('inbound'))).toEqual(['inbound|8080||']);
  });

  it('adds no inbound cluster for a Service of another namespace with matching labels', () => {
    const ms = [...lone, service('client', 'other', [{ name: 'http', port: 80 }])];
    expect(clustersOf(ms).filter((n) => n.startsWith('inbound'))).toEqual([]);
  });

  it('merges the ports of a Service imported by several listeners', () => {
    const ms = [
      deployment('client', 'c'),
      service('api', 'x', [{ name: 'http', port: 80 }, { name: 'http-alt', port: 8080 }, { name: 'tcp', port: 9000 }]),
      sidecar('s', 'c', {
        egress: [
          { port: { number: 8080, protocol: 'HTTP' }, hosts: ['x/*'] },
          { port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] },
        ],
      }),
    ];
    expect(clustersOf(ms).filter((n) => n.startsWith('outbound'))).toEqual([
      'outbound|80||api.x.svc.cluster.local',
      'outbound|8080||api.x.svc.cluster.local',
    ]);
  });

  it('gives a headless Service an ORIGINAL_DST outbound cluster', () => {
    const ms = [...lone, service('db', 'c', [{ name: 'tcp', port: 5432 }], { clusterIP: 'None' })];
    const r = analyzeEgress(ms);
    expect(r.workloads[0].clusters.find((c) => c.fqdn === 'db.c.svc.cluster.local')?.type).toBe('ORIGINAL_DST');
  });
});

describe('istioctl cluster order', () => {
  it('sorts by name first, byte-wise (upper case before lower case)', () => {
    const c = (fqdn: string): ClusterEntry => ({ fqdn, port: null, direction: '', type: 'STATIC' });
    expect([c('agent'), c('Zeta'), c('BlackHoleCluster')].sort(compareClusters).map((x) => x.fqdn)).toEqual([
      'BlackHoleCluster',
      'Zeta',
      'agent',
    ]);
  });

  it('sorts ports numerically within one FQDN', () => {
    const c = (port: number): ClusterEntry => ({ fqdn: 'a.b.svc.cluster.local', port, direction: 'outbound', type: 'EDS' });
    expect([c(9090), c(80), c(443)].sort(compareClusters).map((x) => x.port)).toEqual([80, 443, 9090]);
  });
});
