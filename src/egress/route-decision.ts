/**
 * A client sidecar's decision for one destination, after the listener tables: the route the
 * request takes (a mesh VirtualService, a Gateway API route, or the default route to the host),
 * the DestinationRule of the cluster it lands on (subset, TLS origination, mTLS), what the
 * endpoints do with it (PeerAuthentication, the egress gateway), DNS, and the unread objects
 * that could change it. Everything the model does not cover ends as `unknown (needs X)`.
 */
import type { DestinationRules } from './destination-rule';
import { tlsModeFor } from './destination-rule';
import { addressCovers, isCidrRange, isIpv4 } from './address';
import { isVisibleTo } from './export-to';
import { needsDns, type Resolver } from './dns';
import { throughGateway, type GatewayContext } from './egress-gateway';
import type { PortFacts } from './destination-facts';
import { parentRefs, routeThrough, type GatewayApiObject } from './gateway-api';
import { listenerForRoute, vipKey, type ListenerTable } from './listener-table';
import { servedOn } from './external-decision';
import { hostsImport } from './host-matcher';
import type { Decision, Destination } from './probe-decision';
import type { ServiceIndex } from './service-index';
import type { ExternalServiceModel } from './service-entry';
import type { SidecarScope } from './sidecar-scope';
import { routeRequest, ruleHostCovers, selectVirtualService, type RouteResult, type VirtualServiceModel } from './virtual-service';
import type { WorkloadModel } from './workload-model';

export interface RouteContext {
  index: ServiceIndex;
  externals: readonly ExternalServiceModel[];
  virtualServices: readonly VirtualServiceModel[];
  gatewayApi: readonly GatewayApiObject[];
  destinationRules: DestinationRules;
  resolver: Resolver;
  gateway: GatewayContext;
  facts: (serviceIndex: number, port: number) => PortFacts | null;
  /** `<namespace>/<name>` of the Secrets of the input. */
  secrets: ReadonlySet<string>;
  /** Istio ≥ 1.23: HTTP outbound listeners are not built on Envoy's reserved ports. */
  reservedListenerPorts: boolean;
  /** EgressOptions.ignoreCidrEntries. */
  ignoreCidrEntries?: boolean;
  /** An unread object that could change a request reaching these workloads or this host, if any. */
  unreadTo: (workloads: readonly WorkloadModel[], host: string) => { needs: string; what: string } | null;
  /** An object that could add a listener on this port (any sidecar probe on it). */
  unreadOnPort: (port: number) => { needs: string; what: string } | null;
}

export const unknown = (needs: string, reason: string): Decision => ({ outcome: 'unknown', via: `unknown (needs ${needs})`, reason });

/** The registry host a cluster name serves (`outbound|80||httpbin.org` → httpbin.org). */
const clusterHost = (cluster: string | undefined): string | null => (cluster?.startsWith('outbound|') ? cluster.split('|')[3] : null);

/** Gateway API routes of the request's kind (HTTPRoute for HTTP, TLSRoute for TLS) whose parent is the Service or ServiceEntry of `host`. */
function meshRoutes(ctx: RouteContext, host: string, port: number, tls: boolean): GatewayApiObject[] {
  const kind = tls ? 'TLSRoute' : 'HTTPRoute';
  return ctx.gatewayApi.filter((o) => {
    if (o.kind !== kind) return false;
    return parentRefs(o).some((p) => {
      if (p.port !== undefined && p.port !== port) return false;
      if (p.kind === 'Service') return `${p.name}.${p.namespace}.svc.cluster.local` === host;
      if (p.kind === 'ServiceEntry') return ctx.externals.some((e) => e.id === `${p.namespace}/${p.name}` && e.host === host);
      return false;
    });
  });
}

/**
 * The mesh VirtualServices the client's egress listener for the port imports: a Sidecar's hosts
 * import VirtualServices by namespace and host like Services (`sidecar.go` `selectVirtualServices`).
 */
function importedVirtualServices(ctx: RouteContext, scope: SidecarScope, port: number): VirtualServiceModel[] {
  const listener = listenerForRoute(scope.listeners, port);
  if (!listener) return [];
  return ctx.virtualServices.filter((vs) => vs.hosts.some((h) => hostsImport(listener.hosts, vs.namespace, h)));
}

