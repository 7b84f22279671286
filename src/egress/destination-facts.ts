/**
 * What a connection meets at a Service's endpoints: which workloads of the input back the
 * Service (selector ⊆ pod labels, replicas ≠ 0), else whether Endpoints or EndpointSlice objects
 * of the input list addresses for it (pods the input does not show, or, without a selector,
 * addresses outside the mesh); none of these is `unknown (needs endpoints)`. Then whether they have a sidecar, and what their PeerAuthentication
 * makes of a plaintext connection and of a client sidecar's auto mTLS (peer-authentication.ts).
 * Computed once per Service port and shared by every client.
 */
import type { ProxyKind } from './injection';
import type { ServiceModel, ServicePortModel } from './manifest-model';
import type { PeerAuthentications } from './peer-authentication';
import type { WorkloadModel } from './workload-model';

export type Verdict = { outcome: 'ok'; detail: string } | { outcome: 'mtls_reset'; detail: string } | { outcome: 'unknown'; needs: string; detail: string };
export type SidecarVerdict = { outcome: 'ok'; mtls: boolean | undefined; detail: string } | { outcome: 'unknown'; needs: string; detail: string };

export interface PortFacts {
  /** A plaintext connection (a client without sidecar, or PassthroughCluster). */
  plain: Verdict;
  /** A client sidecar's outbound cluster with auto mTLS (no DestinationRule TLS). */
  sidecar: SidecarVerdict;
  /** The endpoints are gateway proxies (the egress-gateway path), by workload. */
  gateways: WorkloadModel[];
  /** The backing workloads (for scopes and DestinationRule decisions). */
  workloads: WorkloadModel[];
}

export interface FactsContext {
  workloadsByNamespace: ReadonlyMap<string, readonly WorkloadModel[]>;
  proxyOf: (w: WorkloadModel) => ProxyKind;
  /** `<namespace>/<name>` of Services that have Endpoints/EndpointSlice addresses in the input. */
  endpointObjects: ReadonlySet<string>;
  peerAuth: PeerAuthentications;
}

function selects(sel: Record<string, string>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in sel) if (labels[k] !== sel[k]) return false;
  return true;
}

export function backingWorkloads(s: ServiceModel, ctx: FactsContext): WorkloadModel[] {
  if (!s.selector) return [];
  const sel = s.selector;
  return (ctx.workloadsByNamespace.get(s.namespace) ?? []).filter((w) => w.replicas !== 0 && selects(sel, w.labels));
}

/** Ports of a sidecar'd pod that are the proxy's own (admin, listeners, HBONE, status, DNS, Prometheus; `tools/istio-iptables/pkg/constants`). */
const ISTIO_PORTS = new Set([15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090]);

/** The verdicts of the common cases, shared (a 1,000-namespace mesh has thousands of Service ports). */
const NO_SIDECAR = { plain: { outcome: 'ok', detail: 'the endpoints have no sidecar' }, sidecar: { outcome: 'ok', mtls: false, detail: 'the endpoints have no sidecar: plaintext' } } as const;
const SIDECAR_PERMISSIVE = { plain: { outcome: 'ok', detail: 'no PeerAuthentication (PERMISSIVE)' }, sidecar: { outcome: 'ok', mtls: true, detail: 'auto mTLS (no PeerAuthentication)' } } as const;

