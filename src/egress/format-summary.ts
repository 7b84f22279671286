/**
 * The summary of one workload's probes, for inputs too large to print row by
 * row: per outcome, per port, which destination namespaces end that way.
 */
import { describeWorkload } from './format-text';
import type { ProbeOutcome, WorkloadReport } from './types';

const OUTCOME_ORDER: readonly ProbeOutcome[] = ['ok', 'passthrough_ok', 'block_all_502', 'no_route_404', 'blackhole_reset', 'unknown'];
/** Namespaces named in full per group; beyond that the first few and a count. */
const LISTED = 8;
const SHOWN = 5;

const IN_MESH = '.svc.cluster.local';

/**
 * `helloworld.foo.svc.cluster.local:80` → `{ namespace: 'foo', port: '80', external: false }`;
 * an external host (a ServiceEntry host, `api.github.com:443`) is its own group:
 * `{ namespace: 'api.github.com', port: '443', external: true }`.
 */
export function destinationParts(to: string): { namespace: string; port: string; external: boolean } {
  // A request probe: `<scheme>://<host>:<port><path>[@<Service FQDN>]`.
  const request = /^https?:\/\/([^/:]+):(\d+)[^@]*(?:@(.+))?$/.exec(to);
  if (request) {
    const connect = request[3];
    if (connect?.endsWith(IN_MESH)) return { namespace: connect.split('.')[1] ?? connect, port: request[2], external: false };
    const host = request[1];
    return host.endsWith(IN_MESH) ? { namespace: host.split('.')[1] ?? host, port: request[2], external: false } : { namespace: host, port: request[2], external: true };
  }
  const colon = to.lastIndexOf(':');
  const host = to.slice(0, colon);
  const port = to.slice(colon + 1);
  if (!host.endsWith(IN_MESH)) return { namespace: host, port, external: true };
  return { namespace: host.split('.')[1] ?? host, port, external: false };
}

/** One destination as the summary groups it: its namespace (an external host: the host; with a dense index) and port. */
export interface SummaryDestination {
  namespace: string;
  namespaceIndex: number;
  port: string;
  external: boolean;
}

interface Group {
  port: string;
  external: boolean;
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
    const key = d.external ? `${d.port} external` : d.port;
    let g = byPort.get(key);
    if (!g) byPort.set(key, (g = { port: d.port, external: d.external, names: [], count: 0, seen: new Uint8Array(this.namespaceCount) }));
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
      [...byPort.values()].forEach((g, i) => {
        const label = (i === 0 ? outcome : '').padEnd(width);
        lines.push(`  ${label}  port ${g.port}: ${g.external ? hostList(g) : namespaceList(g, namespacesByPort.get(g.port) ?? 0)}`);
      });
    }
    if (this.probes === 0) lines.push('  (no Service ports to probe)');
    lines.push(`  (${this.probes} probe(s), ${w.clusters.length} cluster(s))`, '');
    return lines;
  }
}

function namespaceList(g: Group, everyOf: number): string {
  if (g.count === everyOf && everyOf > 1) return `every namespace (${everyOf})`;
  return named(g, `${g.count} namespace${g.count === 1 ? '' : 's'}`);
}

function hostList(g: Group): string {
  return named(g, `${g.count} external host${g.count === 1 ? '' : 's'}`);
}

function named(g: Group, count: string): string {
  if (g.count <= LISTED) return `${count}: ${g.names.join(', ')}`;
  return `${count}: ${g.names.slice(0, SHOWN).join(', ')}, … (+${g.count - SHOWN})`;
}
