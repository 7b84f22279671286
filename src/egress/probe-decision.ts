/**
 * What happens to `curl http://<fqdn>:<port>/` from a workload (research note §4, §5):
 * exact VIP listener, else `0.0.0.0:<port>` HTTP listener routed by Host, else the
 * `virtualOutbound` catch-all (BlackHoleCluster or PassthroughCluster).
 *
 * Decisions depend only on (scope, destination). They are computed per scope as a dense
 * array filled with per-port defaults, then overridden for the few destinations a
 * listener actually serves, so the cost per scope is O(destinations + imported) with no
 * string work; decision objects (and their strings) are shared across scopes.
 */
import { vipKey, type ListenerTable } from './listener-table';
import type { ProbeTarget } from './probe-targets';
import type { OutboundMode, Probe } from './types';

/**
 * A probe destination: a Service port (`serviceIndex` ≥ 0), an external host (-1: its decisions
 * always come from the scope's overrides) or a request; `mtls` is what a client sidecar's auto
 * mTLS does to its endpoints (destination-facts.ts), when known.
 */
export type Destination = ProbeTarget & { mtls?: boolean };

/** A probe's outcome, shared by every probe that ends the same way (`Probe` without from/to). */
export type Decision = Omit<Probe, 'from' | 'to'>;

export function outboundClusterName(port: number, fqdn: string): string {
  return `outbound|${port}||${fqdn}`;
}

type Kind = 'okHttp' | 'okTcp' | 'okSniffed' | 'noRoute' | 'blockAll' | 'allowAny';

function makeDecision(kind: Kind, d: Destination): Decision {
  const cluster = outboundClusterName(d.port, d.fqdn);
  const reached = (reason: string): Decision => ({ outcome: 'ok', via: cluster, cluster, reason, ...(d.mtls !== undefined ? { mtls: d.mtls } : {}) });
  switch (kind) {
    case 'okHttp':
      return reached(`HTTP listener 0.0.0.0:${d.port}, route "${d.port}" has a virtual host for ${d.fqdn}`);
    case 'okTcp':
      return reached(`TCP listener on the Service VIP:${d.port} → tcp_proxy`);
    case 'okSniffed':
      return reached(`sniffed listener on the Service VIP:${d.port}, route "${d.fqdn}:${d.port}"`);
    case 'noRoute':
      return {
        outcome: 'no_route_404',
        via: `${d.fqdn}:${d.port}`,
        reason: `sniffed listener on the Service VIP:${d.port} but route "${d.fqdn}:${d.port}" has no virtual host (port ${d.port} routes come from another egress listener) → 404 NR`,
      };
    case 'blockAll':
      return {
        outcome: 'block_all_502',
        via: 'block_all',
        reason: `HTTP listener 0.0.0.0:${d.port} has no virtual host for ${d.fqdn} (not imported on this port); REGISTRY_ONLY → block_all 502`,
      };
    case 'allowAny':
      return {
        outcome: 'passthrough_ok',
        via: 'PassthroughCluster',
        cluster: 'PassthroughCluster',
        reason: `HTTP listener 0.0.0.0:${d.port} has no virtual host for ${d.fqdn} (not imported on this port); ALLOW_ANY → allow_any → PassthroughCluster`,
      };
  }
}

function noListenerDecision(port: number, mode: OutboundMode, otherVipListeners: boolean): Decision {
  const where = otherVipListeners ? `no listener on this Service's VIP:${port} nor 0.0.0.0:${port}` : `no egress listener on port ${port}`;
  return mode === 'REGISTRY_ONLY'
    ? { outcome: 'blackhole_reset', via: 'BlackHoleCluster', cluster: 'BlackHoleCluster', reason: `${where}; REGISTRY_ONLY → BlackHoleCluster` }
    : { outcome: 'passthrough_ok', via: 'PassthroughCluster', cluster: 'PassthroughCluster', reason: `${where}; ALLOW_ANY → PassthroughCluster` };
}

/**
 * The probe destinations of one analysis and the decision objects shared by all its
 * scopes. A scope's decisions are an Int32Array of ids into {@link decisions}: copied
 * from a template cached per "port signature" (which ports have an HTTP listener or VIP
 * listeners, and the mode), then overridden for the destinations a listener serves.
 */
export class DestinationSet {
  /** Every decision object, indexed by id. */
  readonly decisions: Decision[] = [];
  private readonly perKind = new Map<Kind, Int32Array>();
  private readonly noListener = new Map<number, number>();
  private readonly templates = new Map<string, Int32Array>();
  private readonly byKey = new Map<number, number>();
  private readonly byTo = new Map<string, number>();
  private readonly interned = new Map<Decision, number>();
  /** Distinct destination ports, and each destination's slot in that list. */
  readonly ports: number[] = [];
  private readonly portSlot: Int32Array;

