/**
 * Every object kind of the input, by API group: what the analyzer reads, what cannot change
 * a probe's outcome (and why), and what it does not read. An unread kind makes the probes it
 * could affect `unknown (needs <Kind>)`: the scope is narrowed where the kind's own selectors
 * say which pods it applies to (README.md "Objects the analyzer does not read"); any other kind,
 * including every kind of an API group not listed here, may affect every probe.
 */
import type { Manifest } from './types';

export type KindRole = 'read' | 'inert' | 'unread';

export interface KindInfo {
  role: KindRole;
  /** `Kind.group` (`Service` for the core group), as `--ignore-kind` takes it. */
  key: string;
  /** For inert kinds: why it cannot change an outcome. */
  why?: string;
  /** For a read kind of an API version that is not served: why it is not read. */
  unserved?: string;
}

/** The pods a scope covers: a namespace (null: any) and labels (null: every pod there). */
export interface PodSelector {
  namespace: string | null;
  labels: Record<string, string> | null;
}

/** What an unread object could change: probes from / to the pods it selects, to hosts it names, or everything. */
export interface UnreadScope {
  /** `NetworkPolicy test-egress/allow-egress` */
  what: string;
  /** The kind, as printed in `unknown (needs <needs>)`. */
  needs: string;
  all?: boolean;
  from?: PodSelector[];
  to?: PodSelector[];
  /** Service FQDNs or external hosts (wildcards allowed) whose probes it could change. */
  hosts?: string[];
  /** Ports on which it could change any probe (a Service the input lacks would add listeners there). */
  ports?: number[];
}

const READ: Record<string, string[]> = {
  '': ['Service', 'Namespace', 'Pod', 'Endpoints'],
  apps: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  batch: ['Job', 'CronJob'],
  'discovery.k8s.io': ['EndpointSlice'],
  'networking.istio.io': ['Sidecar', 'ServiceEntry', 'VirtualService', 'DestinationRule', 'Gateway'],
  'security.istio.io': ['PeerAuthentication'],
  'gateway.networking.k8s.io': ['HTTPRoute', 'TLSRoute', 'Gateway', 'ReferenceGrant'],
};

const INERT: Record<string, Record<string, string>> = {
  '': {
    ConfigMap: 'configuration data',
    Secret: 'credentials',
    ServiceAccount: 'identities (no traffic rule)',
    PersistentVolumeClaim: 'storage',
    PersistentVolume: 'storage',
    LimitRange: 'resource limits',
    ResourceQuota: 'resource quotas',
    Event: 'a record',
  },
  'rbac.authorization.k8s.io': { Role: 'API permissions', RoleBinding: 'API permissions', ClusterRole: 'API permissions', ClusterRoleBinding: 'API permissions' },
  policy: { PodDisruptionBudget: 'eviction limits' },
  autoscaling: { HorizontalPodAutoscaler: 'replica counts (pods with the same spec)' },
  'scheduling.k8s.io': { PriorityClass: 'scheduling' },
  'storage.k8s.io': { StorageClass: 'storage' },
  'coordination.k8s.io': { Lease: 'leader election' },
  'apiextensions.k8s.io': { CustomResourceDefinition: 'a schema' },
  'admissionregistration.k8s.io': { ValidatingWebhookConfiguration: 'admission checks (no mutation)' },
  'networking.k8s.io': {
    Ingress: "north-south routing: Istio binds it to the ingress gateway only, never to a sidecar's outbound routes",
    IngressClass: 'a class name',
  },
  'monitoring.coreos.com': { ServiceMonitor: 'metrics scraping', PodMonitor: 'metrics scraping', PrometheusRule: 'alerting rules' },
  'cert-manager.io': { Certificate: 'certificates', Issuer: 'certificate issuers', ClusterIssuer: 'certificate issuers' },
  'telemetry.istio.io': { Telemetry: 'access logs, metrics and tracing; no routing' },
  'security.istio.io': {
    RequestAuthentication: 'rejects only requests that carry an invalid JWT; the probes carry none',
  },
  'gateway.networking.k8s.io': { GatewayClass: 'a controller name' },
};

/**
 * The API versions the API server serves for the kinds the analyzer reads. An object of another
 * version never exists (`kubectl apply`: "no matches for kind … in version …"), so it is not read
 * as that kind: it is unread (every probe it could change is unknown). Istio's CRDs:
 * `manifests/charts/base/files/crd-all.gen.yaml` (istio/istio `86c9f01fd735`); `v1` of the
 * networking and security groups is served from 1.22 (tag 1.22.0 `aaf597fb`; not in 1.21.0
 * `2ca3e986`). Gateway API: the versions its releases serve (v1alpha2 to v1).
 */
