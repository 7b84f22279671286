/**
 * Gateway API routes (gateway.networking.k8s.io) as Istio applies them (istio/istio 1.27.0,
 * `pilot/pkg/config/kube/gateway/conversion.go`): an `HTTPRoute` or `TLSRoute` whose parent is a
 * Service or a ServiceEntry (`group: networking.istio.io`) routes the mesh's traffic to that
 * host (GAMMA); one whose parent is a `Gateway` configures that gateway's deployment
 * (`<gateway>-istio`, `deploymentcontroller.go`). Rules are taken in order; a rule matches a
 * `GET <path>` when one of its matches has only a `path` (Exact / PathPrefix) and `method` GET;
 * header and query matches are not decided. A single `backendRef` (kind Service, or
 * `Hostname` of group networking.istio.io) is the destination; `timeouts.request` is the route
 * timeout; a `RequestRedirect` filter answers (302 unless `statusCode`).
 */
import { CLUSTER_DOMAIN, type Manifest } from './types';
import { ruleHostCovers, type RouteResult } from './virtual-service';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface GatewayApiObject {
  kind: string;
  name: string;
  namespace: string;
  id: string;
  spec: Obj;
}

export function toGatewayApiObject(m: Manifest): GatewayApiObject {
  const md = obj(m.metadata) ?? {};
  const name = typeof md.name === 'string' ? md.name : '';
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  return { kind: String(m.kind), name, namespace, id: `${String(m.kind)} ${namespace}/${name}`, spec: obj(m.spec) ?? {} };
}

export interface ParentRef {
  kind: 'Service' | 'ServiceEntry' | 'Gateway' | 'other';
  name: string;
  namespace: string;
  port?: number;
}

export function parentRefs(route: GatewayApiObject): ParentRef[] {
  return arr(route.spec.parentRefs).map((raw) => {
    const p = obj(raw) ?? {};
    const group = typeof p.group === 'string' ? p.group : 'gateway.networking.k8s.io';
    const kindRaw = typeof p.kind === 'string' ? p.kind : 'Gateway';
    const kind: ParentRef['kind'] =
      kindRaw === 'Service' && (group === '' || group === 'core') ? 'Service'
      : kindRaw === 'ServiceEntry' && group === 'networking.istio.io' ? 'ServiceEntry'
      : kindRaw === 'Gateway' && group === 'gateway.networking.k8s.io' ? 'Gateway'
      : 'other';
    return { kind, name: String(p.name ?? ''), namespace: typeof p.namespace === 'string' ? p.namespace : route.namespace, ...(typeof p.port === 'number' ? { port: p.port } : {}) };
  });
}

export const hostnames = (route: GatewayApiObject): string[] => arr(route.spec.hostnames).filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());

/**
 * Whether a ReferenceGrant in `namespace` lets routes of `route`'s kind and namespace refer to
 * the Service `name` there (Gateway API: a cross-namespace backendRef needs one, else the
 * route's rule is not programmed).
 */
function granted(all: readonly GatewayApiObject[], route: GatewayApiObject, namespace: string, name: string): boolean {
  return all.some((g) => {
    if (g.kind !== 'ReferenceGrant' || g.namespace !== namespace) return false;
    const from = arr(g.spec.from).some((f) => obj(f)?.kind === route.kind && obj(f)?.namespace === route.namespace);
    const to = arr(g.spec.to).some((t) => obj(t)?.kind === 'Service' && (obj(t)?.group ?? '') === '' && (obj(t)?.name === undefined || obj(t)?.name === name));
    return from && to;
  });
}

/** The host a backendRef names, with its port; null for kinds not modelled, 'denied' for a cross-namespace reference without ReferenceGrant. */
function backendHost(route: GatewayApiObject, ref: Obj, all: readonly GatewayApiObject[]): { host: string; port: number | null } | null | 'denied' {
  const kind = typeof ref.kind === 'string' ? ref.kind : 'Service';
  const group = typeof ref.group === 'string' ? ref.group : '';
  const port = typeof ref.port === 'number' ? ref.port : null;
  if (kind === 'Service' && group === '') {
    const ns = typeof ref.namespace === 'string' ? ref.namespace : route.namespace;
    if (ns !== route.namespace && !granted(all, route, ns, String(ref.name))) return 'denied';
    return { host: `${String(ref.name)}.${ns}.svc.${CLUSTER_DOMAIN}`, port };
  }
  if (kind === 'Hostname' && group === 'networking.istio.io') return { host: String(ref.name).toLowerCase(), port };
  return null;
}

