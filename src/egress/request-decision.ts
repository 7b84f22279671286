/**
 * The listener decision for one request to a Service's VIP (a `requests` probe): the same rules
 * as the shared per-port tables of probe-decision.ts (research note §4, §5), for a request whose
 * Host / SNI and TLS are its own: an exact `VIP:port` listener (TCP → tcp_proxy; sniffed → the
 * service's route for HTTP, its TCP chain for TLS), else the `0.0.0.0:<port>` HTTP listener
 * routed by Host (Service FQDNs and imported ServiceEntry hosts), else `virtualOutbound`.
 */
import { listenerForRoute, vipKey, type ListenerTable } from './listener-table';
import { outboundClusterName, type Decision } from './probe-decision';
import type { ProbeTarget } from './probe-targets';
import { hostServes } from './service-entry';
import type { ServiceIndex } from './service-index';
import type { SidecarScope } from './sidecar-scope';

export function decideServiceRequest(t: ProbeTarget, scope: SidecarScope, table: ListenerTable, index: ServiceIndex): Decision {
  const svc = index.services[t.serviceIndex];
  const cluster = outboundClusterName(t.port, svc.fqdn);
  const ok = (reason: string): Decision => ({ outcome: 'ok', via: cluster, cluster, reason });
  const kind = table.vip.get(vipKey(t.serviceIndex, t.port));
  if (kind === 'tcp') return ok(`TCP listener on the Service VIP:${t.port} → tcp_proxy`);
  if (kind === 'auto') {
    if (t.tls) return ok(`sniffed listener on the Service VIP:${t.port}: a TLS handshake takes the TCP chain`);
    if (table.routeServices(t.port).has(t.serviceIndex)) return ok(`sniffed listener on the Service VIP:${t.port}, route "${svc.fqdn}:${t.port}"`);
    return { outcome: 'no_route_404', via: `${svc.fqdn}:${t.port}`, reason: `sniffed listener on the Service VIP:${t.port} but its route has no virtual host → 404 NR` };
  }
  if (table.httpPorts.has(t.port)) {
    if (t.tls) return { outcome: 'unknown', via: 'unknown (needs TLS on an HTTP listener port)', reason: `0.0.0.0:${t.port} is an HTTP listener; a TLS handshake to it is not modelled` };
    for (const i of table.routeServices(t.port)) {
      if (index.services[i].fqdn === t.host) return { ...ok(`HTTP listener 0.0.0.0:${t.port}, route "${t.port}" has a virtual host for ${t.host}`), via: outboundClusterName(t.port, t.host), cluster: outboundClusterName(t.port, t.host) };
    }
    const rds = listenerForRoute(scope.listeners, t.port);
    const entry = (rds?.externals ?? []).find((e) => e.ports.some((p) => p.number === t.port) && (e.external.host === t.host || hostServes(e.external.host, t.host)));
    if (entry) {
      const c = outboundClusterName(t.port, entry.external.host);
      return { outcome: 'ok', via: c, cluster: c, reason: `HTTP listener 0.0.0.0:${t.port}, route "${t.port}" has a virtual host for ${entry.external.host}` };
    }
    return scope.mode === 'REGISTRY_ONLY'
      ? { outcome: 'block_all_502', via: 'block_all', reason: `HTTP listener 0.0.0.0:${t.port} has no virtual host for ${t.host}; REGISTRY_ONLY → block_all 502` }
      : { outcome: 'passthrough_ok', via: 'PassthroughCluster', cluster: 'PassthroughCluster', reason: `HTTP listener 0.0.0.0:${t.port} has no virtual host for ${t.host}; ALLOW_ANY → PassthroughCluster` };
  }
  return scope.mode === 'REGISTRY_ONLY'
    ? { outcome: 'blackhole_reset', via: 'BlackHoleCluster', cluster: 'BlackHoleCluster', reason: `no listener on the Service VIP:${t.port} nor 0.0.0.0:${t.port}; REGISTRY_ONLY → BlackHoleCluster`, ...(t.tls ? { tls: true } : {}) }
    : { outcome: 'passthrough_ok', via: 'PassthroughCluster', cluster: 'PassthroughCluster', reason: `no listener on the Service VIP:${t.port} nor 0.0.0.0:${t.port}; ALLOW_ANY → PassthroughCluster` };
}
