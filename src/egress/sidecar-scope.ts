/**
 * The Sidecar scope of a workload namespace (research note §2, §3.1, §7; pilot
 * `ConvertToSidecarScope`): the outbound policy and, per egress listener, the Services
 * it imports (visible to the namespace, matching a host, trimmed to the listener port).
 */
import type { EgressListenerSpec, ServiceModel, ServicePortModel, SidecarModel } from './manifest-model';
import type { VersionFeatures } from './istio-version';
import type { OutboundMode } from './types';
import type { ServiceIndex } from './service-index';
import type { SidecarSource } from './sidecar-selection';
import { compileHosts, hostsImport, suffixReach, type CompiledHosts } from './host-matcher';
import { isVisibleTo } from './export-to';
import { listenerClass, parseProtocol, type IstioProtocol, type ListenerClass } from './protocol';
import type { ExternalPortModel, ExternalServiceModel } from './service-entry';

export interface ImportedService {
  service: ServiceModel;
  /** Ports after trimming (explicit listener: only the listener port); never UDP. */
  ports: ServicePortModel[];
}

export interface ImportedListener {
  /** null for the port-less catch-all listener. */
  port: number | null;
  /** Listener class of an explicit-port listener (from its own protocol); null for the catch-all. */
  cls: ListenerClass | null;
  /** Protocol of an explicit-port listener (it decides TLS/SNI for ServiceEntry ports); null for the catch-all. */
  protocol?: IstioProtocol | null;
  services: ImportedService[];
  /** ServiceEntry hosts imported through this listener (ports trimmed like Services). */
  externals: ImportedExternal[];
  /** The listener's hosts, compiled (they also import VirtualServices by namespace and host). */
  hosts: CompiledHosts;
}

export interface ImportedExternal {
  external: ExternalServiceModel;
  ports: ExternalPortModel[];
}

export interface SidecarScope {
  sidecar: SidecarModel | null;
  source: SidecarSource;
  namespace: string;
  mode: OutboundMode;
  listeners: ImportedListener[];
}

const DEFAULT_EGRESS: EgressListenerSpec[] = [{ port: null, hosts: ['*/*'], bind: null, captureMode: null }];

export interface ScopeContext {
  index: ServiceIndex;
  /** ServiceEntry hosts of the input (scanned per listener: there are few). */
  externals: readonly ExternalServiceModel[];
  features: VersionFeatures;
  meshMode: OutboundMode;
  warn: (message: string) => void;
}

/** Services that may match the hosts: looked up by namespace/FQDN; a full scan only for `* / *`-like hosts. */
function candidates(c: CompiledHosts, port: number | null, index: ServiceIndex): readonly ServiceModel[] {
  const any = c.anyNamespace;
  const namespaces = new Set(c.byNamespace.keys());
  if (any) {
    if (any.any) return index.all(port);
    for (const suffix of any.suffixes) {
      const reach = suffixReach(suffix);
      if (reach === 'all') return index.all(port);
      if (reach !== 'none') namespaces.add(reach.namespace);
    }
  }
  const out: ServiceModel[] = [];
  for (const ns of namespaces) for (const s of index.inNamespace(ns, port)) out.push(s);
  for (const fqdn of any?.exact ?? []) {
    const s = index.byFqdn.get(fqdn);
    if (s && (port === null || s.ports.some((p) => p.port === port))) out.push(s);
  }
  return out;
}

function importAll(spec: EgressListenerSpec, namespace: string, ctx: ScopeContext, label: string): Pick<ImportedListener, 'services' | 'externals' | 'hosts'> {
  const compiled = compileHosts(spec.hosts, namespace, ctx.features, (m) => ctx.warn(`${label}: ${m}`));
  const port = spec.port?.number ?? null;
  return {
    hosts: compiled,
    services: importServices(compiled, port, namespace, ctx),
    externals: ctx.externals.length > 0 ? importExternals(compiled, port, namespace, ctx) : [],
  };
}