function forWorkload(s: ServiceModel, p: ServicePortModel, w: WorkloadModel, proxy: ProxyKind, ctx: FactsContext): { plain: Verdict; sidecar: SidecarVerdict } {
  if (proxy === 'none') {
    const t = typeof p.targetPort === 'number' ? p.targetPort : w.containerPorts.get(p.targetPort);
    if (s.headless && t !== p.port) {
      const unknown = { outcome: 'unknown' as const, needs: 'headless port', detail: `${s.namespace}/${s.name} is headless: a client dials ${w.id} on port ${p.port}, but the Service maps it to ${t ?? p.targetPort}` };
      return { plain: unknown, sidecar: unknown };
    }
    return NO_SIDECAR;
  }
  if (proxy === 'gateway') {
    return {
      plain: { outcome: 'ok', detail: `${w.id} is a gateway` },
      sidecar: { outcome: 'unknown', needs: 'gateway', detail: `${w.id} is a gateway proxy; a sidecar's connection to it is not modelled` },
    };
  }
  const target = typeof p.targetPort === 'number' ? p.targetPort : w.containerPorts.get(p.targetPort);
  if (target === undefined) {
    const unknown = { outcome: 'unknown' as const, needs: 'target port', detail: `named targetPort "${p.targetPort}" of ${s.namespace}/${s.name} is not a container port of ${w.id}` };
    return { plain: unknown, sidecar: unknown };
  }
  if (s.headless && target !== p.port) {
    // A headless name resolves to the pod IPs and nothing maps ports: the client dials podIP:<port>,
    // where the pod listens on <targetPort> (Kubernetes "Headless Services"; Istio's cluster for it is
    // ORIGINAL_DST, `cluster.go` `convertResolution`).
    const unknown = { outcome: 'unknown' as const, needs: 'headless port', detail: `${s.namespace}/${s.name} is headless: a client dials ${w.id} on port ${p.port}, but the Service maps it to ${target}` };
    return { plain: unknown, sidecar: unknown };
  }
  if (ISTIO_PORTS.has(target)) {
    const unknown = { outcome: 'unknown' as const, needs: 'reserved port', detail: `${w.id}'s port ${target} is one Istio's proxy uses (15000-15090): inbound capture excludes or takes it` };
    return { plain: unknown, sidecar: unknown };
  }
  if (proxy === 'sidecar' && ctx.peerAuth.empty) return SIDECAR_PERMISSIVE;
  const asSidecar = (): { plain: Verdict; sidecar: SidecarVerdict } => {
    const order = ctx.peerAuth.undecided(w.namespace, w.labels) ?? (s.namespace === w.namespace ? null : ctx.peerAuth.undecided(s.namespace, {}));
    if (order) {
      const unknown = { outcome: 'unknown' as const, needs: 'PeerAuthentication creation order', detail: `${w.id}: ${order}` };
      return { plain: unknown, sidecar: unknown };
    }
    const { mode, by } = ctx.peerAuth.effective(w.namespace, w.labels, target);
    const plain: Verdict =
      mode === 'STRICT'
        ? { outcome: 'mtls_reset', detail: `${w.id} requires mTLS on port ${target} (STRICT: ${by})` }
        : { outcome: 'ok', detail: `${w.id} accepts plaintext on port ${target} (${mode}: ${by})` };
    // The cluster gets Istio mTLS unless the namespace/mesh mode is DISABLE; then each endpoint
    // uses it unless its own effective mode on that port is DISABLE (EDS `mtlsChecker`).
    const inferred = ctx.peerAuth.inferred(s.namespace);
    let sidecar: SidecarVerdict;
    if (inferred === 'DISABLE') {
      sidecar =
        mode === 'STRICT'
          ? { outcome: 'unknown', needs: 'PeerAuthentication', detail: `the client sends plaintext (namespace/mesh mode DISABLE) but ${w.id} port ${target} is STRICT (${by})` }
          : { outcome: 'ok', mtls: false, detail: `plaintext to ${w.id} (namespace/mesh DISABLE)` };
    } else {
      sidecar = mode === 'DISABLE' ? { outcome: 'ok', mtls: false, detail: `plaintext to ${w.id}: its port ${target} is DISABLE (${by})` } : { outcome: 'ok', mtls: true, detail: `auto mTLS to ${w.id} (${mode})` };
    }
    return { plain, sidecar };
  };
  if (proxy === 'sidecar') return asSidecar();
  // Unknown injection: decided only where having a sidecar or not would not change the outcome.
  const a = asSidecar();
  const plain: Verdict = a.plain.outcome === 'ok' ? { outcome: 'ok', detail: `${w.id} accepts plaintext with or without a sidecar` } : { outcome: 'unknown', needs: 'the destination injection', detail: `whether ${w.id} has a sidecar decides (${a.plain.detail})` };
  const sidecar: SidecarVerdict = a.sidecar.outcome === 'ok' ? { outcome: 'ok', mtls: undefined, detail: `${w.id}: the connection works with or without its sidecar (mTLS only with it)` } : { outcome: 'unknown', needs: 'the destination injection', detail: `whether ${w.id} has a sidecar decides` };
  return { plain, sidecar };
}

