/**
 * Outcome of a probe to an external host (`curl http://host:port/` or, for TLS/HTTPS
 * ports, `curl https://host:port/`) from one Sidecar scope. The client connects to the
 * host's real (non-mesh) IP, so only `0.0.0.0:<port>` listeners and the `virtualOutbound`
 * catch-all can see it (rules and sources: README.md, "ServiceEntry").
 */
import type { ListenerTable } from './listener-table';
import { listenerForRoute } from './listener-table';
import { outboundClusterName, type Decision } from './probe-decision';
import { hostServes, type ExternalServiceModel } from './service-entry';
import { addressCovers } from './address';
import type { SidecarScope } from './sidecar-scope';
import type { OutboundMode } from './types';
import type { ListenerClass } from './protocol';

export interface ExternalDestination {
  /** Dense id in the analysis' destination list (after the Service ports). */
  id: number;
  host: string;
  port: number;
  /** The probe is a TLS handshake (`https://`): the port is HTTPS/TLS. */
  tls: boolean;
  /** `<host>:<port>` */
  to: string;
}

const isTls = (p: string): boolean => p === 'HTTPS' || p === 'TLS';

/** An imported ServiceEntry port as one listener presents it. */
export interface Served {
  external: ExternalServiceModel;
  cls: ListenerClass;
  tlsProtocol: boolean;
}

/** Imported ServiceEntry ports on `port`, in listener then input order (explicit listeners first, as Istio builds them). */
export function servedOn(scope: SidecarScope, port: number): Served[] {
  const out: Served[] = [];
  for (const l of scope.listeners) {
    if (l.port !== null && l.port !== port) continue;
    for (const e of l.externals) {
      const p = e.ports.find((x) => x.number === port);
      if (!p) continue;
      out.push({
        external: e.external,
        cls: l.port !== null ? (l.cls ?? 'auto') : p.cls,
        // An explicit listener's own protocol decides (`buildSidecarOutboundTLSFilterChainOpts` checks the listen port).
        tlsProtocol: isTls(l.port !== null && l.protocol ? l.protocol : p.protocol),
      });
    }
  }
  return out;
}

/** Envoy's domain / server_names choice: an exact host first, else the longest wildcard. */
function mostSpecific<T extends { external: ExternalServiceModel }>(candidates: T[], host: string): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (!hostServes(c.external.host, host)) continue;
    if (!best || (best.external.wildcard && (!c.external.wildcard || c.external.host.length > best.external.host.length))) best = c;
  }
  return best;
}

const RESET_TEXT = (tls: boolean): string => (tls ? 'reset during the TLS handshake (curl exit 35)' : 'reset (curl exit 56)');

function fallthrough(d: ExternalDestination, mode: OutboundMode, where: string): Decision {
  return mode === 'REGISTRY_ONLY'
    ? { outcome: 'blackhole_reset', via: 'BlackHoleCluster', cluster: 'BlackHoleCluster', reason: `${where}; REGISTRY_ONLY → BlackHoleCluster, ${RESET_TEXT(d.tls)}` }
    : { outcome: 'passthrough_ok', via: 'PassthroughCluster', cluster: 'PassthroughCluster', reason: `${where}; ALLOW_ANY → PassthroughCluster` };
}

function unknown(needs: string, why: string): Decision {
  return { outcome: 'unknown', via: `unknown (needs ${needs})`, reason: why };
}

function ok(d: ExternalDestination, s: Served, how: string): Decision {
  const cluster = outboundClusterName(d.port, s.external.host);
  return { outcome: 'ok', via: cluster, cluster, reason: `${how} → ServiceEntry ${s.external.id} (${s.external.resolution})` };
}

/**
 * Decisions shared across scopes: keyed by (branch, destination, ServiceEntry, mode) so equal
 * decisions are one object and no reason text is built twice.
 */
export class ExternalDecisions {
  private readonly cache = new Map<string, Decision>();

  get(key: string, make: () => Decision): Decision {
    let d = this.cache.get(key);
    if (!d) this.cache.set(key, (d = make()));
    return d;
  }
}

