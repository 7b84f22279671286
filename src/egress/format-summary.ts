/**
 * The summary of one workload's probes, for inputs too large to print row by
 * row: per outcome, per port, which destination namespaces end that way.
 */
import { describeWorkload } from './format-text';
import type { ProbeOutcome, WorkloadReport } from './types';

const OUTCOME_ORDER: readonly ProbeOutcome[] = ['ok', 'passthrough_ok', 'block_all_502', 'no_route_404', 'blackhole_reset'];
/** Namespaces named in full per group; beyond that the first few and a count. */
const LISTED = 8;
const SHOWN = 5;

/** `helloworld.foo.svc.cluster.local:80` → `{ namespace: 'foo', port: '80' }`. */
export function destinationParts(to: string): { namespace: string; port: string } {
  const colon = to.lastIndexOf(':');
  const host = to.slice(0, colon);
  return { namespace: host.split('.')[1] ?? host, port: to.slice(colon + 1) };
}

/** One destination as the summary groups it: its namespace (and that namespace's dense index) and port. */
export interface SummaryDestination {
  namespace: string;
  namespaceIndex: number;
  port: string;
}

interface Group {
  names: string[];
  count: number;
  seen: Uint8Array;
}

/** Groups probe outcomes by (outcome, port), counting distinct destination namespaces. */
export class WorkloadSummary {
  private readonly groups = new Map<ProbeOutcome, Map<string, Group>>();
  private probes = 0;

  constructor(private readonly namespaceCount: number) {}

  add(d: SummaryDestination, outcome: ProbeOutcome): void {
    this.probes++;
    let byPort = this.groups.get(outcome);
    if (!byPort) this.groups.set(outcome, (byPort = new Map()));
    let g = byPort.get(d.port);
    if (!g) byPort.set(d.port, (g = { names: [], count: 0, seen: new Uint8Array(this.namespaceCount) }));
    if (g.seen[d.namespaceIndex]) return;
    g.seen[d.namespaceIndex] = 1;
    g.count++;
    if (g.names.length < LISTED) g.names.push(d.namespace);
  }

  /**
   * Lines for the workload: its header, one line per (outcome, port) with the
   * namespaces whose Services end that way, then the counts. `namespacesByPort`
   * is how many namespaces have a destination on each port ("every namespace").
   */
  format(w: WorkloadReport, namespacesByPort: ReadonlyMap<string, number>): string[] {
    const width = Math.max(0, ...[...this.groups.keys()].map((o) => o.length));
    const lines = [`== ${describeWorkload(w)}`];
    for (const outcome of OUTCOME_ORDER) {
      const byPort = this.groups.get(outcome);
      if (!byPort) continue;
      [...byPort.entries()].forEach(([port, g], i) => {
        const label = (i === 0 ? outcome : '').padEnd(width);
        lines.push(`  ${label}  port ${port}: ${namespaceList(g, namespacesByPort.get(port) ?? 0)}`);
      });
    }
    if (this.probes === 0) lines.push('  (no Service ports to probe)');
    lines.push(`  (${this.probes} probe(s), ${w.clusters.length} cluster(s))`, '');
    return lines;
  }
}

function namespaceList(g: Group, everyOf: number): string {
  if (g.count === everyOf && everyOf > 1) return `every namespace (${everyOf})`;
  const count = `${g.count} namespace${g.count === 1 ? '' : 's'}`;
  if (g.count <= LISTED) return `${count}: ${g.names.join(', ')}`;
  return `${count}: ${g.names.slice(0, SHOWN).join(', ')}, … (+${g.count - SHOWN})`;
}
