/**
 * VirtualServices (networking.istio.io) as a client sidecar applies them to one request
 * (istio/istio 1.27.0): which VirtualService is bound to the mesh for the host, and which of
 * its routes a `GET <path>` without extra headers takes.
 *
 * - Binding (`pilot/pkg/model/sidecar.go` `SidecarScope` virtual services,
 *   `pilot/pkg/model/virtualservice.go` `SelectVirtualServices`): visible to the client's
 *   namespace (`exportTo`, default `*`), `gateways` empty or containing `mesh`, a host equal to or
 *   covering the request host (short hosts are qualified with the VirtualService's namespace).
 *   Two VirtualServices for one host are reported as unknown (Istio keeps one by age).
 * - HTTP routes (`pilot/pkg/networking/core/route/route.go` `BuildHTTPRoutesForVirtualService`,
 *   `TranslateRouteMatch`): in order, the first whose match blocks (any of them; all conditions
 *   of one) hold: `port`, `gateways`, `sourceLabels`, `sourceNamespace`, `uri`/`method` exact or
 *   prefix; regex, headers, query parameters, `withoutHeaders` and `authority` are not decided
 *   (unknown). No route matching: Envoy's 404 (`NR`). `redirect` (default 301) and
 *   `directResponse` answer themselves; a `fault.abort` at 100 % answers its `httpStatus`; a
 *   route's single destination (or the one weighted 100) gives the cluster
 *   `outbound|<port>|<subset>|<host>`; `timeout` is reported.
 * - TLS and TCP routes (`tls.go`, `buildSidecarOutboundTLSFilterChainOpts`,
 *   `buildSidecarOutboundTCPFilterChainOpts`): the first TLS route whose `sniHosts` and `port`
 *   match, else the first TCP route whose `port` matches, else the service's default chain
 *   (`sourceLabels` and `sourceNamespace` are checked; subnet matches are not modelled).
 */
import { isVisibleTo, parseExportTo, type ExportTo } from './export-to';
import { qualifyHost } from './destination-rule';
import { hostServes } from './service-entry';
import type { Manifest } from './types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

export interface VirtualServiceModel {
  id: string;
  name: string;
  namespace: string;
  created: number;
  hosts: string[];
  /** `mesh` or `<namespace>/<gateway>` (short names qualified with the VirtualService's namespace); empty means `mesh` only. */
  gateways: string[];
  exportTo: ExportTo;
  http: Obj[];
  tls: Obj[];
  tcp: Obj[];
}

export function toVirtualService(m: Manifest): VirtualServiceModel {
  const md = obj(m.metadata) ?? {};
  const name = typeof md.name === 'string' ? md.name : '';
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const spec = obj(m.spec) ?? {};
  const created = typeof md.creationTimestamp === 'string' ? Date.parse(md.creationTimestamp) : 0;
  const exportTo = strs(spec.exportTo);
  return {
    id: `VirtualService ${namespace}/${name}`,
    name,
    namespace,
    created: Number.isNaN(created) ? 0 : created,
    hosts: strs(spec.hosts).map((h) => qualifyHost(h, namespace)),
    gateways: strs(spec.gateways).map((g) => qualifyGateway(g, namespace)),
    exportTo: parseExportTo(exportTo.length > 0 ? exportTo.join(',') : undefined, namespace),
    http: arr(spec.http).map((x) => obj(x) ?? {}),
    tls: arr(spec.tls).map((x) => obj(x) ?? {}),
    tcp: arr(spec.tcp).map((x) => obj(x) ?? {}),
  };
}

/** `mesh` stays; `gw` → `<namespace>/gw`. */
export const qualifyGateway = (g: string, namespace: string): string => (g === 'mesh' || g.includes('/') ? g : `${namespace}/${g}`);

/** Whether `vs` applies to the sidecars (`mesh`) or to the gateway `<ns>/<name>`. */
export const boundTo = (vs: VirtualServiceModel, context: string): boolean => (vs.gateways.length === 0 ? context === 'mesh' : vs.gateways.includes(context));