function routeOf(ctx: RouteContext, client: WorkloadModel, scope: SidecarScope, d: Destination, serviceHost: string, http: boolean): RouteResult {
  const request = { host: d.host, port: d.port, tls: d.tls, http, path: d.path, clientNamespace: client.namespace, clientLabels: client.labels, context: 'mesh' };
  const vss = importedVirtualServices(ctx, scope, d.port);
  const byRequest = selectVirtualService(vss, request);
  const byService = serviceHost === d.host ? byRequest : selectVirtualService(vss, { ...request, host: serviceHost });
  const vs = byRequest ?? byService;
  const routes = meshRoutes(ctx, serviceHost, d.port, d.tls);
  if (vs && routes.length > 0) return { kind: 'unknown', needs: 'VirtualService and HTTPRoute', why: `both a VirtualService and ${routes[0].id} route ${serviceHost}` };
  if (vs && 'ambiguous' in vs) return { kind: 'unknown', needs: 'VirtualService', why: vs.ambiguous };
  if (vs) return routeRequest(vs, request);
  if (routes.length > 1) return { kind: 'unknown', needs: 'HTTPRoute', why: `${routes.map((r) => r.id).join(' and ')} both route ${serviceHost}` };
  if (routes.length === 1) return routeThrough(routes[0], d.host, d.path, http, ctx.gatewayApi);
  return { kind: 'default' };
}

/** Whether the scope imported `host` on `port` (Envoy then has its cluster). */
function imported(scope: SidecarScope, host: string, port: number): { serviceIndex: number } | { external: ExternalServiceModel } | null {
  for (const l of scope.listeners) {
    for (const s of l.services) if (s.service.fqdn === host && s.ports.some((p) => p.port === port)) return { serviceIndex: s.service.index };
    for (const e of l.externals) if (e.external.host === host && e.ports.some((p) => p.number === port)) return { external: e.external };
  }
  return null;
}

