/**
 * The gateway leg of the egress-gateway path: a client sidecar's route sends the request to a
 * Service whose endpoints are gateway proxies; what does the gateway do with it? (istio/istio
 * 1.27.0; README.md "Egress gateway".)
 *
 * - Istio API (`pilot/pkg/networking/core/gateway.go` `buildGatewayListeners`,
 *   `buildGatewayHTTPRouteConfig`, `buildGatewayNetworkFiltersFromTLSRoutes`): Gateways whose
 *   `selector` ⊆ the gateway pod's labels, a server on the Service port; `HTTP` servers route by
 *   Host through the VirtualServices bound to that Gateway (`<ns>/<name>`), `HTTPS` servers with
 *   `tls.mode: ISTIO_MUTUAL` do so after terminating the sidecar's Istio mTLS (a DestinationRule
 *   must make the sidecar originate it), `TLS`/`HTTPS` servers with `PASSTHROUGH` route by SNI
 *   through the VirtualServices' `tls` routes. The server's `hosts` must cover the host.
 * - Gateway API (`pilot/pkg/config/kube/gateway/conversion.go`): the Gateway named by the pod's
 *   `gateway.networking.k8s.io/gateway-name` label, a listener on the port whose `hostname` covers
 *   the host; HTTP listeners (and HTTPS with `gateway.istio.io/tls-terminate-mode: ISTIO_MUTUAL`)
 *   route through HTTPRoutes whose parent is that Gateway, TLS `Passthrough` listeners through
 *   TLSRoutes.
 *
 * The gateway's destination must be a host of the registry visible to the gateway's namespace;
 * its cluster is `outbound|<port>|<subset>|<host>`. A DestinationRule may make the gateway
 * originate TLS (SIMPLE or MUTUAL) to an external host; ISTIO_MUTUAL there is not modelled.
 */
import { parentRefs, routeThrough, type GatewayApiObject } from './gateway-api';
import { tlsModeFor, type DestinationRules, type TlsMode } from './destination-rule';
import { ruleHostCovers, routeRequest, selectVirtualService, type RouteResult, type VirtualServiceModel } from './virtual-service';
import type { WorkloadModel } from './workload-model';
import type { Manifest } from './types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface Server {
  port: number;
  protocol: string;
  hosts: string[];
  tlsMode: string | null;
}

export interface IstioGatewayModel {
  id: string;
  name: string;
  namespace: string;
  selector: Record<string, string>;
  servers: Server[];
}

export function toIstioGateway(m: Manifest): IstioGatewayModel {
  const md = obj(m.metadata) ?? {};
  const name = typeof md.name === 'string' ? md.name : '';
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const spec = obj(m.spec) ?? {};
  const selector: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(spec.selector) ?? {})) selector[k] = String(v);
  const servers = arr(spec.servers).map((raw) => {
    const s = obj(raw) ?? {};
    const port = obj(s.port) ?? {};
    const mode = obj(s.tls)?.mode;
    return {
      port: typeof port.number === 'number' ? port.number : 0,
      protocol: typeof port.protocol === 'string' ? port.protocol.toUpperCase() : '',
      hosts: arr(s.hosts).map((h) => String(h).toLowerCase()),
      tlsMode: typeof mode === 'string' ? mode : null,
    };
  });
  return { id: `Gateway ${namespace}/${name}`, name, namespace, selector, servers };
}

export interface GatewayContext {
  istioGateways: readonly IstioGatewayModel[];
  virtualServices: readonly VirtualServiceModel[];
  gatewayApi: readonly GatewayApiObject[];
  destinationRules: DestinationRules;
  /** Whether `host:port` is a registry host the gateway's namespace sees, and its registry namespace. */
  registryHost: (host: string, port: number, fromNamespace: string) => { namespace: string } | null;
  /** Labels of a Namespace object of the input (undefined: not in the input). */
  namespaceLabels?: (namespace: string) => Readonly<Record<string, string>> | undefined;
}

export interface GatewayRequest {
  host: string;
  tls: boolean;
  path: string;
}

export type GatewayOutcome = { ok: true; cluster: string; why: string } | { ok: false; needs: string; why: string };

const unknown = (why: string, needs = 'egress gateway'): GatewayOutcome => ({ ok: false, needs, why });

/**
 * `ns/host`, `*\/host` or `host` (any namespace) covering the request host; with `vsNamespace`,
 * only the hosts a VirtualService of that namespace may bind (`.` is the Gateway's namespace;
 * `pilot/pkg/networking/core/gateway.go` `host.NamesForNamespace(server.Hosts, virtualService.Namespace)`).
 */
