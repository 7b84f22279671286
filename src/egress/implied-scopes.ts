/**
 * What objects the analyzer reads imply beyond themselves, as unknowns (object-kinds.ts scopes):
 *
 * - A Gateway API `Gateway` of class `istio` makes Istio deploy a Deployment and a Service
 *   `<name>-istio` with the listeners' ports and 15021 (`pilot/pkg/config/kube/gateway/
 *   deploymentcontroller.go`); when the input lacks that Service, a `*\/*` import would still
 *   see it, so probes on those ports are unknown. A Gateway of another class (a waypoint,
 *   another controller) is not modelled: every probe is unknown.
 * - `istio.io/use-waypoint` on a Service or Namespace sends traffic to it through a waypoint
 *   (ambient), which is not modelled.
 * - A Sidecar's `ingress` listeners change what its workloads accept (requests reaching them are
 *   unknown); its `outboundTrafficPolicy.egressProxy` replaces PassthroughCluster (its clients'
 *   requests are unknown). Neither is modelled.
 */
import type { GatewayApiObject } from './gateway-api';
import type { ServiceModel } from './manifest-model';
import type { UnreadScope } from './object-kinds';

type Obj = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The scope of a Sidecar object's unmodelled parts (`ingress`, `egressProxy`), if any. */
export function sidecarScopes(m: Record<string, unknown>): UnreadScope[] {
  const md = (m.metadata ?? {}) as Obj;
  const spec = (m.spec ?? {}) as Obj;
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const id = `Sidecar ${namespace}/${String(md.name ?? '')}`;
  const selector = ((spec.workloadSelector as Obj | undefined)?.labels ?? null) as Record<string, string> | null;
  const pods = [{ namespace, labels: selector && Object.keys(selector).length > 0 ? Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, String(v)])) : null }];
  const out: UnreadScope[] = [];
  if (arr(spec.ingress).length > 0) out.push({ what: `${id} (ingress listeners)`, needs: 'Sidecar ingress', to: pods });
  if ((spec.outboundTrafficPolicy as Obj | undefined)?.egressProxy) out.push({ what: `${id} (egressProxy)`, needs: 'egressProxy', from: pods });
  return out;
}

export function impliedScopes(gatewayApi: readonly GatewayApiObject[], services: readonly ServiceModel[], namespaces: ReadonlyMap<string, Record<string, string>>): UnreadScope[] {
  const out: UnreadScope[] = [];
  const serviceIds = new Set(services.map((s) => `${s.namespace}/${s.name}`));
  for (const g of gatewayApi) {
    if (g.kind !== 'Gateway') continue;
    if (g.spec.gatewayClassName !== 'istio') {
      out.push({ what: `${g.id} (class ${String(g.spec.gatewayClassName)})`, needs: 'Gateway', all: true });
    } else if (!serviceIds.has(`${g.namespace}/${g.name}-istio`)) {
      const ports = arr(g.spec.listeners).map((l) => (l as Obj).port).filter((p): p is number => typeof p === 'number');
      out.push({ what: `${g.id}, whose Service ${g.namespace}/${g.name}-istio is not in the input`, needs: "the Gateway's Service", ports: [...ports, 15021] });
    }
  }
  for (const s of services) {
    if (s.waypoint) out.push({ what: `Service ${s.namespace}/${s.name} (istio.io/use-waypoint)`, needs: 'waypoint', hosts: [s.fqdn] });
  }
  for (const [ns, labels] of namespaces) {
    if (labels['istio.io/use-waypoint'] !== undefined) out.push({ what: `namespace ${ns} (istio.io/use-waypoint)`, needs: 'waypoint', to: [{ namespace: ns, labels: null }], hosts: [`*.${ns}.svc.cluster.local`] });
  }
  return out;
}