function importServices(compiled: CompiledHosts, port: number | null, namespace: string, ctx: ScopeContext): ImportedService[] {
  const pass = ctx.index.newPass();
  const imported: ImportedService[] = [];
  for (const s of candidates(compiled, port, ctx.index)) {
    if (!ctx.index.firstVisit(s, pass)) continue;
    if (!isVisibleTo(s.exportTo, namespace) || !hostsImport(compiled, s.namespace, s.fqdn)) continue;
    const ports = s.ports.filter((p) => p.protocol !== 'UDP' && (port === null || p.port === port));
    if (ports.length > 0) imported.push({ service: s, ports });
  }
  return imported.sort((a, b) => a.service.index - b.service.index);
}

/**
 * ServiceEntry hosts a listener imports (pilot `selectServices`): visible through `exportTo`,
 * the SE host a subset of an imported `ns/host` (`hostClassification.Matches`), ports trimmed to
 * an explicit listener port; one namespace per host name, the workload's own namespace first
 * (`UnifiedSidecarScoping`), else the first in input order.
 */
function importExternals(compiled: CompiledHosts, port: number | null, namespace: string, ctx: ScopeContext): ImportedExternal[] {
  const byHost = new Map<string, ImportedExternal>();
  for (const e of ctx.externals) {
    if (!isVisibleTo(e.exportTo, namespace) || !hostsImport(compiled, e.namespace, e.host)) continue;
    const ports = e.ports.filter((p) => p.protocol !== 'UDP' && (port === null || p.number === port));
    if (ports.length === 0) continue;
    const seen = byHost.get(e.host);
    if (!seen || (seen.external.namespace !== namespace && e.namespace === namespace)) byHost.set(e.host, { external: e, ports });
  }
  return [...byHost.values()].sort((a, b) => a.external.index - b.external.index);
}

/** Builds the scope of `sidecar` (or the implicit default when null) for workloads of `namespace`. */
export function buildSidecarScope(
  sidecar: SidecarModel | null,
  source: SidecarSource,
  namespace: string,
  ctx: ScopeContext,
): SidecarScope {
  const name = sidecar ? `Sidecar ${sidecar.id}` : 'implicit default Sidecar';
  const egress = sidecar && sidecar.egress.length > 0 ? sidecar.egress : DEFAULT_EGRESS;
  const listeners: ImportedListener[] = [];
  const usedPorts = new Set<number>();
  egress.forEach((spec, i) => {
    const label = `${name} egress[${i}]`;
    if (spec.hosts.length === 0) ctx.warn(`${label}: no hosts (rejected by validation); imports nothing`);
    if (spec.bind || (spec.captureMode && spec.captureMode !== 'DEFAULT')) {
      ctx.warn(`${label}: bind/captureMode are not modelled: the requests of the workloads it applies to are unknown`);
    }
    if (spec.port === null) {
      if (i !== egress.length - 1) ctx.warn(`${label}: the port-less listener must be the last one (rejected by validation)`);
      listeners.push({ port: null, cls: null, ...importAll(spec, namespace, ctx, label) });
      return;
    }
    const protocol = parseProtocol(spec.port.protocol);
    if (usedPorts.has(spec.port.number)) {
      ctx.warn(`${label}: port ${spec.port.number} repeats an earlier listener (rejected by validation); ignored`);
      return;
    }
    usedPorts.add(spec.port.number);
    if (protocol === 'HTTP_PROXY' || protocol === 'UDP') {
      ctx.warn(`${label}: ${protocol} egress listeners are not modelled; ignored`);
      return;
    }
    listeners.push({
      port: spec.port.number,
      cls: listenerClass(protocol),
      protocol,
      ...importAll(spec, namespace, ctx, label),
    });
  });
  const mode = sidecar?.outboundPolicy ?? ctx.meshMode;
  return { sidecar, source, namespace, mode, listeners };
}
