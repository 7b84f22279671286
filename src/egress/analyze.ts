/**
 * Entry point of the analyzer: manifests in, per-workload clusters and per (workload,
 * destination) probe outcomes out. Closed world: only the input's Services exist.
 *
 * Per client: its proxy (injection.ts). A sidecar gets its Sidecar scope's listener tables
 * (shared by scope, probe-decision.ts), then route-decision.ts for the destinations that a
 * route, a DestinationRule, a PeerAuthentication, an egress gateway, DNS or an unread object can
 * change; a client without a sidecar gets plain-client.ts; any other client `unknown`.
 */
import { buildManifestModel, type ServiceModel } from './manifest-model';
import { normalizeObjects } from './object-identity';
import { readControlPlaneConfig } from './control-plane-config';
import { admissionRefusals } from './admission';
import { ServiceIndex } from './service-index';
import { SidecarSelector } from './sidecar-selection';
import { buildSidecarScope, type ScopeContext, type SidecarScope } from './sidecar-scope';
import { buildListenerTable, type ListenerTable } from './listener-table';
import { ArrayDecisions, ConstantDecisions, DestinationSet, LayeredDecisions, type DecisionLookup, type Destination } from './probe-decision';
import { inboundClusters, outboundClusters, sortClusters, staticClusters, withDestinationRules } from './clusters';
import { parseIstioVersion, versionFeatures } from './istio-version';
import { EgressReport } from './egress-report';
import { decideExternal, ExternalDecisions } from './external-decision';
import { decideInjection, injectedLabels, type InjectionDecision } from './injection';
import { PeerAuthentications } from './peer-authentication';
import { DestinationRules } from './destination-rule';
import { portFacts, type FactsContext, type PortFacts } from './destination-facts';
import { probeTargets } from './probe-targets';
import { decideServiceRequest } from './request-decision';
import { isCidrRange } from './address';
import { ENVOY_LISTENER_PORTS, refine, unknown, type RouteContext } from './route-decision';
import { plainDecision } from './plain-client';
import { Resolver } from './dns';
import { UnreadIndex } from './unread-index';
import { captureOverride } from './traffic-capture';
import { ruleHostCovers } from './virtual-service';
import { hostnames, parentRefs } from './gateway-api';
import { DEFAULT_ISTIO_VERSION, DEFAULT_MESH_MODE, DEFAULT_ROOT_NAMESPACE, type ClusterEntry, type EgressOptions, type EgressResult, type Manifest, type WorkloadReport } from './types';
import type { WorkloadModel } from './workload-model';

/** Hosts some route or DestinationRule could change: their destinations are refined per client. */
function routedHosts(model: ReturnType<typeof buildManifestModel>): string[] {
  const hosts = [...model.virtualServices.flatMap((v) => v.hosts), ...model.destinationRules.map((r) => r.host)];
  for (const o of model.gatewayApi) {
    for (const p of parentRefs(o)) if (p.kind === 'Service') hosts.push(`${p.name}.${p.namespace}.svc.cluster.local`);
    hosts.push(...hostnames(o));
  }
  return hosts;
}

