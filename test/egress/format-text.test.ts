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
  it('prints one row per probe with its destination, outcome, the client cluster and via, under a header', () => {
    const lines = formatProbeMatrix(seed.probes.slice(0, 2), '');
    expect(lines[0].split(/\s+/)).toEqual(['DESTINATION', 'OUTCOME', 'CLUSTER', 'VIA', 'REASON']);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      ['helloworld.foo.svc.cluster.local:8080', 'blackhole_reset', 'BlackHoleCluster', 'BlackHoleCluster'],
      ['helloworld.foo.svc.cluster.local:80', 'ok', 'outbound|80||helloworld.foo.svc.cluster.local', 'outbound|80||helloworld.foo.svc.cluster.local'],
    ]);
  });

  it('starts every column at the same offset on each row', () => {
    const lines = formatProbeMatrix(seed.probes.slice(0, 2), '');
    const starts = (l: string) => [...l.matchAll(/(?<=\s{2})\S/g)].slice(0, 3).map((m) => m.index);
    expect(starts(lines[1])).toEqual(starts(lines[0]));
    expect(starts(lines[2])).toEqual(starts(lines[0]));
  });

  it('leaves the last column unpadded', () => {
    expect(alignColumns([['a', 'b'], ['ccc', 'd']], 1)).toEqual(['a   b', 'ccc d']);
  });
});