/** The decision once the request is on `host:port` (subset), as the route left it. */
function onCluster(ctx: RouteContext, client: WorkloadModel, scope: SidecarScope, d: Destination, host: string, port: number, subset: string | null, route: string): Decision {
  const target = imported(scope, host, port);
  if (!target) return unknown('VirtualService', `${route} sends the request to ${host}:${port}, which the client's Sidecar scope does not import (Envoy has no such cluster)`);
  const hostNs = 'serviceIndex' in target ? ctx.index.services[target.serviceIndex].namespace : target.external.namespace;
  const choice = ctx.destinationRules.choose(host, hostNs, client.namespace, client.labels);
  if ('unknown' in choice) return unknown('DestinationRule', choice.unknown);
  const rule = choice.rule;
  if (subset && !rule?.subsets.has(subset)) return unknown('DestinationRule', `${route} names subset ${subset} of ${host}, which no DestinationRule the client uses defines`);
  if (rule && rule.unmodelled.length > 0) return unknown(`DestinationRule ${rule.unmodelled[0].split('.').pop()}`, `${rule.id} sets ${rule.unmodelled.join(', ')}, which the analyzer does not model`);
  const tls = rule ? tlsModeFor(rule, port, subset) : null;
  // A sidecar gets no TLS context from a selector-less rule's credentialName, and with a
  // workloadSelector the Secret (not modelled) decides (`cluster_tls.go` `buildUpstreamClusterTLSContext`).
  if (rule && rule.credentials.length > 0 && (tls === 'SIMPLE' || tls === 'MUTUAL')) {
    if (!rule.selector) return unknown('DestinationRule TLS', `${rule.id} names a credentialName without workloadSelector: Istio gives a sidecar no TLS context, so it sends plaintext to a TLS port`);
    const missing = rule.credentials.filter((c) => !ctx.secrets.has(`${client.namespace}/${c}`));
    if (missing.length > 0) return unknown('Secret', `${rule.id} takes the client certificate from Secret ${client.namespace}/${missing[0]}, which is not in the input`);
  }
  const subsetLabels = subset ? rule?.subsetLabels.get(subset) : undefined;
  const cluster = `outbound|${port}|${subset ?? ''}|${host}`;
  const ruleText = rule ? ` (${rule.id}${tls ? `: tls ${tls}` : ''})` : '';
  const reached = (reason: string, extra: Partial<Decision> = {}): Decision => ({ outcome: 'ok', via: cluster, cluster, reason: `${route} → ${cluster}${ruleText}; ${reason}`, ...extra });
  if ('external' in target) {
    if (target.external.noEndpoints) return unknown('endpoints', target.external.noEndpoints);
    if (subsetLabels && Object.keys(subsetLabels).length > 0) return unknown('endpoints', `subset ${subset} of ${rule?.id} selects endpoints of ${host} by labels, which the analyzer does not model for ServiceEntries`);
    if (tls === 'ISTIO_MUTUAL') return unknown('DestinationRule TLS', `${rule?.id} sends Istio mTLS to the external host ${host}`);
    if ((tls === 'SIMPLE' || tls === 'MUTUAL') && d.tls) return unknown('DestinationRule TLS', `${rule?.id} originates TLS on port ${port} and the client already speaks TLS`);
    const how = tls === 'SIMPLE' || tls === 'MUTUAL' ? `the sidecar originates TLS (${tls})` : d.tls ? 'TLS passes through' : 'plaintext';
    return reached(how, { mtls: false });
  }
  const facts = ctx.facts(target.serviceIndex, port);
  if (!facts) return unknown('Service port', `${host} has no port ${port}`);
  if (subsetLabels && Object.keys(subsetLabels).length > 0) {
    // The subset cluster's endpoints are the Service's endpoints with the subset's labels (EDS).
    const inSubset = facts.workloads.filter((w) => Object.entries(subsetLabels).every(([k, v]) => w.labels[k] === v));
    if (inSubset.length === 0) {
      return unknown('endpoints', facts.workloads.length === 0 ? `subset ${subset} selects by labels the pods behind ${host}, which the input does not show` : `subset ${subset} of ${rule?.id} (${Object.entries(subsetLabels).map(([k, v]) => `${k}=${v}`).join(', ')}) selects none of the pods behind ${host}: Envoy answers 503 (no healthy upstream)`);
    }
  }
  const scoped = ctx.unreadTo(facts.workloads, host);
  if (scoped) return unknown(scoped.needs, `${scoped.what} could change requests to ${host}`);
  if (facts.gateways.length > 0) {
    const g = throughGateway(facts.gateways, port, { host: d.host, tls: d.tls, path: d.path }, tls, ctx.gateway);
    if (!g.ok) return unknown(g.needs, `${route} → ${cluster}: ${g.why}`);
    const gatewayScoped = ctx.unreadTo(facts.gateways, host);
    if (gatewayScoped) return unknown(gatewayScoped.needs, `${gatewayScoped.what} could change what the egress gateway does`);
    return reached(`egress gateway: ${g.why}`, { gatewayCluster: g.cluster });
  }
  if (tls === 'SIMPLE' || tls === 'MUTUAL') return unknown('DestinationRule TLS', `${rule?.id} originates TLS to ${host}, whose application TLS is not modelled`);
  if (tls === 'DISABLE') {
    if (facts.plain.outcome === 'ok') return reached(`plaintext (${facts.plain.detail})`, { mtls: false });
    return unknown(facts.plain.outcome === 'unknown' ? facts.plain.needs : 'PeerAuthentication', `${rule?.id} disables TLS: ${facts.plain.detail}`);
  }
  if (facts.sidecar.outcome !== 'ok') return unknown(facts.sidecar.needs, facts.sidecar.detail);
  if (tls === 'ISTIO_MUTUAL' && facts.sidecar.mtls !== true) return unknown('DestinationRule TLS', `${rule?.id} requires Istio mTLS but ${facts.sidecar.detail}`);
  return reached(facts.sidecar.detail, facts.sidecar.mtls !== undefined ? { mtls: tls === 'ISTIO_MUTUAL' ? true : facts.sidecar.mtls } : {});
}