export function analyzeEgressReport(input: readonly Manifest[], options: EgressOptions = {}): EgressReport {
  const normalized = normalizeObjects(input, options.defaultNamespace ?? 'default');
  const features = versionFeatures(parseIstioVersion(options.istioVersion ?? DEFAULT_ISTIO_VERSION));
  // Objects admission refuses do not exist (admission.ts); the CLI refuses such input instead.
  const refusals = admissionRefusals(normalized.manifests, features);
  const asWritten = options.refused === 'as-written';
  const refused = new Set(asWritten ? [] : refusals.map((r) => r.manifest));
  const manifests = refused.size > 0 ? normalized.manifests.filter((m) => !refused.has(m)) : normalized.manifests;
  for (const r of refusals) normalized.warnings.push(`${r.problem}: admission would refuse it, so ${asWritten ? 'it would not exist (analysed as written)' : 'it is left out'}`);
  // The input's mesh config / injector ConfigMaps (control-plane-config.ts); an option that
  // contradicts the mesh config leaves every probe unknown (the CLI refuses the combination).
  const cp = readControlPlaneConfig(manifests);
  const conflicts: string[] = [];
  if (cp.mesh && options.meshMode !== undefined && options.meshMode !== cp.mesh.mode) conflicts.push(`${cp.mesh.source} gives outboundTrafficPolicy ${cp.mesh.mode}${cp.mesh.modeSet ? '' : " (Istio's default)"}, the meshMode option ${options.meshMode}`);
  if (cp.mesh && options.rootNamespace !== undefined && options.rootNamespace !== (cp.mesh.rootNamespace ?? DEFAULT_ROOT_NAMESPACE)) conflicts.push(`${cp.mesh.source} gives rootNamespace ${cp.mesh.rootNamespace ?? DEFAULT_ROOT_NAMESPACE}, the rootNamespace option ${options.rootNamespace}`);
  const rootNamespace = options.rootNamespace ?? cp.mesh?.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const meshMode = options.meshMode ?? cp.mesh?.mode ?? DEFAULT_MESH_MODE;
  const version = parseIstioVersion(options.istioVersion ?? DEFAULT_ISTIO_VERSION);
  const model = buildManifestModel(manifests, { rootNamespace, ignoreKinds: new Set(options.ignoreKinds ?? []), istioMinor: version.minor });
  const warnings = new Set<string>([...normalized.warnings, ...cp.warnings, ...model.warnings]);
  if (conflicts.length > 0) model.unread.push({ what: conflicts.join('; '), needs: 'mesh config', all: true });
  if (cp.unknown) {
    model.unread.push({ what: cp.unknown.reason, needs: cp.unknown.needs, all: true });
    warnings.add(`${cp.unknown.reason}: every probe is unknown (needs ${cp.unknown.needs})`);
  }
  const warn = (m: string): void => void warnings.add(m);
  const index = new ServiceIndex(model.services);
  const selector = new SidecarSelector(model.sidecars, rootNamespace);
  const ctx: ScopeContext = { index, features, meshMode, warn, externals: model.externals };

  const revisions = new Set(['default', ...(options.revisions ?? [])]);
  const proxies = new Map<WorkloadModel, InjectionDecision>();
  for (const w of model.workloads) {
    const d = decideInjection(w, { namespaces: model.namespaces, revisions, injector: cp.injector });
    proxies.set(w, d);
    // The injector labels the pods it injects; every selector sees those labels.
    if (d.proxy === 'sidecar') w.labels = injectedLabels(w.labels, w.name);
  }
  const proxyOf = (w: WorkloadModel) => proxies.get(w)?.proxy ?? 'unknown';
  const byNamespace = new Map<string, WorkloadModel[]>();
  for (const w of model.workloads) byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), w]);

  const peerAuth = new PeerAuthentications(model.peerAuthentications, rootNamespace);
  const destinationRules = new DestinationRules(model.destinationRules, rootNamespace);
  const factsCtx: FactsContext = { workloadsByNamespace: byNamespace, proxyOf, endpointObjects: model.endpointObjects, peerAuth };
  const factsCache = new Map<string, PortFacts | null>();
  const facts = (serviceIndex: number, port: number): PortFacts | null => {
    const key = `${serviceIndex}:${port}`;
    let f = factsCache.get(key);
    if (f === undefined) {
      const s: ServiceModel = index.services[serviceIndex];
      const p = s.ports.find((x) => x.port === port);
      factsCache.set(key, (f = p ? portFacts(s, p, factsCtx) : null));
    }
    return f;
  };
  const unread = new UnreadIndex(model.unread);
  const resolver = new Resolver(model.externals, options.resolvableHosts ?? []);
  const routed = routedHosts(model);

  const targets: Destination[] = probeTargets(index, model.externals, options.externalProbes ?? [], options.requests ?? []);
  const special: number[] = [];
  // Ports a ServiceEntry without addresses may bind as 0.0.0.0:<port> (route-decision.ts `swallowingEntry`).
  const swallowPorts = new Set(model.externals.filter((e) => e.addresses.length === 0).flatMap((e) => e.ports.map((p) => p.number)));
  // Ports a CIDR ServiceEntry listens on, and Service hosts a ServiceEntry redeclares (route-decision.ts `addressOpen`).
  for (const e of model.externals) if (e.addresses.some(isCidrRange)) for (const p of e.ports) swallowPorts.add(p.number);
  const entryHosts = new Set(model.externals.map((e) => e.host));
  for (const t of targets) {
    if (t.serviceIndex >= 0) {
      const f = facts(t.serviceIndex, t.port);
      if (f?.sidecar.outcome === 'ok') t.mtls = f.sidecar.mtls;
      const plainDefault = f !== null && f.sidecar.outcome === 'ok' && f.plain.outcome === 'ok' && f.gateways.length === 0 && !unread.to(f.workloads, t.fqdn);
      if (t.request || !plainDefault || swallowPorts.has(t.port) || ENVOY_LISTENER_PORTS.has(t.port) || entryHosts.has(t.fqdn) || unread.onPort(t.port) || routed.some((h) => ruleHostCovers(h, t.fqdn))) special.push(t.id);
    } else special.push(t.id);
  }
  const dests = new DestinationSet(targets);
  const externalTargets = targets.filter((t) => t.serviceIndex < 0);
  const serviceRequests = targets.filter((t) => t.request && t.serviceIndex >= 0);
  const routeCtx: RouteContext = {
    index,
    externals: model.externals,
    virtualServices: model.virtualServices,
    gatewayApi: model.gatewayApi,
    destinationRules,
    resolver,
    facts,
    secrets: model.secrets,
    reservedListenerPorts: features.reservedListenerPorts,
    ignoreCidrEntries: options.ignoreCidrEntries === true,
    unreadTo: (w, h) => unread.to(w, h),
    unreadOnPort: (port) => unread.onPort(port),
    gateway: {
      namespaceLabels: (ns) => model.namespaces.get(ns),
      istioGateways: model.istioGateways,
      virtualServices: model.virtualServices,
      gatewayApi: model.gatewayApi,
      destinationRules,
      registryHost: (host, port, fromNs) => {
        const svc = index.byFqdn.get(host);
        if (svc) return svc.ports.some((p) => p.port === port) ? { namespace: svc.namespace } : null;
        const e = model.externals.find((x) => x.host === host && x.ports.some((p) => p.number === port) && (x.exportTo.all || x.exportTo.namespaces.has(fromNs)));
        return e ? { namespace: e.namespace } : null;
      },
    },
  };

  const statics = staticClusters(features);
  const shared = new ExternalDecisions();
  const scopes = new Map<string, { scope: SidecarScope; table: ListenerTable; decisions: DecisionLookup; outbound: ClusterEntry[] }>();
  let plain: ArrayDecisions | null = null;
  const plainDecisions = (): ArrayDecisions => {
    if (!plain) plain = new ArrayDecisions(Int32Array.from(targets, (t) => dests.intern(plainDecision(t, { index, externals: model.externals, resolver, facts, unreadTo: routeCtx.unreadTo }))));
    return plain;
  };
  const constant = new Map<string, ConstantDecisions>();
  const allUnknown = (needs: string, reason: string): ConstantDecisions => {
    const key = `${needs}|${reason}`;
    let c = constant.get(key);
    if (!c) constant.set(key, (c = new ConstantDecisions(dests.intern(unknown(needs, reason)))));
    return c;
  };
  const refined = new Map<string, number>();
  const intern = (d: ReturnType<typeof refine>): number => {
    const key = JSON.stringify(d);
    let id = refined.get(key);
    if (id === undefined) refined.set(key, (id = dests.intern(d)));
    return id;
  };

  const workloads: WorkloadReport[] = [];
  const decisions: DecisionLookup[] = [];
  for (const w of model.workloads) {
    const inj = proxies.get(w) as InjectionDecision;
    const choice = selector.select(w);
    const report = (mode: WorkloadReport['mode'], clusters: ClusterEntry[]): void =>
      void workloads.push({ workload: w.id, sidecar: choice.sidecar?.id ?? null, mode, proxy: inj.proxy, proxyReason: inj.reason, clusters });
    const capture = inj.proxy === 'sidecar' ? captureOverride(w.podAnnotations, w.runsAsProxyUid) : null;
    const scoped = unread.all ?? unread.from(w);
    const blanket = scoped
      ? { needs: scoped.needs, reason: `${scoped.what} could change every request of ${w.id}` }
      : choice.undecided && inj.proxy === 'sidecar'
        ? { needs: 'Sidecar creation order', reason: `${w.id}: ${choice.undecided}` }
      : choice.sidecar?.unmodelled && inj.proxy === 'sidecar'
        ? { needs: `Sidecar ${choice.sidecar.unmodelled.split(' ')[0].replace(/^egress\[\d+\]\./, '')}`, reason: `Sidecar ${choice.sidecar.id} sets ${choice.sidecar.unmodelled}, which the analyzer does not model` }
      : capture
        ? { needs: 'traffic capture', reason: `${w.id}: ${capture}` }
        : null;
    if (inj.proxy !== 'sidecar') {
      report(meshMode, []);
      if (inj.proxy === 'none') decisions.push(blanket ? allUnknown(blanket.needs, blanket.reason) : plainDecisions());
      else decisions.push(allUnknown(inj.proxy === 'gateway' ? 'gateway' : 'injection', `${w.id}: ${inj.reason}`));
      continue;
    }
    const key = `${choice.sidecar?.id ?? ''}|${w.namespace}`;
    let entry = scopes.get(key);
    if (!entry) {
      const scope = buildSidecarScope(choice.sidecar, choice.source, w.namespace, ctx);
      const table = buildListenerTable(scope);
      const ext = new Map<number, number>();
      for (const t of externalTargets) ext.set(t.id, dests.intern(decideExternal(t, scope, table, shared)));
      for (const t of serviceRequests) ext.set(t.id, intern(decideServiceRequest(t, scope, table, index)));
      entry = { scope, table, decisions: dests.decideAll(table, scope.mode, ext), outbound: outboundClusters(scope) };
      scopes.set(key, entry);
    }
    const clusters = sortClusters([...inboundClusters(w, index, warn), ...statics, ...withDestinationRules(entry.outbound, destinationRules, w)].map((c) => ({ ...c })));
    report(entry.scope.mode, clusters);
    if (blanket) {
      decisions.push(allUnknown(blanket.needs, blanket.reason));
      continue;
    }
    const overrides = new Map<number, number>();
    for (const id of special) {
      const base = dests.decisions[entry.decisions.at(id)];
      const d = refine(routeCtx, w, entry.scope, entry.table, targets[id], base);
      if (d !== base) overrides.set(id, intern(d));
    }
    decisions.push(overrides.size > 0 ? new LayeredDecisions(entry.decisions, overrides) : entry.decisions);
  }
  for (const m of selector.warnings) warnings.add(m);
  return new EgressReport(workloads, [...warnings], dests, decisions, { mode: meshMode, rootNamespace, source: options.meshMode !== undefined ? 'options' : (cp.mesh?.source ?? 'defaults') });
}

/** Analyses the manifests; the result has exactly the CLI's `--json` shape (one object per probe). */
export function analyzeEgress(manifests: readonly Manifest[], options: EgressOptions = {}): EgressResult {
  return analyzeEgressReport(manifests, options).toResult();
}
