/**
 * Entry point of the analyzer: manifests in, per-workload clusters and per
 * (workload, Service port) probe outcomes out. Closed world: only the input's
 * Services exist.
 */
import { buildManifestModel } from './manifest-model';
import { ServiceIndex } from './service-index';
import { SidecarSelector } from './sidecar-selection';
import { buildSidecarScope, type ScopeContext, type SidecarScope } from './sidecar-scope';
import { buildListenerTable } from './listener-table';
import { DestinationSet, type Destination, type ScopeDecisions } from './probe-decision';
import { inboundClusters, outboundClusters, sortClusters, staticClusters } from './clusters';
import { parseIstioVersion, versionFeatures } from './istio-version';
import { EgressReport } from './egress-report';
import { decideExternal, ExternalDecisions, type ExternalDestination } from './external-decision';
import { hostServes, type ExternalServiceModel } from './service-entry';
import { InputError } from './load-manifests';
import {
  DEFAULT_ISTIO_VERSION,
  DEFAULT_MESH_MODE,
  DEFAULT_ROOT_NAMESPACE,
  type ClusterEntry,
  type EgressOptions,
  type EgressResult,
  type Manifest,
  type WorkloadReport,
} from './types';

interface ScopeEntry {
  scope: SidecarScope;
  decisions: ScopeDecisions;
  outbound: ClusterEntry[];
}

/** Every non-UDP Service port is a probe destination. */
function destinations(index: ServiceIndex): Destination[] {
  const out: Destination[] = [];
  for (const s of index.services) {
    const seen = new Set<number>();
    for (const p of s.ports) {
      if (p.protocol === 'UDP' || seen.has(p.port)) continue;
      seen.add(p.port);
      out.push({ id: out.length, serviceIndex: s.index, fqdn: s.fqdn, port: p.port, to: `${s.fqdn}:${p.port}` });
    }
  }
  return out;
}

/**
 * External probe destinations: every exact ServiceEntry host × non-UDP port, then the
 * requested `host:port` probes (a TLS probe when a ServiceEntry port serving it is HTTPS/TLS,
 * else when the port is 443).
 */
function externalDestinations(externals: readonly ExternalServiceModel[], extra: readonly string[], first: number): ExternalDestination[] {
  const out: ExternalDestination[] = [];
  const seen = new Set<string>();
  const add = (host: string, port: number, tls: boolean): void => {
    const to = `${host}:${port}`;
    if (seen.has(to)) return;
    seen.add(to);
    out.push({ id: first + out.length, host, port, tls, to });
  };
  for (const e of externals) {
    if (e.wildcard) continue;
    for (const p of e.ports) if (p.protocol !== 'UDP') add(e.host, p.number, p.protocol === 'HTTPS' || p.protocol === 'TLS');
  }
  for (const raw of extra) {
    const m = /^([A-Za-z0-9.-]+\.[A-Za-z0-9-]+):([0-9]{1,5})$/.exec(raw);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new InputError(`external probe "${raw}" must be <host>:<port>, e.g. en.wikipedia.org:443`);
    const host = m[1].toLowerCase();
    const port = Number(m[2]);
    const declared = externals.flatMap((e) => (hostServes(e.host, host) ? e.ports.filter((p) => p.number === port) : []))[0];
    add(host, port, declared ? declared.protocol === 'HTTPS' || declared.protocol === 'TLS' : port === 443);
  }
  return out;
}

/**
 * Analyses the manifests into a compact {@link EgressReport} (workload reports, warnings,
 * probe lookups); `report.toResult()` gives the full JSON-shaped result.
 * Throws only for an invalid `istioVersion` or `externalProbes` entry.
 */
export function analyzeEgressReport(manifests: readonly Manifest[], options: EgressOptions = {}): EgressReport {
  const features = versionFeatures(parseIstioVersion(options.istioVersion ?? DEFAULT_ISTIO_VERSION));
  const model = buildManifestModel(manifests);
  const warnings = new Set<string>(model.warnings);
  const warn = (m: string): void => void warnings.add(m);
  const index = new ServiceIndex(model.services);
  const selector = new SidecarSelector(model.sidecars, options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE);
  const ctx: ScopeContext = { index, features, meshMode: options.meshMode ?? DEFAULT_MESH_MODE, warn, externals: model.externals };
  const internal = destinations(index);
  const external = externalDestinations(model.externals, options.externalProbes ?? [], internal.length);
  const dests = new DestinationSet([
    ...internal,
    ...external.map((d) => ({ id: d.id, serviceIndex: -1, fqdn: d.host, port: d.port, to: d.to })),
  ]);
  const scopes = new Map<string, ScopeEntry>();
  const statics = staticClusters(features);
  const shared = new ExternalDecisions();

  const workloads: WorkloadReport[] = [];
  const decisions: ScopeDecisions[] = [];
  for (const w of model.workloads) {
    const choice = selector.select(w);
    const key = `${choice.sidecar?.id ?? ''}|${w.namespace}`;
    let entry = scopes.get(key);
    if (!entry) {
      const scope = buildSidecarScope(choice.sidecar, choice.source, w.namespace, ctx);
      const table = buildListenerTable(scope);
      const ext = new Map<number, number>();
      for (const d of external) {
        ext.set(d.id, dests.intern(decideExternal(d, scope, table, model.hostRules, shared)));
      }
      const decisions = dests.decideAll(table, scope.mode, ext);
      entry = { scope, decisions, outbound: outboundClusters(scope) };
      scopes.set(key, entry);
    }
    const clusters = sortClusters([...inboundClusters(w, index, warn), ...statics, ...entry.outbound].map((c) => ({ ...c })));
    workloads.push({ workload: w.id, sidecar: choice.sidecar?.id ?? null, mode: entry.scope.mode, clusters });
    decisions.push(entry.decisions);
  }
  for (const m of selector.warnings) warnings.add(m);
  return new EgressReport(workloads, [...warnings], dests, decisions);
}

/** Analyses the manifests; the result has exactly the CLI's `--json` shape (one object per probe). */
export function analyzeEgress(manifests: readonly Manifest[], options: EgressOptions = {}): EgressResult {
  return analyzeEgressReport(manifests, options).toResult();
}