function serverCovers(hosts: readonly string[], host: string, vsNamespace: string | null, gatewayNamespace = ''): boolean {
  return hosts.some((h) => {
    const slash = h.indexOf('/');
    const ns = slash < 0 ? '*' : h.slice(0, slash);
    const name = slash < 0 ? h : h.slice(slash + 1);
    return (vsNamespace === null || ns === '*' || ns === vsNamespace || (ns === '.' && vsNamespace === gatewayNamespace)) && ruleHostCovers(name, host);
  });
}

function destination(route: RouteResult, port: number, gatewayNs: string, ctx: GatewayContext, what: string): GatewayOutcome {
  if (route.kind === 'unknown') return unknown(route.why, route.needs);
  if (route.kind !== 'destination') return unknown(`${what}: the gateway answers itself or has no route (${route.kind})`);
  const destPort = route.port ?? port;
  const registry = ctx.registryHost(route.host, destPort, gatewayNs);
  if (!registry) return unknown(`${what}: ${route.host}:${destPort} is not a registry host the gateway in ${gatewayNs} sees`);
  const rule = ctx.destinationRules.choose(route.host, registry.namespace, gatewayNs, {});
  if ('unknown' in rule) return unknown(rule.unknown, 'DestinationRule');
  const tls: TlsMode | null = rule.rule ? tlsModeFor(rule.rule, destPort, route.subset) : null;
  if (tls === 'ISTIO_MUTUAL') return unknown(`${what}: the gateway would send Istio mTLS to ${route.host}`, 'DestinationRule TLS');
  const cluster = `outbound|${destPort}|${route.subset ?? ''}|${route.host}`;
  const origination = tls === 'SIMPLE' || tls === 'MUTUAL' ? `, originating TLS (${rule.rule?.id})` : '';
  return { ok: true, cluster, why: `${what} → ${cluster}${origination}` };
}

function throughIstioGateway(pod: WorkloadModel, servicePort: number, r: GatewayRequest, sidecarTls: TlsMode | null, ctx: GatewayContext): GatewayOutcome | null {
  const gateways = ctx.istioGateways.filter((g) => Object.keys(g.selector).length > 0 && Object.entries(g.selector).every(([k, v]) => pod.labels[k] === v));
  if (gateways.length === 0) return null;
  const servers = gateways.flatMap((g) => g.servers.filter((s) => s.port === servicePort && serverCovers(s.hosts, r.host, null)).map((s) => ({ g, s })));
  if (servers.length !== 1) return unknown(`${servers.length} Gateway servers of ${pod.id} on port ${servicePort} cover ${r.host}`);
  const { g, s } = servers[0];
  const context = `${g.namespace}/${g.name}`;
  const plainHttp = s.protocol === 'HTTP' || s.protocol === 'HTTP2';
  const istioMtls = s.protocol === 'HTTPS' && s.tlsMode === 'ISTIO_MUTUAL';
  const passthrough = (s.protocol === 'TLS' || s.protocol === 'HTTPS') && s.tlsMode === 'PASSTHROUGH';
  if (plainHttp && sidecarTls !== null && sidecarTls !== 'DISABLE') return unknown(`${g.id} serves plain HTTP on ${servicePort} but the sidecar originates ${sidecarTls}`);
  if (istioMtls && sidecarTls !== 'ISTIO_MUTUAL') return unknown(`${g.id} expects Istio mTLS on ${servicePort}; the sidecar's DestinationRule does not originate it`);
  if (!plainHttp && !istioMtls && !passthrough) return unknown(`${g.id}: server protocol ${s.protocol} with TLS mode ${s.tlsMode ?? 'none'} is not modelled`);
  if ((plainHttp || istioMtls) && r.tls) return unknown(`${g.id}: a TLS request to an HTTP server`);
  if (passthrough && !r.tls) return unknown(`${g.id}: a plaintext request to a TLS passthrough server`);
  const vs = selectVirtualService(ctx.virtualServices, { host: r.host, clientNamespace: g.namespace, context });
  if (vs === null) return unknown(`no VirtualService bound to ${context} covers ${r.host}`);
  if ('ambiguous' in vs) return unknown(vs.ambiguous);
  if (!serverCovers(s.hosts, r.host, vs.namespace, g.namespace)) {
    return unknown(`${g.id}: no server host of ${s.hosts.join(', ')} admits ${vs.id} (namespace ${vs.namespace}), so it is not bound and the gateway has no route for ${r.host} (404 NR)`);
  }
  const route = routeRequest(vs, { host: r.host, port: servicePort, tls: passthrough, http: !passthrough, path: r.path, clientNamespace: g.namespace, clientLabels: pod.labels, context });
  return destination(route, servicePort, pod.namespace, ctx, `${g.id} (${s.protocol} ${servicePort}) and ${vs.id}`);
}

