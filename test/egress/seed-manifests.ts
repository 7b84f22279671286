/**
 * The seven manifests of the seed (`istio-sidecar-egress-example.md`), copied verbatim
 * as YAML so tests and the CLI fixture use exactly what ran in the real cluster.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from '../../src/egress';

/** The seed's manifests: test/fixtures/seed/seed-resources.yaml, the one copy, which the chart's seed test also reads. */
export const SEED_YAML = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'seed', 'seed-resources.yaml'), 'utf8');

/**
 * The seed cluster's `default` namespace: its pods had sidecars (the seed's proxy logs and
 * `istioctl proxy-config clusters` of helloworld-default), so it carried the injection label
 * the seed's YAML, which only creates `foo`, does not show.
 */
export const SEED_DEFAULT_NAMESPACE_YAML = `apiVersion: v1
kind: Namespace
metadata:
  name: default
  labels:
    istio-injection: enabled
`;

/** The seed's manifests plus the labelled default namespace: what the analyzer needs to know the seed cluster. */
export const SEED_CLUSTER_YAML = `${SEED_YAML}---\n${SEED_DEFAULT_NAMESPACE_YAML}`;

/** Fresh copies of the seed manifests and the seed cluster's default namespace (tests may mutate them). */
export function seedManifests(): Manifest[] {
  return parseAllDocuments(SEED_CLUSTER_YAML).map((d) => d.toJS() as Manifest);
}

/** `istioctl proxy-config clusters` for helloworld-default, verbatim from the seed. */
export const SEED_CLUSTERS_DEFAULT = `SERVICE FQDN                         PORT     SUBSET     DIRECTION     TYPE             DESTINATION RULE
                                     80       -          inbound       ORIGINAL_DST     
BlackHoleCluster                     -        -          -             STATIC           
InboundPassthroughClusterIpv4        -        -          -             ORIGINAL_DST     
PassthroughCluster                   -        -          -             ORIGINAL_DST     
agent                                -        -          -             STATIC           
helloworld.foo.svc.cluster.local     80       -          outbound      EDS              
prometheus_stats                     -        -          -             STATIC           
sds-grpc                             -        -          -             STATIC           
xds-grpc                             -        -          -             STATIC           
zipkin                               -        -          -             STRICT_DNS`;

/** `istioctl proxy-config clusters` for helloworld-foo, verbatim from the seed. */
export const SEED_CLUSTERS_FOO = `SERVICE FQDN                             PORT     SUBSET     DIRECTION     TYPE             DESTINATION RULE
                                         80       -          inbound       ORIGINAL_DST     
BlackHoleCluster                         -        -          -             STATIC           
InboundPassthroughClusterIpv4            -        -          -             ORIGINAL_DST     
PassthroughCluster                       -        -          -             ORIGINAL_DST     
agent                                    -        -          -             STATIC           
helloworld.default.svc.cluster.local     8080     -          outbound      EDS              
helloworld.foo.svc.cluster.local         8080     -          outbound      EDS              
prometheus_stats                         -        -          -             STATIC           
sds-grpc                                 -        -          -             STATIC           
xds-grpc                                 -        -          -             STATIC           
zipkin                                   -        -          -             STRICT_DNS`;

/** Parses an istioctl cluster table by its header's column offsets (independent of the analyzer). */
export function parseClusterTable(table: string): { fqdn: string; port: number | null; direction: string; type: string }[] {
  const [header, ...rows] = table.split('\n');
  const cols = ['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'].map((c) => header.indexOf(c));
  return rows.map((row) => {
    const cell = (i: number) => row.slice(cols[i], i + 1 < cols.length ? cols[i + 1] : undefined).trim();
    return {
      fqdn: cell(0),
      port: cell(1) === '-' ? null : Number(cell(1)),
      direction: cell(3) === '-' ? '' : cell(3),
      type: cell(4),
    };
  });
}