/** Whether the listener that takes `d` routes HTTP (by Host), rather than TLS or TCP. */
function routesHttp(table: ListenerTable, d: Destination): boolean {
  if (d.tls) return false;
  const vip = d.serviceIndex >= 0 ? table.vip.get(vipKey(d.serviceIndex, d.port)) : undefined;
  if (vip === 'tcp') return false;
  if (vip === 'auto') return true;
  return table.httpPorts.has(d.port);
}

/**
 * A TLS request the listener tables leave to the fallthrough chain can still match the SNI of a
 * VirtualService `tls` route: Istio adds that route's `sniHosts` as filter chains of the
 * `0.0.0.0:<port>` listener of the service the VirtualService names (`tls.go`,
 * `buildSidecarOutboundTLSFilterChainOpts`). Returns the listener decision that chain makes.
 */
function vsSniChain(ctx: RouteContext, client: WorkloadModel, scope: SidecarScope, d: Destination): Decision | null {
  if (!d.tls || d.serviceIndex >= 0) return null;
  const vs = selectVirtualService(importedVirtualServices(ctx, scope, d.port), { host: d.host, clientNamespace: client.namespace, context: 'mesh' });
  if (!vs || 'ambiguous' in vs || vs.tls.length === 0) return null;
  for (const l of scope.listeners) {
    for (const e of l.externals) {
      const port = e.ports.find((p) => p.number === d.port && (p.protocol === 'HTTPS' || p.protocol === 'TLS'));
      if (!port || e.external.addresses.length > 0 || !vs.hosts.some((h) => h === e.external.host || ruleHostCovers(h, e.external.host))) continue;
      const cluster = `outbound|${d.port}||${e.external.host}`;
      return { outcome: 'ok', via: cluster, cluster, reason: `listener 0.0.0.0:${d.port}, SNI chain of ${vs.id} (attached to ${e.external.host})` };
    }
  }
  return null;
}

/**
 * An HTTP request on port 80 that no Service's virtual host takes: on port 80 (only), Istio also
 * builds virtual hosts for VirtualService hosts that match no Service (`httproute.go`
 * `BuildSidecarOutboundVirtualHosts`: "only select virtualServices that matches a service" when
 * the listener port is not 80).
 */
function port80VirtualHost(ctx: RouteContext, client: WorkloadModel, scope: SidecarScope, table: ListenerTable, d: Destination): Decision | null {
  if (d.port !== 80 || !routesHttp(table, d) || !table.httpPorts.has(80)) return null;
  const vs = selectVirtualService(importedVirtualServices(ctx, scope, 80), { host: d.host, clientNamespace: client.namespace, context: 'mesh' });
  if (!vs || 'ambiguous' in vs || vs.http.length === 0) return null;
  return { outcome: 'ok', via: 'route', reason: `HTTP listener 0.0.0.0:80, route "80" has a virtual host for ${d.host} from ${vs.id}` };
}

/** Refines the listener decision `base` of destination `d` for a sidecar client (a TLS probe keeps its `tls` mark). */
export function refine(ctx: RouteContext, client: WorkloadModel, scope: SidecarScope, table: ListenerTable, d: Destination, listenerBase: Decision): Decision {
  const out = refineListenerDecision(ctx, client, scope, table, d, listenerBase);
  return out !== listenerBase && d.tls && !out.tls ? { ...out, tls: true } : out;
}

/**
 * A ServiceEntry port without `addresses` that a listener proxies as plain TCP binds
 * `0.0.0.0:<port>` and takes every connection on the port no VIP listener takes
 * (external-decision.ts), in-mesh ones included: where they go depends on its resolution.
 */
function swallowingEntry(scope: SidecarScope, table: ListenerTable, d: Destination): string | null {
  if (d.serviceIndex < 0 || table.vip.has(vipKey(d.serviceIndex, d.port))) return null;
  const entry = servedOn(scope, d.port).find((s) => s.cls === 'tcp' && !s.tlsProtocol && s.external.addresses.length === 0);
  return entry ? `ServiceEntry ${entry.external.id} (no addresses) takes every connection on port ${d.port} that no Service VIP listener takes` : null;
}

/** Envoy's own listeners on every sidecar: virtualOutbound 15001, virtualInbound 15006, health 15021, Prometheus 15090. */
export const ENVOY_LISTENER_PORTS = new Set([15001, 15006, 15021, 15090]);

