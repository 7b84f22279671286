/**
 * The API resources the stub Kubernetes API server advertises in discovery: the built-in
 * groups a chart commonly renders, Istio's, the kinds of the declared cluster objects and any
 * the test adds (`apiResources`). `helm template --dry-run=server` on Helm 4 maps every
 * rendered kind through discovery, and `lookup` finds a kind's resource the same way.
 */
export interface ApiResource {
  /** `v1`, `apps/v1`, `networking.istio.io/v1`, … */
  apiVersion: string;
  kind: string;
  /** Lower-case plural (the URL segment); default: derived from the kind (`Ingress` → `ingresses`). */
  plural?: string;
  /** Default true. */
  namespaced?: boolean;
}

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'IngressClass', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'APIService',
]);

const ISTIO_NETWORKING = ['Sidecar', 'VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'WorkloadEntry', 'WorkloadGroup'];
const ISTIO_SECURITY = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];

const BUILT_IN: Record<string, string[]> = {
  v1: [
    'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Namespace', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume',
    'Node', 'Endpoints', 'Event', 'LimitRange', 'ResourceQuota', 'ReplicationController', 'PodTemplate',
  ],
  'apps/v1': ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'],
  'batch/v1': ['Job', 'CronJob'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['PodDisruptionBudget'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  'storage.k8s.io/v1': ['StorageClass'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  // Istio serves its networking kinds in v1, v1beta1 and v1alpha3.
  ...Object.fromEntries(['v1', 'v1beta1', 'v1alpha3'].map((v) => [`networking.istio.io/${v}`, ISTIO_NETWORKING])),
  'security.istio.io/v1': ISTIO_SECURITY,
  'security.istio.io/v1beta1': ISTIO_SECURITY,
};

/** `Ingress` → `ingresses`, `NetworkPolicy` → `networkpolicies`, `Endpoints` → `endpoints`. */
export function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return k === 'endpoints' ? k : `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

export interface ResolvedResource {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

function resolve(r: ApiResource): ResolvedResource {
  return { apiVersion: r.apiVersion, kind: r.kind, plural: r.plural ?? pluralOf(r.kind), namespaced: r.namespaced ?? !CLUSTER_SCOPED.has(r.kind) };
}

/** Built-ins, then `extra` (later entries win for the same apiVersion + kind). */
export function apiResources(extra: readonly ApiResource[]): ResolvedResource[] {
  const all = new Map<string, ResolvedResource>();
  for (const [apiVersion, kinds] of Object.entries(BUILT_IN)) for (const kind of kinds) all.set(`${apiVersion} ${kind}`, resolve({ apiVersion, kind }));
  for (const r of extra) all.set(`${r.apiVersion} ${r.kind}`, resolve(r));
  return [...all.values()];
}