const SERVED: Record<string, Record<string, string[]>> = {
  '': { Service: ['v1'], Namespace: ['v1'], Pod: ['v1'], Endpoints: ['v1'] },
  apps: { Deployment: ['v1'], StatefulSet: ['v1'], DaemonSet: ['v1'], ReplicaSet: ['v1'] },
  batch: { Job: ['v1'], CronJob: ['v1'] },
  'discovery.k8s.io': { EndpointSlice: ['v1'] },
  'networking.istio.io': Object.fromEntries(['Sidecar', 'ServiceEntry', 'VirtualService', 'DestinationRule', 'Gateway'].map((k) => [k, ['v1alpha3', 'v1beta1', 'v1']])),
  'security.istio.io': { PeerAuthentication: ['v1beta1', 'v1'] },
  'gateway.networking.k8s.io': {
    HTTPRoute: ['v1alpha2', 'v1beta1', 'v1'],
    TLSRoute: ['v1alpha2', 'v1alpha3', 'v1'],
    Gateway: ['v1alpha2', 'v1beta1', 'v1'],
    ReferenceGrant: ['v1alpha2', 'v1beta1', 'v1'],
  },
};

/** The versions served for a read kind at this Istio minor version (Istio's `v1` from 1.22). */
export function servedVersions(group: string, kind: string, istioMinor: number): string[] {
  const all = SERVED[group]?.[kind] ?? [];
  return (group === 'networking.istio.io' || group === 'security.istio.io') && istioMinor < 22 ? all.filter((v) => v !== 'v1') : all;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function kindKey(kind: string, group: string): string {
  return group === '' ? kind : `${kind}.${group}`;
}

/**
 * How the analyzer treats objects of this apiVersion and kind; `ignored` holds the `--ignore-kind`
 * keys. A read kind of a version the API server does not serve is unread, with `unserved` saying so.
 */
export function classifyKind(apiVersion: string, kind: string, ignored: ReadonlySet<string> = new Set(), istioMinor = 24): KindInfo {
  const group = groupOf(apiVersion);
  const key = kindKey(kind, group);
  if (READ[group]?.includes(kind)) {
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    const served = servedVersions(group, kind, istioMinor);
    if (served.includes(version)) return { role: 'read', key };
    return { role: 'unread', key, unserved: `apiVersion ${apiVersion} is not served for ${kind} (served: ${served.map((v) => (group ? `${group}/${v}` : v)).join(', ')}${group.endsWith('istio.io') ? ` at Istio 1.${istioMinor}` : ''}), so the object cannot exist as one` };
  }
  const why = INERT[group]?.[kind];
  if (why) return { role: 'inert', key, why };
  if (ignored.has(key) || ignored.has(kind)) return { role: 'inert', key, why: 'declared not to affect traffic (--ignore-kind)' };
  return { role: 'unread', key };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function matchLabels(sel: unknown): Record<string, string> | null {
  const s = obj(sel);
  if (!s) return null;
  // matchExpressions could select fewer pods; taking every pod of the namespace is the safe side.
  if (arr(s.matchExpressions).length > 0) return null;
  const labels = obj(s.matchLabels) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[k] = String(v);
  return Object.keys(out).length > 0 ? out : null;
}

/** The scope of one object of an unread kind. */
export function unreadScope(m: Manifest, key: string, rootNamespace: string): UnreadScope {
  const md = obj(m.metadata) ?? {};
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const what = `${key} ${namespace}/${String(md.name ?? '')}`;
  const spec = obj(m.spec) ?? {};
  const needs = String(m.kind);
  const everyPod = (ns: string | null): PodSelector[] => [{ namespace: ns, labels: null }];
  const meshWide = namespace === rootNamespace;
  switch (key) {
    case 'NetworkPolicy.networking.k8s.io': {
      const pods: PodSelector[] = [{ namespace, labels: matchLabels(spec.podSelector) }];
      const types = arr(spec.policyTypes).map(String);
      const egress = types.includes('Egress') || (types.length === 0 && spec.egress !== undefined);
      const ingress = types.length === 0 || types.includes('Ingress');
      return { what, needs, ...(egress ? { from: pods } : {}), ...(ingress ? { to: pods } : {}) };
    }
    case 'AuthorizationPolicy.security.istio.io': {
      const labels = spec.targetRef || spec.targetRefs ? null : matchLabels(spec.selector);
      return { what, needs, to: meshWide && !labels ? everyPod(null) : [{ namespace, labels }] };
    }
    case 'EnvoyFilter.networking.istio.io':
    case 'WasmPlugin.extensions.istio.io':
    case 'ProxyConfig.networking.istio.io': {
      const labels = spec.targetRef || spec.targetRefs ? null : matchLabels(key.startsWith('EnvoyFilter') ? { matchLabels: obj(spec.workloadSelector)?.labels } : spec.selector);
      const pods = meshWide && !labels ? everyPod(null) : [{ namespace, labels }];
      return key.startsWith('ProxyConfig') ? { what, needs, from: pods } : { what, needs, from: pods, to: pods };
    }
    case 'WorkloadEntry.networking.istio.io':
    case 'WorkloadGroup.networking.istio.io':
      return { what, needs, to: everyPod(namespace) };
    default:
      return { what, needs, all: true };
  }
}

export function selectorMatches(s: PodSelector, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (s.namespace !== null && s.namespace !== namespace) return false;
  if (s.labels === null) return true;
  for (const k in s.labels) if (labels[k] !== s.labels[k]) return false;
  return true;
}