/**
 * A connection to a port of Envoy's own listeners that no Service VIP listener takes: from 1.23
 * Istio builds no `0.0.0.0:<port>` HTTP listener there (`pilot/pkg/model/context.go`
 * `conflictWithReservedListener`, via `CanBindToPort` in `listener.go`). On 15001 it stays on
 * virtualOutbound, whose first filter chain matches destination port 15001 and goes to
 * BlackHoleCluster (`listener_builder.go` `blackholeFilterChain`), whatever the mode. On 15006,
 * 15021 and 15090 Envoy's own listener may take the hand-off: not modelled.
 */
function envoyPort(ctx: RouteContext, table: ListenerTable, d: Destination): Decision | null {
  if (!ENVOY_LISTENER_PORTS.has(d.port)) return null;
  if (d.serviceIndex >= 0 && table.vip.has(vipKey(d.serviceIndex, d.port))) return null;
  if (d.port === 15001 && (ctx.reservedListenerPorts || !table.httpPorts.has(15001))) {
    return { outcome: 'blackhole_reset', via: 'BlackHoleCluster', cluster: 'BlackHoleCluster', reason: "port 15001 is virtualOutbound's own: no listener takes it, and its blackhole filter chain for destination port 15001 resets it" };
  }
  return unknown('reserved port', `port ${d.port} is one of Envoy's own listener ports (15001/15006/15021/15090): ${ctx.reservedListenerPorts ? 'Istio builds no listener for it and Envoy may hand the connection to its own listener' : 'before 1.23 Istio may build a 0.0.0.0 listener on it that collides with Envoy\'s own'}`);
}

/**
 * What the input's addresses leave open: an IP request to an address no Service of the input has
 * while some Service's ClusterIP is not given; a Service whose VIP (unknown, or inside the range)
 * a ServiceEntry's CIDR `addresses` on the port may take (a CIDR listens on `0.0.0.0:<port>` with
 * a destination-IP match, which Envoy ranks above ALPN: `listener.go` `buildSidecarOutboundListener`);
 * and a ServiceEntry that declares a Service's hostname, of which Istio keeps one per hostname,
 * the client namespace's first (`sidecar.go` `selectServices`).
 */
/**
 * Why an IP request may reach a Service VIP the input does not show: some Service with that port
 * has no `clusterIP` in the input, and no ServiceEntry `addresses` entry declares the IP.
 */
export function ipMayBeService(ctx: Pick<RouteContext, 'index' | 'externals'>, host: string, port: number): string | null {
  if (!isIpv4(host)) return null;
  if (ctx.externals.some((e) => e.addresses.some((a) => addressCovers(a, host)))) return null;
  const unset = ctx.index.services.find((s) => s.clusterIP === null && !s.headless && !s.externalName && s.ports.some((p) => p.port === port));
  return unset ? `${host}:${port} may be the ClusterIP of Service ${unset.namespace}/${unset.name}, which the input does not give` : null;
}

export function addressOpen(ctx: Pick<RouteContext, 'index' | 'externals' | 'ignoreCidrEntries'>, d: Destination, clientNamespace: string, scope?: SidecarScope, table?: ListenerTable): Decision | null {
  if (d.serviceIndex < 0) {
    const unset = ipMayBeService(ctx, d.host, d.port);
    return unset ? unknown('ClusterIP', unset) : null;
  }
  const svc = ctx.index.services[d.serviceIndex];
  // A CIDR entry the scope imports as plain TCP listens on 0.0.0.0:<port>; a Service with its own
  // VIP listener on the port is matched exactly first, and TLS chains match SNI (HTTP listener
  // ports join the shared HTTP listener, routed by Host).
  const cidr = scope && !ctx.ignoreCidrEntries && !table?.vip.has(vipKey(d.serviceIndex, d.port))
    ? servedOn(scope, d.port).find((x) => x.cls === 'tcp' && !x.tlsProtocol && x.external.addresses.some((a) => isCidrRange(a) && (svc.clusterIP === null || addressCovers(a, svc.clusterIP))))?.external
    : undefined;
  if (cidr) return unknown('ClusterIP', `ServiceEntry ${cidr.id} covers ${cidr.addresses.join(', ')} on port ${d.port}, and ${svc.namespace}/${svc.name}'s ClusterIP ${svc.clusterIP ?? 'is not given'}: its listener may take the connection`);
  if (clientNamespace !== svc.namespace && isVisibleTo(svc.exportTo, clientNamespace)) {
    const shadow = ctx.externals.find((e) => e.host === svc.fqdn && isVisibleTo(e.exportTo, clientNamespace));
    if (shadow) return unknown('ServiceEntry', `ServiceEntry ${shadow.id} declares ${svc.fqdn}, the host of a Kubernetes Service: Istio keeps one service per hostname, preferring the client's namespace`);
  }
  return null;
}

