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
 * Analyses the manifests into a compact {@link EgressReport} (workload reports, warnings,
 * probe lookups); `report.toResult()` gives the full JSON-shaped result.
 * Throws only for an invalid `istioVersion`.
 */
export function analyzeEgressReport(manifests: readonly Manifest[], options: EgressOptions = {}): EgressReport {
  const features = versionFeatures(parseIstioVersion(options.istioVersion ?? DEFAULT_ISTIO_VERSION));
  const model = buildManifestModel(manifests);
  const warnings = new Set<string>(model.warnings);
  const warn = (m: string): void => void warnings.add(m);
  const index = new ServiceIndex(model.services);
  const selector = new SidecarSelector(model.sidecars, options.rootNamespace ?? DEFAULT_ROOT_NAMESPACE);
  const ctx: ScopeContext = { index, features, meshMode: options.meshMode ?? DEFAULT_MESH_MODE, warn };
  const dests = new DestinationSet(destinations(index));
  const scopes = new Map<string, ScopeEntry>();
  const statics = staticClusters(features);

  const workloads: WorkloadReport[] = [];
  const decisions: ScopeDecisions[] = [];
  for (const w of model.workloads) {
    const choice = selector.select(w);
    const key = `${choice.sidecar?.id ?? ''}|${w.namespace}`;
    let entry = scopes.get(key);
    if (!entry) {
      const scope = buildSidecarScope(choice.sidecar, choice.source, w.namespace, ctx);
      const decisions = dests.decideAll(buildListenerTable(scope), scope.mode);
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