/** The decision for one external destination under one scope. */
export function decideExternal(
  d: ExternalDestination,
  scope: SidecarScope,
  table: ListenerTable,
  shared: ExternalDecisions = new ExternalDecisions(),
): Decision {
  const memo = (branch: string, e: ExternalServiceModel | null, make: () => Decision): Decision =>
    shared.get(`${branch}|${d.id}|${e ? e.index : -1}|${scope.mode}`, () => {
      const made = make();
      return d.tls ? { ...made, tls: true } : made;
    });
  const mode = scope.mode;
  const served = servedOn(scope, d.port);
  // A connection to an address of a ServiceEntry with `addresses`: its TCP/TLS listener binds
  // `<address>:<port>` (an HTTP port still shares 0.0.0.0:<port>), so it takes the connection.
  const bound = served.find((s) => s.cls !== 'http' && s.cls !== 'auto' && s.external.addresses.some((a) => addressCovers(a, d.host)));
  if (bound) return memo('address', bound.external, () => ok(d, bound, `listener ${d.host}:${d.port} of ServiceEntry addresses → tcp_proxy`));
  const sniffed = mostSpecific(
    served.filter((s) => s.cls === 'auto'),
    d.host,
  );
  if (table.httpPorts.has(d.port)) {
    if (d.tls) return memo('tlsOnHttp', null, () => unknown('TLS on an HTTP listener port', `0.0.0.0:${d.port} is an HTTP listener; a TLS handshake to it is not modelled`));
    const rds = listenerForRoute(scope.listeners, d.port);
    const routes: Served[] = [];
    for (const e of rds?.externals ?? []) {
      if (e.ports.some((p) => p.number === d.port)) routes.push({ external: e.external, cls: 'http', tlsProtocol: false });
    }
    const route = mostSpecific(routes, d.host);
    if (route) return memo('route', route.external, () => ok(d, route, `HTTP listener 0.0.0.0:${d.port}, route "${d.port}" has a virtual host for ${route.external.host}`));
    return memo('noRoute', null, () =>
      mode === 'REGISTRY_ONLY'
        ? { outcome: 'block_all_502', via: 'block_all', reason: `HTTP listener 0.0.0.0:${d.port} has no virtual host for ${d.host}; REGISTRY_ONLY → block_all 502` }
        : { outcome: 'passthrough_ok', via: 'PassthroughCluster', cluster: 'PassthroughCluster', reason: `HTTP listener 0.0.0.0:${d.port} has no virtual host for ${d.host}; ALLOW_ANY → allow_any → PassthroughCluster` },
    );
  }
  if (sniffed) return memo('sniffed', sniffed.external, () => unknown('a port protocol', `ServiceEntry ${sniffed.external.id} port ${d.port} sets no protocol (sniffed); not modelled`));
  const tcp = served.filter((s) => s.cls === 'tcp');
  const sni = mostSpecific(
    tcp.filter((s) => s.tlsProtocol),
    d.host,
  );
  if (sni && sni.external.addresses.length > 0) {
    const vip = sni;
    return memo('vip', vip.external, () =>
      unknown('DNS proxying', `ServiceEntry ${vip.external.id} has addresses: its listener is on those IPs, which a client reaches only if DNS resolves ${d.host} to them`),
    );
  }
  if (sni && d.tls) {
    const chain = sni;
    return memo('sni', chain.external, () => ok(d, chain, `listener 0.0.0.0:${d.port}, filter chain with SNI ${chain.external.host} → tcp_proxy`));
  }
  // A non-TLS TCP port without addresses binds 0.0.0.0:<port> with no SNI match: it takes every
  // connection on the port (the first such ServiceEntry wins).
  const plain = tcp.find((s) => !s.tlsProtocol && s.external.addresses.length === 0);
  if (plain) {
    return memo('tcp', plain.external, () => ok(d, plain, `listener 0.0.0.0:${d.port} of a TCP ServiceEntry without addresses takes every connection on port ${d.port}`));
  }
  const sniChains = tcp.some((s) => s.tlsProtocol && s.external.addresses.length === 0);
  return memo(sniChains ? 'fallthroughChain' : 'virtualOutbound', null, () =>
    fallthrough(
      d,
      mode,
      sniChains
        ? `listener 0.0.0.0:${d.port} has no filter chain for ${d.tls ? `SNI ${d.host}` : 'a connection without SNI'} (fallthrough chain)`
        : `no listener for ${d.host}:${d.port} (virtualOutbound)`,
    ),
  );
}