function pathMatch(m: Obj, path: string): boolean | string {
  if (arr(m.headers).length > 0 || arr(m.queryParams).length > 0) return 'a header or query match';
  if (typeof m.method === 'string' && m.method !== 'GET') return false;
  const p = obj(m.path);
  if (!p) return true;
  const type = typeof p.type === 'string' ? p.type : 'PathPrefix';
  const value = typeof p.value === 'string' ? p.value : '/';
  if (type === 'Exact') return path === value;
  if (type === 'PathPrefix') return value === '/' || path === value || path.startsWith(value.endsWith('/') ? value : `${value}/`);
  return `a ${type} path match`;
}

/** The route a `GET <path>` for `host` takes through an HTTPRoute or TLSRoute. */
export function routeThrough(route: GatewayApiObject, host: string, path: string, http: boolean, all: readonly GatewayApiObject[] = []): RouteResult {
  const names = hostnames(route);
  if (names.length > 0 && !names.some((h) => ruleHostCovers(h, host))) return { kind: 'default' };
  for (const rawRule of arr(route.spec.rules)) {
    const rule = obj(rawRule) ?? {};
    const matches = arr(rule.matches).map((x) => obj(x) ?? {});
    if (http && matches.length > 0) {
      const verdicts = matches.map((m) => pathMatch(m, path));
      const undecided = verdicts.find((v): v is string => typeof v === 'string');
      if (undecided && !verdicts.includes(true)) return { kind: 'unknown', needs: 'HTTPRoute match', why: `${route.id}: ${undecided} is not modelled` };
      if (!verdicts.includes(true)) continue;
    }
    for (const rawFilter of arr(rule.filters)) {
      const f = obj(rawFilter) ?? {};
      if (f.type === 'RequestRedirect') return { kind: 'response', status: typeof obj(f.requestRedirect)?.statusCode === 'number' ? Number(obj(f.requestRedirect)?.statusCode) : 302, why: `${route.id} redirects` };
      if (f.type !== 'RequestHeaderModifier' && f.type !== 'ResponseHeaderModifier' && f.type !== 'URLRewrite' && f.type !== 'RequestMirror') {
        return { kind: 'unknown', needs: 'HTTPRoute filter', why: `${route.id}: filter ${String(f.type)} is not modelled` };
      }
    }
    const all0 = arr(rule.backendRefs).map((x) => obj(x) ?? {});
    // Istio's conversion answers 500 itself when no backend has weight > 0 (weight defaults to 1)
    // and no redirect applies (conversion.go `weightSum(r.BackendRefs) == 0 && vs.Redirect == nil`).
    if (http && all0.reduce((sum, r) => sum + (typeof r.weight === 'number' ? r.weight : 1), 0) === 0) {
      return { kind: 'response', status: 500, why: `${route.id}: no backend with weight > 0 (Istio answers 500, as the Gateway API spec asks)` };
    }
    const refs = all0.filter((r) => typeof r.weight !== 'number' || r.weight > 0);
    if (refs.length !== 1) return { kind: 'unknown', needs: 'weighted routes', why: `${route.id} has ${refs.length} backends in the rule` };
    const backend = backendHost(route, refs[0], all);
    if (backend === 'denied') return { kind: 'unknown', needs: 'ReferenceGrant', why: `${route.id} refers to a Service of another namespace without a ReferenceGrant (the rule is not programmed)` };
    if (!backend) return { kind: 'unknown', needs: 'HTTPRoute backend', why: `${route.id}: backend kind ${String(refs[0].kind)} is not modelled` };
    const timeout = obj(rule.timeouts)?.request;
    return { kind: 'destination', host: backend.host, subset: null, port: backend.port, ...(typeof timeout === 'string' ? { timeout } : {}), why: route.id };
  }
  return http ? { kind: 'noRoute', why: `${route.id}: no rule matches GET ${path}` } : { kind: 'unknown', needs: 'TLSRoute', why: `${route.id}: no rule` };
}
