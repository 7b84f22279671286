/**
 * Object identity as the API server sees it: one object per (API group, kind, namespace, name),
 * and a namespaced object without `metadata.namespace` lands in the namespace of the apply
 * (`kubectl apply -n`, `helm install -n`, else the context's, usually `default`).
 *
 * - An object given twice cannot exist twice: `kubectl apply -f` applies the documents in order
 *   (the last wins), `helm install` refuses the release. The CLI refuses such input (exit 2,
 *   naming both documents); the library keeps the last and warns.
 * - Namespace-less namespaced objects are placed in `defaultNamespace` (`--namespace`, default
 *   `default`) with one warning naming them, since the input does not say where they go.
 */
import type { Manifest } from './types';

/** Kinds without a namespace (Kubernetes, Istio-adjacent and common add-on kinds). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass',
  'PriorityClass', 'IngressClass', 'GatewayClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'APIService', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'ClusterIssuer', 'ComponentStatus',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

type Obj = Record<string, unknown>;
const metadataOf = (m: Manifest): Obj => (m.metadata !== null && typeof m.metadata === 'object' && !Array.isArray(m.metadata) ? (m.metadata as Obj) : {});

/** Where each parsed object came from (`file: document 3`), set by the loader. */
const origins = new WeakMap<Manifest, string>();
export function setOrigin(m: Manifest, where: string): void {
  origins.set(m, where);
}
export function originOf(m: Manifest): string | undefined {
  return origins.get(m);
}

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** `Sidecar.networking.istio.io c/s` — the identity the API server gives the object. */
export function identityOf(m: Manifest, defaultNamespace: string): string {
  const md = metadataOf(m);
  const api = typeof m.apiVersion === 'string' ? m.apiVersion : '';
  const group = api.includes('/') ? api.slice(0, api.indexOf('/')) : '';
  const kind = String(m.kind);
  const ns = isClusterScoped(kind) ? '' : typeof md.namespace === 'string' && md.namespace ? `${md.namespace}/` : `${defaultNamespace}/`;
  return `${group ? `${kind}.${group}` : kind} ${ns}${String(md.name ?? '')}`;
}

export interface Duplicate {
  identity: string;
  /** Origins (or positions) of every copy, in input order. */
  where: string[];
}

/** Objects given more than once. */
export function duplicateObjects(manifests: readonly Manifest[], defaultNamespace: string): Duplicate[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const m of manifests) {
    if (typeof m.kind !== 'string') continue;
    const id = identityOf(m, defaultNamespace);
    if (seen.has(id)) twice.add(id);
    else seen.add(id);
  }
  if (twice.size === 0) return [];
  const where = new Map<string, string[]>();
  manifests.forEach((m, i) => {
    if (typeof m.kind !== 'string') return;
    const id = identityOf(m, defaultNamespace);
    if (twice.has(id)) where.set(id, [...(where.get(id) ?? []), originOf(m) ?? `object ${i + 1}`]);
  });
  return [...where].map(([identity, w]) => ({ identity, where: w }));
}

/**
 * The objects as the API server would hold them: namespace-less namespaced objects placed in
 * `defaultNamespace`, and of an object given twice only the last copy. Warnings say what was done.
 */
export function normalizeObjects(manifests: readonly Manifest[], defaultNamespace: string): { manifests: Manifest[]; warnings: string[] } {
  const warnings: string[] = [];
  const placed: string[] = [];
  const out: Manifest[] = [];
  for (const m of manifests) {
    const md = metadataOf(m);
    if (typeof m.kind === 'string' && !isClusterScoped(m.kind) && !(typeof md.namespace === 'string' && md.namespace)) {
      placed.push(`${m.kind} ${String(md.name ?? '')}`);
      out.push({ ...m, metadata: { ...md, namespace: defaultNamespace } });
    } else out.push(m);
  }
  if (placed.length > 0) {
    const list = placed.length > 5 ? `${placed.slice(0, 5).join(', ')} and ${placed.length - 5} more` : placed.join(', ');
    warnings.push(
      `${placed.length} object(s) have no metadata.namespace and are taken to be in namespace ${defaultNamespace}, where kubectl apply / helm install put them without -n (--namespace sets another): ${list}`,
    );
  }
  const dups = duplicateObjects(out, defaultNamespace);
  if (dups.length === 0) return { manifests: out, warnings };
  const last = new Map<string, Manifest>();
  for (const m of out) if (typeof m.kind === 'string') last.set(identityOf(m, defaultNamespace), m);
  const dupIds = new Set(dups.map((d) => d.identity));
  for (const d of dups) warnings.push(`${d.identity} is given ${d.where.length} times; only the last copy is used, as kubectl apply would leave it (helm install refuses such a release)`);
  return { manifests: out.filter((m) => typeof m.kind !== 'string' || !dupIds.has(identityOf(m, defaultNamespace)) || last.get(identityOf(m, defaultNamespace)) === m), warnings };
}