function throughGatewayApi(pod: WorkloadModel, servicePort: number, r: GatewayRequest, sidecarTls: TlsMode | null, ctx: GatewayContext): GatewayOutcome | null {
  const name = pod.labels['gateway.networking.k8s.io/gateway-name'];
  if (name === undefined) return null;
  const gw = ctx.gatewayApi.find((o) => o.kind === 'Gateway' && o.name === name && o.namespace === pod.namespace);
  if (!gw) return unknown(`the Gateway ${pod.namespace}/${name} of ${pod.id} is not in the input`);
  const listeners = arr(gw.spec.listeners).map((x) => obj(x) ?? {}).filter((l) => l.port === servicePort && (typeof l.hostname !== 'string' || ruleHostCovers(l.hostname.toLowerCase(), r.host)));
  if (listeners.length !== 1) return unknown(`${listeners.length} listeners of ${gw.id} on port ${servicePort} cover ${r.host}`);
  const l = listeners[0];
  const tls = obj(l.tls) ?? {};
  const terminateMode = obj(tls.options)?.['gateway.istio.io/tls-terminate-mode'];
  const http = l.protocol === 'HTTP';
  const istioMtls = l.protocol === 'HTTPS' && tls.mode === 'Terminate' && terminateMode === 'ISTIO_MUTUAL';
  const passthrough = l.protocol === 'TLS' && tls.mode === 'Passthrough';
  if (http && sidecarTls !== null && sidecarTls !== 'DISABLE') return unknown(`${gw.id} listens for plain HTTP on ${servicePort} but the sidecar originates ${sidecarTls}`);
  if (istioMtls && sidecarTls !== 'ISTIO_MUTUAL') return unknown(`${gw.id} expects Istio mTLS on ${servicePort}; the sidecar's DestinationRule does not originate it`);
  if (!http && !istioMtls && !passthrough) return unknown(`${gw.id}: listener ${String(l.protocol)} is not modelled`);
  if ((http || istioMtls) === r.tls) return unknown(`${gw.id}: the request's TLS does not fit the listener`);
  const kind = passthrough ? 'TLSRoute' : 'HTTPRoute';
  const attached = ctx.gatewayApi.filter((o) => o.kind === kind && parentRefs(o).some((p) => p.kind === 'Gateway' && p.name === name && p.namespace === gw.namespace));
  // The listener's allowedRoutes (default: routes of the Gateway's namespace; `conversion.go`
  // `namespacesFromSelector` for a selector) and kinds decide which routes attach.
  const allowed = obj(l.allowedRoutes) ?? {};
  const from = obj(allowed.namespaces)?.from ?? 'Same';
  const kinds = arr(allowed.kinds).map((k) => obj(k)?.kind);
  if (kinds.length > 0 && !kinds.includes(kind)) return unknown(`${gw.id}: the listener on ${servicePort} allows only ${kinds.join(', ')}`);
  const routes: GatewayApiObject[] = [];
  for (const o of attached) {
    if (from === 'All' || (from === 'Same' && o.namespace === gw.namespace)) routes.push(o);
    else if (from === 'Selector') {
      const labels = ctx.namespaceLabels?.(o.namespace);
      if (labels === undefined) return unknown(`${gw.id}: whether the listener's namespace selector admits ${o.id} depends on namespace ${o.namespace}'s labels, which the input does not show`);
      const sel = obj(obj(allowed.namespaces)?.selector) ?? {};
      if (arr(sel.matchExpressions).length > 0) return unknown(`${gw.id}: a namespace selector with matchExpressions is not modelled`);
      if (Object.entries(obj(sel.matchLabels) ?? {}).every(([k, v]) => labels[k] === String(v))) routes.push(o);
    } else if (from !== 'Same') return unknown(`${gw.id}: allowedRoutes from ${String(from)} is not modelled`);
  }
  const results = routes.map((o) => ({ o, route: routeThrough(o, r.host, r.path, !passthrough, ctx.gatewayApi) })).filter((x) => x.route.kind !== 'default');
  if (results.length !== 1) return unknown(`${results.length} ${kind}s of ${gw.id} cover ${r.host}`);
  return destination(results[0].route, servicePort, pod.namespace, ctx, `${gw.id} and ${results[0].o.id}`);
}

/** What the gateway pods behind a Service do with the request on `servicePort`. */
export function throughGateway(pods: readonly WorkloadModel[], servicePort: number, r: GatewayRequest, sidecarTls: TlsMode | null, ctx: GatewayContext): GatewayOutcome {
  const outcomes = pods.map((pod) => throughGatewayApi(pod, servicePort, r, sidecarTls, ctx) ?? throughIstioGateway(pod, servicePort, r, sidecarTls, ctx) ?? unknown(`no Gateway selects ${pod.id}`));
  const first = outcomes[0];
  if (!first) return unknown('no gateway pod');
  return outcomes.every((o) => JSON.stringify(o) === JSON.stringify(first)) ? first : unknown('the gateway pods behind the Service are configured differently');
}
