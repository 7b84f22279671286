/**
 * PeerAuthentication (security.istio.io): the mutual-TLS mode a sidecar'd workload accepts on
 * a port, and the mode a client sidecar infers for a Service (istio/istio 1.27.0):
 *
 * - Effective mode (`pilot/pkg/security/authn/policy_applier.go` `ComposePeerAuthentication`,
 *   candidates from `pilot/pkg/model/authentication.go` `getConfigsForWorkload`): the oldest
 *   selector-less policy of the root namespace (mesh), of the workload's namespace, and the oldest
 *   policy there whose `selector.matchLabels` ⊆ the pod labels (workload; a selector policy in
 *   the root namespace is ignored). The narrowest set mode wins, `UNSET` inherits, a
 *   `portLevelMtls` entry (keyed by the workload's port, i.e. the Service targetPort) overrides
 *   the workload mode; none → PERMISSIVE.
 * - Inferred mode for auto mTLS (`push_context.go` `BestEffortInferServiceMTLSMode`,
 *   `authentication.go` `addPeerAuthentication`): only namespace and mesh policies; DISABLE gives
 *   the client's cluster no mTLS at all. Otherwise each endpoint with a sidecar gets Istio mTLS
 *   unless its own effective mode on its port is DISABLE (`pilot/pkg/xds/endpoints/mtls_checker.go`
 *   `checkMtlsEnabled`).
 */
import type { Manifest } from './types';
import { undecidedOrder } from './creation-order';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface PeerAuthenticationModel {
  id: string;
  namespace: string;
  created: number;
  timestamped: boolean;
  name: string;
  /** null: namespace- or mesh-wide (no selector, or empty matchLabels). */
  selector: Record<string, string> | null;
  /** null: UNSET (inherit). */
  mode: MtlsMode | null;
  ports: Map<number, MtlsMode | null>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

function modeOf(v: unknown, warn: (m: string) => void, where: string): MtlsMode | null {
  const mode = obj(v)?.mode;
  if (mode === undefined || mode === 'UNSET') return null;
  if (mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE') return mode;
  warn(`${where}: mtls mode ${String(mode)} is not valid (Istio rejects it); treated as UNSET`);
  return null;
}

export function toPeerAuthentication(m: Manifest, warn: (m: string) => void): PeerAuthenticationModel {
  const md = obj(m.metadata) ?? {};
  const name = typeof md.name === 'string' ? md.name : '';
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const id = `PeerAuthentication ${namespace}/${name}`;
  const spec = obj(m.spec) ?? {};
  const labels = obj(obj(spec.selector)?.matchLabels);
  const selector = labels && Object.keys(labels).length > 0 ? Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) : null;
  const ports = new Map<number, MtlsMode | null>();
  for (const [port, v] of Object.entries(obj(spec.portLevelMtls) ?? {})) ports.set(Number(port), modeOf(v, warn, `${id} port ${port}`));
  if (ports.size > 0 && !selector) warn(`${id}: portLevelMtls needs a selector (Istio rejects it); ignored`);
  const created = typeof md.creationTimestamp === 'string' ? Date.parse(md.creationTimestamp) : 0;
  return { id, namespace, name, created: Number.isNaN(created) ? 0 : created, timestamped: typeof md.creationTimestamp === 'string' && !Number.isNaN(created), selector, mode: modeOf(spec.mtls, warn, id), ports: selector ? ports : new Map() };
}

const olderFirst = (a: PeerAuthenticationModel, b: PeerAuthenticationModel): number =>
  a.created !== b.created ? a.created - b.created : `${a.name}.${a.namespace}` < `${b.name}.${b.namespace}` ? -1 : 1;

function subset(selector: Record<string, string>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export class PeerAuthentications {
  private readonly wide = new Map<string, PeerAuthenticationModel>();
  private readonly selected = new Map<string, PeerAuthenticationModel[]>();

  private readonly all: readonly PeerAuthenticationModel[];

  constructor(
    policies: readonly PeerAuthenticationModel[],
    private readonly rootNamespace: string,
  ) {
    this.all = policies;
    for (const p of [...policies].sort(olderFirst)) {
      if (p.selector === null) {
        if (!this.wide.has(p.namespace)) this.wide.set(p.namespace, p);
      } else if (p.namespace !== rootNamespace) {
        const list = this.selected.get(p.namespace) ?? [];
        list.push(p);
        this.selected.set(p.namespace, list);
      }
    }
  }

  /**
   * Why the policy that applies to this workload is not decided by the input: several
   * namespace-wide (or mesh-wide) policies, or several selector policies matching the pod, that
   * differ and lack creation timestamps (creation-order.ts). Null when decided.
   */
  undecided(namespace: string, labels: Readonly<Record<string, string>>): string | null {
    const same = (a: PeerAuthenticationModel, b: PeerAuthenticationModel): boolean => a.mode === b.mode && JSON.stringify([...a.ports]) === JSON.stringify([...b.ports]);
    const pick = (list: PeerAuthenticationModel[]) => undecidedOrder([...list].sort(olderFirst), same);
    return (
      pick(this.all.filter((p) => p.selector === null && p.namespace === this.rootNamespace)) ??
      (namespace === this.rootNamespace ? null : pick(this.all.filter((p) => p.selector === null && p.namespace === namespace))) ??
      pick((this.selected.get(namespace) ?? []).filter((p) => subset(p.selector as Record<string, string>, labels)))
    );
  }

  get empty(): boolean {
    return this.wide.size === 0 && this.selected.size === 0;
  }

  /** The mode a sidecar'd workload enforces on `port` (its container port), with the policy that set it. */
  effective(namespace: string, labels: Readonly<Record<string, string>>, port: number): { mode: MtlsMode; by: string } {
    let mode: MtlsMode = 'PERMISSIVE';
    let by = 'no PeerAuthentication (Istio default PERMISSIVE)';
    const apply = (p: PeerAuthenticationModel | undefined, m: MtlsMode | null | undefined, what: string) => {
      if (p && m) {
        mode = m;
        by = `${p.id}${what}`;
      }
    };
    const mesh = this.wide.get(this.rootNamespace);
    apply(mesh, mesh?.mode, ' (mesh-wide)');
    const ns = namespace === this.rootNamespace ? undefined : this.wide.get(namespace);
    apply(ns, ns?.mode, ' (namespace-wide)');
    const workload = (this.selected.get(namespace) ?? []).find((p) => subset(p.selector as Record<string, string>, labels));
    apply(workload, workload?.mode, '');
    if (workload?.ports.has(port)) apply(workload, workload.ports.get(port) ?? mode, ` (port ${port})`);
    return { mode, by };
  }

  /** What a client sidecar infers for a Service of `namespace`: DISABLE means it sends plaintext. */
  inferred(namespace: string): MtlsMode {
    const mesh = this.wide.get(this.rootNamespace);
    const meshMode: MtlsMode = mesh ? (mesh.mode ?? 'PERMISSIVE') : 'PERMISSIVE';
    const ns = namespace === this.rootNamespace ? undefined : this.wide.get(namespace);
    return ns ? (ns.mode ?? meshMode) : meshMode;
  }
}