/** Whether a (possibly wildcard) rule host covers the concrete request host. */
export const ruleHostCovers = (ruleHost: string, host: string): boolean => ruleHost === host || ruleHost === '*' || hostServes(ruleHost, host);

export interface Request {
  host: string;
  port: number;
  tls: boolean;
  /** HTTP listener (routed by Host) or TCP (TLS / plain). */
  http: boolean;
  path: string;
  clientNamespace: string;
  clientLabels: Readonly<Record<string, string>>;
  /** `mesh` for a sidecar, `<namespace>/<gateway>` for a gateway. */
  context: string;
}

export type RouteResult =
  | { kind: 'default' }
  | { kind: 'unknown'; needs: string; why: string }
  | { kind: 'response'; status: number; why: string }
  | { kind: 'noRoute'; why: string }
  | { kind: 'destination'; host: string; subset: string | null; port: number | null; timeout?: string; why: string };

/** The mesh VirtualService for the request host, none, or why it cannot be told. */
export function selectVirtualService(all: readonly VirtualServiceModel[], r: Pick<Request, 'host' | 'clientNamespace' | 'context'>): VirtualServiceModel | null | { ambiguous: string } {
  // Validation rejects the host `*` on a VirtualService bound to the mesh (`validation.go`), so it never applies there.
  const bound = all.filter(
    (vs) =>
      boundTo(vs, r.context) &&
      (r.context !== 'mesh' || isVisibleTo(vs.exportTo, r.clientNamespace)) &&
      vs.hosts.some((h) => !(h === '*' && r.context === 'mesh') && ruleHostCovers(h, r.host)),
  );
  if (bound.length === 0) return null;
  if (bound.length > 1) return { ambiguous: `${bound.map((v) => v.id).join(' and ')} both bind ${r.host} to ${r.context}` };
  return bound[0];
}

type MatchVerdict = boolean | string;

function stringMatch(m: Obj | undefined, value: string, what: string): MatchVerdict {
  if (!m) return true;
  if (typeof m.exact === 'string') return m.exact === value;
  if (typeof m.prefix === 'string') return value.startsWith(m.prefix);
  return `a ${what} match other than exact or prefix`;
}

function matchBlock(m: Obj, r: Request, vs: VirtualServiceModel): MatchVerdict {
  if (typeof m.port === 'number' && m.port !== r.port) return false;
  const gateways = strs(m.gateways).map((g) => qualifyGateway(g, vs.namespace));
  if (gateways.length > 0 && !gateways.includes(r.context)) return false;
  const src = obj(m.sourceLabels);
  if (src) for (const [k, v] of Object.entries(src)) if (r.clientLabels[k] !== String(v)) return false;
  if (typeof m.sourceNamespace === 'string' && m.sourceNamespace !== r.clientNamespace) return false;
  for (const key of ['headers', 'queryParams', 'withoutHeaders', 'authority', 'scheme']) {
    if (m[key] !== undefined) return `a ${key} match`;
  }
  if (m.ignoreUriCase === true) return 'ignoreUriCase';
  const uri = stringMatch(obj(m.uri), r.path, 'uri');
  if (uri !== true) return uri;
  return stringMatch(obj(m.method), 'GET', 'method');
}

function routeMatches(route: Obj, r: Request, vs: VirtualServiceModel): MatchVerdict {
  const blocks = arr(route.match).map((x) => obj(x) ?? {});
  if (blocks.length === 0) return true;
  let undecided: string | null = null;
  for (const b of blocks) {
    const v = matchBlock(b, r, vs);
    if (v === true) return undecided ?? true;
    if (typeof v === 'string') undecided ??= v;
  }
  return undecided ?? false;
}

