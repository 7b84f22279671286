import { analyzeEgress, analyzeEgressReport } from '../../src/egress';
import { deployment, outcomeOf, service, sidecar } from './builders';
import { parseClusterTable, SEED_CLUSTERS_DEFAULT, SEED_CLUSTERS_FOO, seedManifests } from './seed-manifests';

describe('the seed (real cluster, Istio ~1.17) is reproduced exactly', () => {
  const result = analyzeEgress(seedManifests(), { istioVersion: '1.17' });

  it.each([
    ['default/helloworld-default', 'helloworld.foo.svc.cluster.local:80', 'ok'],
    ['default/helloworld-default', 'helloworld.foo.svc.cluster.local:8080', 'blackhole_reset'],
    ['default/helloworld-default', 'helloworld.default.svc.cluster.local:80', 'block_all_502'],
    ['default/helloworld-default', 'helloworld.default.svc.cluster.local:8080', 'blackhole_reset'],
    ['foo/helloworld-foo', 'helloworld.foo.svc.cluster.local:80', 'blackhole_reset'],
    ['foo/helloworld-foo', 'helloworld.foo.svc.cluster.local:8080', 'ok'],
    ['foo/helloworld-foo', 'helloworld.default.svc.cluster.local:80', 'blackhole_reset'],
    ['foo/helloworld-foo', 'helloworld.default.svc.cluster.local:8080', 'ok'],
  ])('predicts that %s curling %s ends %s', (from, to, outcome) => {
    expect(outcomeOf(result, from, to)).toBe(outcome);
  });

  it('produces exactly the eight seed probes', () => {
    expect(result.probes).toHaveLength(8);
  });

  it('names the Envoy route or cluster each seed request went through', () => {
    expect(result.probes.map((p) => `${p.from} ${p.to} ${p.via}`).sort()).toEqual([
      'default/helloworld-default helloworld.default.svc.cluster.local:80 block_all',
      'default/helloworld-default helloworld.default.svc.cluster.local:8080 BlackHoleCluster',
      'default/helloworld-default helloworld.foo.svc.cluster.local:80 outbound|80||helloworld.foo.svc.cluster.local',
      'default/helloworld-default helloworld.foo.svc.cluster.local:8080 BlackHoleCluster',
      'foo/helloworld-foo helloworld.default.svc.cluster.local:80 BlackHoleCluster',
      'foo/helloworld-foo helloworld.default.svc.cluster.local:8080 outbound|8080||helloworld.default.svc.cluster.local',
      'foo/helloworld-foo helloworld.foo.svc.cluster.local:80 BlackHoleCluster',
      'foo/helloworld-foo helloworld.foo.svc.cluster.local:8080 outbound|8080||helloworld.foo.svc.cluster.local',
    ]);
  });

  it('lists the clusters of helloworld-default exactly as istioctl did', () => {
    expect(result.workloads.find((w) => w.workload === 'default/helloworld-default')?.clusters).toEqual(
      parseClusterTable(SEED_CLUSTERS_DEFAULT),
    );
  });

  it('lists the clusters of helloworld-foo exactly as istioctl did', () => {
    expect(result.workloads.find((w) => w.workload === 'foo/helloworld-foo')?.clusters).toEqual(parseClusterTable(SEED_CLUSTERS_FOO));
  });

  it('reports which Sidecar applies to each workload and its mode', () => {
    expect(result.workloads.map(({ workload, sidecar: sc, mode }) => ({ workload, sidecar: sc, mode }))).toEqual([
      { workload: 'default/helloworld-default', sidecar: 'default/helloworld-sidecar-default', mode: 'REGISTRY_ONLY' },
      { workload: 'foo/helloworld-foo', sidecar: 'foo/helloworld-sidecar-foo', mode: 'REGISTRY_ONLY' },
    ]);
  });

  it('explains a blackhole in one line naming the port and the policy', () => {
    const p = result.probes.find((x) => x.from === 'default/helloworld-default' && x.to === 'helloworld.foo.svc.cluster.local:8080');
    expect(p?.reason).toBe('no egress listener on port 8080; REGISTRY_ONLY → BlackHoleCluster');
  });
});

describe('analyzeEgress', () => {
  it('uses ALLOW_ANY as the mesh mode when none is given', () => {
    const r = analyzeEgress([service('a', 'x', [{ name: 'http', port: 80 }]), deployment('a', 'x')]);
    expect(r.workloads[0].mode).toBe('ALLOW_ANY');
  });

  it('applies the meshMode option when the Sidecar sets no outboundTrafficPolicy', () => {
    const r = analyzeEgress(
      [service('a', 'x', [{ name: 'http', port: 80 }]), deployment('a', 'x'), sidecar('s', 'x', { egress: [{ hosts: ['./*'] }] })],
      { meshMode: 'REGISTRY_ONLY' },
    );
    expect(r.workloads[0].mode).toBe('REGISTRY_ONLY');
  });

  it('rejects an unparsable Istio version', () => {
    expect(() => analyzeEgress([], { istioVersion: 'latest' })).toThrow('invalid Istio version "latest"');
  });

  it('returns no workloads and no probes for an empty input', () => {
    expect(analyzeEgress([])).toEqual({ workloads: [], probes: [] });
  });

  it('gives the same result through the compact report', () => {
    expect(analyzeEgressReport(seedManifests(), { istioVersion: '1.17' }).toResult()).toEqual(
      analyzeEgress(seedManifests(), { istioVersion: '1.17' }),
    );
  });
});