  constructor(readonly list: readonly Destination[]) {
    const slots = new Map<number, number>();
    this.portSlot = new Int32Array(list.length);
    for (const d of list) {
      if (d.serviceIndex >= 0 && !d.request) this.byKey.set(vipKey(d.serviceIndex, d.port), d.id);
      this.byTo.set(d.to, d.id);
      let slot = slots.get(d.port);
      if (slot === undefined) {
        slots.set(d.port, (slot = this.ports.length));
        this.ports.push(d.port);
      }
      this.portSlot[d.id] = slot;
    }
  }

  /** Destination id of `<fqdn>:<port>`, if that Service port exists. */
  idOf(to: string): number | undefined {
    return this.byTo.get(to);
  }

  /** Id of a decision object made outside this class (external hosts; the caller shares equal decisions). */
  intern(d: Decision): number {
    let id = this.interned.get(d);
    if (id === undefined) this.interned.set(d, (id = this.register(d)));
    return id;
  }

  private register(d: Decision): number {
    this.decisions.push(d);
    return this.decisions.length - 1;
  }

  private decision(kind: Kind, id: number): number {
    let ids = this.perKind.get(kind);
    if (!ids) this.perKind.set(kind, (ids = new Int32Array(this.list.length).fill(-1)));
    if (ids[id] < 0) ids[id] = this.register(makeDecision(kind, this.list[id]));
    return ids[id];
  }

  private withoutListener(port: number, mode: OutboundMode, otherVipListeners: boolean): number {
    const key = port * 4 + (mode === 'REGISTRY_ONLY' ? 2 : 0) + (otherVipListeners ? 1 : 0);
    let id = this.noListener.get(key);
    if (id === undefined) this.noListener.set(key, (id = this.register(noListenerDecision(port, mode, otherVipListeners))));
    return id;
  }

  private template(table: ListenerTable, mode: OutboundMode): Int32Array {
    const states = this.ports.map((p) => (table.httpPorts.has(p) ? 'h' : table.vipPorts.has(p) ? 'v' : '-'));
    const signature = `${mode}|${states.join('')}`;
    let t = this.templates.get(signature);
    if (!t) {
      const unmatchedHttp: Kind = mode === 'REGISTRY_ONLY' ? 'blockAll' : 'allowAny';
      const portDefault = this.ports.map((p, i) => (states[i] === 'h' ? -1 : this.withoutListener(p, mode, states[i] === 'v')));
      t = new Int32Array(this.list.length);
      for (let i = 0; i < t.length; i++) {
        const byPort = portDefault[this.portSlot[i]];
        t[i] = byPort >= 0 ? byPort : this.decision(unmatchedHttp, i);
      }
      this.templates.set(signature, t);
    }
    return t;
  }

  /** Decisions for every destination under one scope's listeners. */
  decideAll(table: ListenerTable, mode: OutboundMode, external?: ReadonlyMap<number, number>): ScopeDecisions {
    const overrides = new Map<number, number>(external);
    for (const port of table.httpPorts) {
      for (const serviceIndex of table.routeServices(port)) {
        const id = this.byKey.get(vipKey(serviceIndex, port));
        if (id !== undefined) overrides.set(id, this.decision('okHttp', id));
      }
    }
    // An exact VIP:port listener wins over 0.0.0.0:port.
    for (const [key, kind] of table.vip) {
      const id = this.byKey.get(key);
      if (id === undefined) continue;
      const d = this.list[id];
      const served = kind === 'tcp' || table.routeServices(d.port).has(d.serviceIndex);
      overrides.set(id, this.decision(kind === 'tcp' ? 'okTcp' : served ? 'okSniffed' : 'noRoute', id));
    }
    return new ScopeDecisions(this.template(table, mode), overrides);
  }
}

/** Decision ids of one client, by destination id. */
export interface DecisionLookup {
  at(id: number): number;
}

/** The same decision for every destination (a client whose proxy cannot be told, a gateway…). */
export class ConstantDecisions implements DecisionLookup {
  constructor(private readonly id: number) {}
  at(): number {
    return this.id;
  }
}

/** A base lookup with some destinations decided differently. */
export class LayeredDecisions implements DecisionLookup {
  constructor(
    private readonly base: DecisionLookup,
    private readonly overrides: ReadonlyMap<number, number>,
  ) {}
  at(id: number): number {
    return this.overrides.get(id) ?? this.base.at(id);
  }
}

/** One decision id per destination. */
export class ArrayDecisions implements DecisionLookup {
  constructor(private readonly ids: Int32Array) {}
  at(id: number): number {
    return this.ids[id];
  }
}

/** Decision ids of one scope: a template shared by scopes with the same port signature, plus the destinations its listeners serve. */
export class ScopeDecisions implements DecisionLookup {
  constructor(
    private readonly template: Int32Array,
    private readonly overrides: ReadonlyMap<number, number>,
  ) {}

  /** Decision id for destination `id`. */
  at(id: number): number {
    return this.overrides.get(id) ?? this.template[id];
  }
}