function single(route: Obj, vs: VirtualServiceModel): RouteResult {
  const dests = arr(route.route).map((x) => obj(x) ?? {});
  const live = dests.filter((d) => dests.length === 1 || typeof d.weight !== 'number' || d.weight > 0);
  if (live.length !== 1) return { kind: 'unknown', needs: 'weighted routes', why: `${vs.id} splits the route over ${live.length} destinations` };
  const d = obj(live[0].destination) ?? {};
  if (typeof d.host !== 'string') return { kind: 'unknown', needs: 'VirtualService', why: `${vs.id}: a route destination without a host` };
  const port = obj(d.port)?.number;
  return {
    kind: 'destination',
    host: qualifyHost(d.host, vs.namespace),
    subset: typeof d.subset === 'string' ? d.subset : null,
    port: typeof port === 'number' ? port : null,
    ...(typeof route.timeout === 'string' ? { timeout: route.timeout } : {}),
    why: `${vs.id}`,
  };
}

function httpAction(route: Obj, vs: VirtualServiceModel): RouteResult {
  if (route.delegate) return { kind: 'unknown', needs: 'VirtualService delegation', why: `${vs.id} delegates` };
  const redirect = obj(route.redirect);
  if (redirect) return { kind: 'response', status: typeof redirect.redirectCode === 'number' ? redirect.redirectCode : 301, why: `${vs.id} redirects` };
  const direct = obj(route.directResponse);
  if (direct) return { kind: 'response', status: Number(direct.status), why: `${vs.id} answers directly` };
  const fault = obj(route.fault);
  if (fault) {
    const abort = obj(fault.abort);
    const pct = (f: Obj | undefined) => obj(f?.percentage)?.value;
    if (abort) {
      if (pct(abort) === 100 && typeof abort.httpStatus === 'number') return { kind: 'response', status: abort.httpStatus, why: `${vs.id} aborts every request (fault)` };
      if (pct(abort) !== 0) return { kind: 'unknown', needs: 'fault injection', why: `${vs.id} aborts some requests` };
    }
    if (obj(fault.delay) && route.timeout !== undefined) return { kind: 'unknown', needs: 'fault injection', why: `${vs.id} delays requests and has a timeout` };
  }
  return single(route, vs);
}

/** The route a request takes through `vs`. */
export function routeRequest(vs: VirtualServiceModel, r: Request): RouteResult {
  if (r.http) {
    if (vs.http.length === 0) return { kind: 'unknown', needs: 'VirtualService', why: `${vs.id} has no HTTP routes for an HTTP request` };
    for (const route of vs.http) {
      const m = routeMatches(route, r, vs);
      if (typeof m === 'string') return { kind: 'unknown', needs: 'VirtualService match', why: `${vs.id}: ${m} is not modelled` };
      if (m) return httpAction(route, vs);
    }
    return { kind: 'noRoute', why: `${vs.id}: no HTTP route matches GET ${r.path}` };
  }
  // TLS routes first (by SNI), then TCP routes; none matching leaves the service's default chain.
  for (const [routes, bySni] of [[r.tls ? vs.tls : [], true], [vs.tcp, false]] as const) {
    for (const route of routes) {
      const blocks = arr(route.match).map((x) => obj(x) ?? {});
      const verdicts = blocks.length === 0 ? [true] : blocks.map((b): MatchVerdict => {
        if (typeof b.port === 'number' && b.port !== r.port) return false;
        const gateways = strs(b.gateways).map((g) => qualifyGateway(g, vs.namespace));
        if (gateways.length > 0 && !gateways.includes(r.context)) return false;
        const src = obj(b.sourceLabels);
        if (src && Object.entries(src).some(([k, v]) => r.clientLabels[k] !== String(v))) return false;
        if (typeof b.sourceNamespace === 'string' && b.sourceNamespace !== r.clientNamespace) return false;
        if (b.destinationSubnets || b.sourceSubnet) return 'a subnet match';
        return !bySni || strs(b.sniHosts).some((h) => ruleHostCovers(h.toLowerCase(), r.host));
      });
      const undecided = verdicts.find((v): v is string => typeof v === 'string');
      if (undecided) return { kind: 'unknown', needs: 'VirtualService match', why: `${vs.id}: ${undecided} is not modelled` };
      if (verdicts.includes(true)) return single(route, vs);
    }
  }
  return { kind: 'default' };
}