function refineListenerDecision(ctx: RouteContext, client: WorkloadModel, scope: SidecarScope, table: ListenerTable, d: Destination, listenerBase: Decision): Decision {
  const open = addressOpen(ctx, d, client.namespace, scope, table);
  if (open) return open;
  const reserved = envoyPort(ctx, table, d);
  if (reserved) return reserved;
  const listener = ctx.unreadOnPort(d.port);
  if (listener) return unknown(listener.needs, `${listener.what}: it would add listeners on port ${d.port}`);
  const swallowed = listenerBase.outcome !== 'ok' && listenerBase.outcome !== 'unknown' ? swallowingEntry(scope, table, d) : null;
  if (swallowed) return unknown('a ServiceEntry without addresses', swallowed);
  const unrouted = listenerBase.outcome === 'blackhole_reset' || listenerBase.outcome === 'passthrough_ok' || listenerBase.outcome === 'block_all_502';
  const base = unrouted ? (vsSniChain(ctx, client, scope, d) ?? port80VirtualHost(ctx, client, scope, table, d) ?? listenerBase) : listenerBase;
  const external = d.serviceIndex < 0 || d.host !== d.fqdn;
  const dns = external && !d.connect && !ctx.resolver.resolves(d.host) ? needsDns(d.host) : null;
  switch (base.outcome) {
    case 'unknown':
    case 'no_route_404':
      return base;
    case 'blackhole_reset':
    case 'block_all_502':
      return dns ? unknown(dns.needs, `${dns.why} (blocked either way: ${base.outcome} if it resolves, curl exit 6 if not)`) : base;
    case 'passthrough_ok': {
      if (dns) return unknown(dns.needs, dns.why);
      if (d.serviceIndex < 0) return base;
      const facts = ctx.facts(d.serviceIndex, d.port);
      const scoped = facts ? ctx.unreadTo(facts.workloads, d.fqdn) : null;
      if (scoped) return unknown(scoped.needs, `${scoped.what} could change requests to ${d.fqdn}`);
      if (!facts || facts.plain.outcome === 'ok') return base;
      if (facts.plain.outcome === 'mtls_reset') return unknown('PeerAuthentication', `PassthroughCluster sends plaintext: ${facts.plain.detail} (a 503 or a reset)`);
      return unknown(facts.plain.needs, facts.plain.detail);
    }
    case 'ok': {
      if (dns) return unknown(dns.needs, dns.why);
      const serviceHost = clusterHost(base.cluster) ?? d.fqdn;
      const http = routesHttp(table, d);
      const route = routeOf(ctx, client, scope, d, serviceHost, http);
      switch (route.kind) {
        case 'unknown':
          return unknown(route.needs, route.why);
        case 'response':
          return { outcome: 'route_response', via: 'route', status: route.status, reason: `${route.why}: HTTP ${route.status}` };
        case 'noRoute':
          return { outcome: 'no_route_404', via: 'route', reason: `${route.why} → 404 NR` };
        case 'default':
          return onCluster(ctx, client, scope, d, serviceHost, d.port, null, `${http ? 'the HTTP route' : 'the listener'} of ${serviceHost}`);
        case 'destination': {
          const decision = onCluster(ctx, client, scope, d, route.host, route.port ?? d.port, route.subset, route.why);
          return route.timeout && decision.outcome === 'ok' ? { ...decision, timeout: route.timeout, reason: `${decision.reason}; timeout ${route.timeout}` } : decision;
        }
      }
      break;
    }
    default:
      return base;
  }
  return base === listenerBase ? base : listenerBase;
}
