/**
 * Human-readable output: an aligned probe matrix per workload and the cluster table in
 * `istioctl proxy-config clusters` layout (Go text/tabwriter, padding 5).
 */
import type { ClusterEntry, Probe, WorkloadReport } from './types';

/**
 * Go `tabwriter` alignment: every cell but the last of a line is padded to its column's
 * widest cell plus `padding` (so istioctl lines keep trailing spaces before an empty last cell).
 */
export function alignColumns(rows: readonly string[][], padding: number, indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  }
  return rows.map(
    (row) => indent + row.map((cell, i) => (i < row.length - 1 ? cell + ' '.repeat(widths[i] + padding - [...cell].length) : cell)).join(''),
  );
}

/** The cluster table exactly as `istioctl proxy-config clusters` prints it. */
export function formatClusterTable(clusters: readonly ClusterEntry[]): string[] {
  const rows = [['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE']];
  for (const c of clusters) {
    rows.push(
      c.direction === ''
        ? [c.fqdn, '-', '-', '-', c.type, '']
        : [c.fqdn, String(c.port ?? '-'), c.subset ?? '-', c.direction, c.type, c.destinationRule ?? ''],
    );
  }
  return alignColumns(rows, 5);
}

/** The probe rows: destination, outcome, the client sidecar's cluster (`-` when none serves it), via, reason. */
export function formatProbeMatrix(probes: readonly Probe[], indent = '  '): string[] {
  const rows = [['DESTINATION', 'OUTCOME', 'CLUSTER', 'VIA', 'REASON']];
  for (const p of probes) rows.push([p.to, p.outcome, p.cluster ?? '-', p.via, p.reason]);
  return alignColumns(rows, 2, indent);
}

export function describeWorkload(w: WorkloadReport): string {
  if (w.proxy !== 'sidecar') return `${w.workload}  —  ${w.proxy === 'none' ? 'no sidecar' : w.proxy === 'gateway' ? 'gateway proxy' : 'sidecar unknown'}: ${w.proxyReason}`;
  const sidecar = w.sidecar === null ? 'implicit default Sidecar (egress */*)' : `Sidecar ${w.sidecar}`;
  return `${w.workload}  —  ${sidecar}, outboundTrafficPolicy ${w.mode}`;
}

/** One workload's section: header, probe matrix, blank line, cluster table. */
export function formatWorkloadSection(w: WorkloadReport, probes: readonly Probe[]): string[] {
  return [
    `== ${describeWorkload(w)}`,
    ...(probes.length > 0 ? formatProbeMatrix(probes) : ['  (no Service ports to probe)']),
    '',
    ...(w.clusters.length > 0 ? formatClusterTable(w.clusters).map((l) => `  ${l}`) : ['  (no Envoy clusters: no sidecar)']),
    '',
  ];
}
