/**
 * The outbound listeners Envoy gets for a scope (research note §3.3–3.5; pilot
 * `buildSidecarOutboundListeners`): explicit-port listeners first, then the port-less
 * catch-all, which cannot touch a `bind:port` key an explicit listener created.
 * HTTP → shared `0.0.0.0:<port>`; TCP and auto (sniffed) → one listener per Service VIP.
 */
import { listenerClass } from './protocol';
import type { ImportedListener, SidecarScope } from './sidecar-scope';

export type VipListenerKind = 'tcp' | 'auto';

export interface ListenerTable {
  /** Key {@link vipKey}(service index, port) → kind of the VIP listener. */
  readonly vip: ReadonlyMap<number, VipListenerKind>;
  /** Ports that have at least one VIP listener. */
  readonly vipPorts: ReadonlySet<number>;
  /** Ports with a `0.0.0.0:<port>` HTTP listener. */
  readonly httpPorts: ReadonlySet<number>;
  /** Service indexes with a virtual host in route `"<port>"` (and in sniffed routes `"<fqdn>:<port>"`). */
  routeServices(port: number): ReadonlySet<number>;
}

const PORT_SPACE = 65536;

export function vipKey(serviceIndex: number, port: number): number {
  return serviceIndex * PORT_SPACE + port;
}

/** `GetEgressListenerForRDS`: the first listener on `port`, or the port-less one when reached first. */
export function listenerForRoute(listeners: readonly ImportedListener[], port: number): ImportedListener | null {
  for (const l of listeners) if (l.port === null || l.port === port) return l;
  return null;
}

export function buildListenerTable(scope: SidecarScope): ListenerTable {
  const vip = new Map<number, VipListenerKind>();
  const vipPorts = new Set<number>();
  const httpPorts = new Set<number>();

  // Istio locks every existing `bind:port` key before the catch-all so it cannot merge into
  // them. Here a key holds no per-listener content (HTTP virtual hosts come from the RDS
  // listener, below), so "the first listener to create a key keeps it" is the whole rule.
  const add = (serviceIndex: number, port: number, cls: string): void => {
    if (cls === 'http') {
      httpPorts.add(port);
    } else if (cls === 'tcp' || cls === 'auto') {
      const key = vipKey(serviceIndex, port);
      if (vip.has(key)) return;
      vip.set(key, cls);
      vipPorts.add(port);
    }
  };

  for (const l of scope.listeners) {
    if (l.port !== null) {
      // A listener importing no Service creates no Envoy listener at all (§3.4).
      for (const s of l.services) add(s.service.index, l.port, l.cls ?? 'auto');
      // ServiceEntry hosts: HTTP ports share 0.0.0.0:<port> like Services (their other ports are
      // handled per destination by external-decision.ts).
      if ((l.cls ?? 'auto') === 'http' && l.externals.length > 0) httpPorts.add(l.port);
    } else {
      for (const s of l.services) for (const p of s.ports) add(s.service.index, p.port, listenerClass(p.protocol));
      for (const e of l.externals) for (const p of e.ports) if (p.cls === 'http') httpPorts.add(p.number);
    }
  }

  const routes = new Map<number, Set<number>>();
  return {
    vip,
    vipPorts,
    httpPorts,
    routeServices(port: number): ReadonlySet<number> {
      let set = routes.get(port);
      if (!set) {
        set = new Set();
        const l = listenerForRoute(scope.listeners, port);
        for (const s of l?.services ?? []) if (s.ports.some((p) => p.port === port)) set.add(s.service.index);
        routes.set(port, set);
      }
      return set;
    },
  };
}
