import { analyzeEgress } from '../../src/egress';
import { alignColumns, formatClusterTable, formatProbeMatrix } from '../../src/egress/format-text';
import { SEED_CLUSTERS_DEFAULT, SEED_CLUSTERS_FOO, seedManifests } from './seed-manifests';

const trimEnds = (lines: string[]) => lines.map((l) => l.trimEnd()).join('\n');
const seed = analyzeEgress(seedManifests(), { istioVersion: '1.17' });

describe('istioctl-style cluster table', () => {
  it('prints helloworld-default exactly as the seed shows it', () => {
    expect(trimEnds(formatClusterTable(seed.workloads[0].clusters))).toBe(trimEnds(SEED_CLUSTERS_DEFAULT.split('\n')));
  });

  it('prints helloworld-foo exactly as the seed shows it', () => {
    expect(trimEnds(formatClusterTable(seed.workloads[1].clusters))).toBe(trimEnds(SEED_CLUSTERS_FOO.split('\n')));
  });

  it('pads the TYPE column like Go tabwriter before the empty DESTINATION RULE cell', () => {
    expect(formatClusterTable(seed.workloads[0].clusters)[2]).toBe(
      'BlackHoleCluster                     -        -          -             STATIC           ',
    );
  });
});

describe('probe matrix', () => {
  it('aligns destination, outcome, via and reason columns', () => {
    expect(formatProbeMatrix(seed.probes.slice(0, 2), '')).toEqual([
      'DESTINATION                            OUTCOME          VIA                                            REASON',
      'helloworld.foo.svc.cluster.local:8080  blackhole_reset  BlackHoleCluster                               no egress listener on port 8080; REGISTRY_ONLY → BlackHoleCluster',
      'helloworld.foo.svc.cluster.local:80    ok               outbound|80||helloworld.foo.svc.cluster.local  HTTP listener 0.0.0.0:80, route "80" has a virtual host for helloworld.foo.svc.cluster.local',
    ]);
  });

  it('leaves the last column unpadded', () => {
    expect(alignColumns([['a', 'b'], ['ccc', 'd']], 1)).toEqual(['a   b', 'ccc d']);
  });
});
