/**
 * The analysis in compact form: per-workload reports plus, per workload, the decision
 * decisions of its Sidecar scope (shared by workloads with the same scope). Probes are
 * materialized on request, so large meshes (1,000 workloads × 4,000 Service ports =
 * 4M probes) can be queried or streamed without building millions of objects.
 */
import type { DecisionLookup, Destination, DestinationSet } from './probe-decision';
import type { EgressResult, OutboundMode, Probe, ProbeOutcome, WorkloadReport } from './types';

export class EgressReport {
  private readonly workloadIndex = new Map<string, number>();

  constructor(
    readonly workloads: readonly WorkloadReport[],
    /** Things the model noticed but does not model; one line each. */
    readonly warnings: readonly string[],
    private readonly destinations: DestinationSet,
    private readonly scopeDecisions: readonly DecisionLookup[],
    /** The mesh settings the analysis used (options, else the input's mesh config ConfigMap, else Istio's defaults). */
    readonly mesh: { mode: OutboundMode; rootNamespace: string; source: string } = { mode: 'ALLOW_ANY', rootNamespace: 'istio-system', source: 'defaults' },
  ) {
    workloads.forEach((w, i) => this.workloadIndex.set(w.workload, i));
  }

  /** Number of Services (closed world). */
  get serviceCount(): number {
    return new Set(this.destinations.list.filter((d) => d.serviceIndex >= 0).map((d) => d.serviceIndex)).size;
  }

  get probeCount(): number {
    return this.workloads.length * this.destinations.list.length;
  }

  /** The probe from workload `<ns>/<name>` to `<svc>.<ns>.svc.cluster.local:<port>`, if both exist. */
  probe(from: string, to: string): Probe | undefined {
    const w = this.workloadIndex.get(from);
    const d = this.destinations.idOf(to);
    if (w === undefined || d === undefined) return undefined;
    return this.materialize(from, w, d);
  }

  /** Every destination (Service port), in Service/port input order: the order of {@link probesFrom}. */
  get destinationList(): readonly Destination[] {
    return this.destinations.list;
  }

  /** Each probe's outcome from one workload, by destination, without building probe objects. */
  forEachOutcome(from: string, visit: (destination: Destination, outcome: ProbeOutcome) => void): void {
    const w = this.workloadIndex.get(from);
    if (w === undefined) return;
    const scope = this.scopeDecisions[w];
    const { list, decisions } = this.destinations;
    for (let d = 0; d < list.length; d++) visit(list[d], decisions[scope.at(d)].outcome);
  }

  /** Probes of one workload, in Service/port input order. */
  probesFrom(from: string): Probe[] {
    const w = this.workloadIndex.get(from);
    if (w === undefined) return [];
    const out: Probe[] = [];
    for (let d = 0; d < this.destinations.list.length; d++) out.push(this.materialize(from, w, d));
    return out;
  }

  /** The full result, exactly the `--json` shape. Allocates one object per probe. */
  toResult(): EgressResult {
    const probes: Probe[] = [];
    const count = this.destinations.list.length;
    this.workloads.forEach((w, i) => {
      for (let d = 0; d < count; d++) probes.push(this.materialize(w.workload, i, d));
    });
    return { workloads: this.workloads.map((w) => ({ ...w, clusters: w.clusters.map((c) => ({ ...c })) })), probes };
  }

  /** Writes `JSON.stringify(toResult())` in chunks (no single huge string). */
  writeJson(write: (chunk: string) => void): void {
    write(`{"workloads":${JSON.stringify(this.workloads)},"probes":[`);
    let first = true;
    for (const w of this.workloads) {
      const probes = this.probesFrom(w.workload);
      if (probes.length === 0) continue;
      const body = JSON.stringify(probes).slice(1, -1);
      write(first ? body : `,${body}`);
      first = false;
    }
    write(']}');
  }

  private materialize(from: string, w: number, d: number): Probe {
    const decision = this.destinations.decisions[this.scopeDecisions[w].at(d)];
    const probe: Probe = { from, to: this.destinations.list[d].to, outcome: decision.outcome, via: decision.via, reason: decision.reason };
    if (decision.tls) probe.tls = true;
    if (decision.cluster !== undefined) probe.cluster = decision.cluster;
    if (decision.gatewayCluster !== undefined) probe.gatewayCluster = decision.gatewayCluster;
    if (decision.timeout !== undefined) probe.timeout = decision.timeout;
    if (decision.status !== undefined) probe.status = decision.status;
    if (decision.mtls !== undefined) probe.mtls = decision.mtls;
    return probe;
  }
}