const noEndpoints = (s: ServiceModel): Verdict & SidecarVerdict => ({
  outcome: 'unknown',
  needs: 'endpoints',
  detail: s.selector
    ? `Service ${s.namespace}/${s.name} selects no running workload of the input (replicas 0, or its pods are elsewhere)`
    : `Service ${s.namespace}/${s.name} has no selector and no Endpoints in the input`,
});

/** The facts of one Service port. */
export function portFacts(s: ServiceModel, p: ServicePortModel, ctx: FactsContext): PortFacts {
  if (s.externalName) {
    // A CNAME to a name of the cluster (`svc.ns.svc.cluster.local`, a short name) lands on in-mesh
    // endpoints whose sidecar and PeerAuthentication this Service does not show.
    const target = s.externalTarget ?? '';
    if (!target.includes('.') || /\.(svc|cluster\.local)\.?$/.test(target) || target.includes('.svc.')) {
      const unknown = { outcome: 'unknown' as const, needs: 'the ExternalName target', detail: `ExternalName ${s.namespace}/${s.name} points at ${target || 'nothing'} inside the cluster` };
      return { plain: unknown, sidecar: unknown, gateways: [], workloads: [] };
    }
    return {
      plain: { outcome: 'ok', detail: `ExternalName ${s.namespace}/${s.name}: straight to its external name` },
      sidecar: { outcome: 'ok', mtls: false, detail: 'ExternalName: a DNS cluster, plaintext' },
      gateways: [],
      workloads: [],
    };
  }
  const workloads = backingWorkloads(s, ctx);
  if (workloads.length === 0) {
    if (ctx.endpointObjects.has(`${s.namespace}/${s.name}`)) {
      if (!s.selector && ctx.peerAuth.empty) {
        return { plain: { outcome: 'ok', detail: 'Endpoints of the input (addresses without a sidecar)' }, sidecar: { outcome: 'ok', mtls: false, detail: 'Endpoints: plaintext' }, gateways: [], workloads: [] };
      }
      // Pods the input does not show back the Service (its Endpoints say so): whether they have a
      // sidecar is unknown, which only matters when a PeerAuthentication could apply to them.
      if (!ctx.peerAuth.empty) {
        const unknown = { outcome: 'unknown' as const, needs: 'endpoints', detail: `the pods behind ${s.namespace}/${s.name} are not in the input, and PeerAuthentications exist` };
        return { plain: unknown, sidecar: unknown, gateways: [], workloads: [] };
      }
      return { plain: { outcome: 'ok', detail: `pods behind ${s.namespace}/${s.name} (its Endpoints), PERMISSIVE` }, sidecar: { outcome: 'ok', mtls: undefined, detail: 'pods not in the input' }, gateways: [], workloads: [] };
    }
    const none = noEndpoints(s);
    return { plain: none, sidecar: none, gateways: [], workloads: [] };
  }
  const each = workloads.map((w) => forWorkload(s, p, w, ctx.proxyOf(w), ctx));
  const gateways = workloads.filter((w) => ctx.proxyOf(w) === 'gateway');
  const agree = <T extends { outcome: string }>(list: T[], key: (t: T) => string): T | null => (list.every((x) => key(x) === key(list[0])) ? list[0] : null);
  const plain = agree(each.map((e) => e.plain), (v) => v.outcome) ?? { outcome: 'unknown' as const, needs: 'endpoints', detail: `the workloads behind ${s.namespace}/${s.name} differ (${each.map((e) => e.plain.detail).join('; ')})` };
  const sidecar = agree(each.map((e) => e.sidecar), (v) => `${v.outcome}${v.outcome === 'ok' ? v.mtls : ''}`) ?? { outcome: 'unknown' as const, needs: 'endpoints', detail: `the workloads behind ${s.namespace}/${s.name} differ` };
  return { plain, sidecar, gateways, workloads };
}
