/**
 * What `istioctl proxy-config clusters` lists for a workload (research note §6, §11):
 * inbound clusters per distinct target port of the Services selecting it, outbound
 * clusters per imported Service port (union over egress listeners), the always-present
 * passthrough/blackhole clusters and the bootstrap clusters; sorted as istioctl sorts.
 */
import type { ServiceModel, WorkloadModel } from './manifest-model';
import type { ServiceIndex } from './service-index';
import type { SidecarScope } from './sidecar-scope';
import type { VersionFeatures } from './istio-version';
import type { ClusterEntry, ClusterType } from './types';
import { externalClusterType, type ExternalServiceModel } from './service-entry';
import type { DestinationRules } from './destination-rule';

function serviceClusterType(s: ServiceModel): ClusterType {
  if (s.externalName) return 'STRICT_DNS';
  if (s.headless) return 'ORIGINAL_DST';
  return 'EDS';
}

/** Outbound clusters of a scope, ports of a Service merged across listeners. */
export function outboundClusters(scope: SidecarScope): ClusterEntry[] {
  const ports = new Map<ServiceModel, Set<number>>();
  for (const l of scope.listeners) {
    for (const s of l.services) {
      let set = ports.get(s.service);
      if (!set) ports.set(s.service, (set = new Set()));
      for (const p of s.ports) set.add(p.port);
    }
  }
  const out: ClusterEntry[] = [];
  for (const [s, set] of ports) {
    const type = serviceClusterType(s);
    for (const port of set) out.push({ fqdn: s.fqdn, port, direction: 'outbound', type });
  }
  // ServiceEntry hosts: `outbound|<port>||<host>`, type by resolution (one per host, ports merged).
  const external = new Map<ExternalServiceModel, Set<number>>();
  for (const l of scope.listeners) {
    for (const e of l.externals) {
      let set = external.get(e.external);
      if (!set) external.set(e.external, (set = new Set()));
      for (const p of e.ports) set.add(p.number);
    }
  }
  for (const [e, set] of external) {
    const type = externalClusterType(e.resolution);
    // One Envoy cluster per name: a ServiceEntry host that is also a Service's gives no second row.
    for (const port of set) if (!out.some((c) => c.fqdn === e.host && c.port === port)) out.push({ fqdn: e.host, port, direction: 'outbound', type });
  }
  return out;
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

/** `inbound|<targetPort>||` for each distinct endpoint port of the Services selecting the workload. */
export function inboundClusters(w: WorkloadModel, index: ServiceIndex, warn: (m: string) => void): ClusterEntry[] {
  const ports = new Set<number>();
  for (const s of index.inNamespace(w.namespace, null)) {
    if (!s.selector || !selects(s.selector, w.labels)) continue;
    for (const p of s.ports) {
      if (p.protocol === 'UDP') continue;
      const target = typeof p.targetPort === 'number' ? p.targetPort : w.containerPorts.get(p.targetPort);
      if (target === undefined) warn(`Service ${s.namespace}/${s.name} port ${p.port}: named targetPort "${p.targetPort}" not found in ${w.id}`);
      else ports.add(target);
    }
  }
  return [...ports].map((port) => ({ fqdn: '', port, direction: 'inbound', type: 'ORIGINAL_DST' }));
}

export function staticClusters(features: VersionFeatures): ClusterEntry[] {
  const named = (fqdn: string, type: ClusterType): ClusterEntry => ({ fqdn, port: null, direction: '', type });
  const out = [
    named('BlackHoleCluster', 'STATIC'),
    named(features.inboundPassthroughName, 'ORIGINAL_DST'),
    named('PassthroughCluster', 'ORIGINAL_DST'),
    named('agent', 'STATIC'),
    named('prometheus_stats', 'STATIC'),
    named('sds-grpc', 'STATIC'),
    named('xds-grpc', 'STATIC'),
  ];
  if (features.zipkinCluster) out.push(named('zipkin', 'STRICT_DNS'));
  return out;
}

/**
 * The DestinationRule each outbound cluster's host uses for this client (istioctl's DESTINATION
 * RULE column) and one `outbound|<port>|<subset>|<host>` cluster per subset and port
 * (destination-rule.ts). A host whose rule cannot be told keeps its plain cluster.
 */
export function withDestinationRules(outbound: readonly ClusterEntry[], rules: DestinationRules, w: WorkloadModel): ClusterEntry[] {
  if (rules.empty) return [...outbound];
  const out: ClusterEntry[] = [];
  for (const c of outbound) {
    const m = /^[^.]+\.([^.]+)\.svc\./.exec(c.fqdn);
    const choice = rules.choose(c.fqdn, m ? m[1] : null, w.namespace, w.labels);
    const rule = 'rule' in choice ? choice.rule : null;
    if (!rule) {
      out.push(c);
      continue;
    }
    out.push({ ...c, destinationRule: rule.ref });
    for (const subset of rule.subsets.keys()) out.push({ ...c, subset, destinationRule: rule.ref });
  }
  return out;
}

/** istioctl's order: name (FQDN or cluster name), subset, port (0 when none), direction; byte-wise strings. */
export function compareClusters(a: ClusterEntry, b: ClusterEntry): number {
  if (a.fqdn !== b.fqdn) return a.fqdn < b.fqdn ? -1 : 1;
  const as = a.subset ?? '';
  const bs = b.subset ?? '';
  if (as !== bs) return as < bs ? -1 : 1;
  const ap = a.port ?? 0;
  const bp = b.port ?? 0;
  if (ap !== bp) return ap - bp;
  return a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : 0;
}

export function sortClusters(clusters: ClusterEntry[]): ClusterEntry[] {
  return clusters.sort(compareClusters);
}
