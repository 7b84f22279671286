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

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function kindKey(kind: string, group: string): string {
  return group === '' ? kind : `${kind}.${group}`;
}

/** How the analyzer treats objects of this apiVersion and kind; `ignored` holds the `--ignore-kind` keys. */
export function classifyKind(apiVersion: string, kind: string, ignored: ReadonlySet<string> = new Set()): KindInfo {
  const group = groupOf(apiVersion);
  const key = kindKey(kind, group);
  if (READ[group]?.includes(kind)) return { role: 'read', key };
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
