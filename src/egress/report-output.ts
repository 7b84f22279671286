/**
 * Writing an {@link EgressReport} without building one giant string: text
 * (every row, or a per-workload summary) and JSON, both streamed in chunks and
 * both narrowed by `--from` / `--to` namespaces.
 */
import type { EgressReport } from './egress-report';
import { formatWorkloadSection } from './format-text';
import { destinationParts, WorkloadSummary, type SummaryDestination } from './format-summary';
import type { Probe, WorkloadReport } from './types';

/** Sink for output chunks; a returned promise means "wait before writing more" (stdout backpressure). */
export type Write = (chunk: string) => void | Promise<void>;

/** Which workloads and destinations to print: by namespace; an empty list means all. */
export interface ReportFilter {
  from: readonly string[];
  to: readonly string[];
}

/** Text output modes: every probe row and cluster table, or a summary per workload. */
export type TextMode = 'full' | 'summary';

/** Above this many probe rows, text output is summarized unless `--full` is given. */
export const SUMMARY_THRESHOLD = 2000;

const CHUNK = 64 * 1024;

/** Collects text into ~64 KB chunks and hands them to `write`, awaiting backpressure. */
export class ChunkedWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly write: Write) {}

  async add(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    await this.write(chunk);
  }
}

const namespaceOf = (workload: string) => workload.split('/')[0];

/** The workloads the filter keeps, in report order. */
export function selectedWorkloads(report: EgressReport, filter: ReportFilter): WorkloadReport[] {
  const from = new Set(filter.from);
  return report.workloads.filter((w) => from.size === 0 || from.has(namespaceOf(w.workload)));
}

/** The probes of one workload whose destination the filter keeps. */
export function selectedProbes(report: EgressReport, workload: string, filter: ReportFilter): Probe[] {
  const probes = report.probesFrom(workload);
  if (filter.to.length === 0) return probes;
  const to = new Set(filter.to);
  return probes.filter((p) => to.has(destinationParts(p.to).namespace));
}

/** How many probe rows the filtered output has (without materializing them). */
export function selectedProbeCount(report: EgressReport, filter: ReportFilter): number {
  const workloads = selectedWorkloads(report, filter);
  if (workloads.length === 0) return 0;
  const perWorkload = filter.to.length === 0 ? report.probesFrom(workloads[0].workload).length : selectedProbes(report, workloads[0].workload, filter).length;
  return workloads.length * perWorkload;
}

/** Each destination's namespace and port, or null where `--to` leaves it out; indexed like the report's destinations. */
function summaryDestinations(report: EgressReport, filter: ReportFilter): { list: (SummaryDestination | null)[]; namespaces: number } {
  const to = new Set(filter.to);
  const index = new Map<string, number>();
  const list = report.destinationList.map((d) => {
    const { namespace, port, external } = destinationParts(d.to);
    if (to.size > 0 && !to.has(namespace)) return null;
    let namespaceIndex = index.get(namespace);
    if (namespaceIndex === undefined) index.set(namespace, (namespaceIndex = index.size));
    return { namespace, namespaceIndex, port, external };
  });
  return { list, namespaces: index.size };
}

function namespacesByPort(destinations: readonly (SummaryDestination | null)[]): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const d of destinations) {
    if (!d || d.external) continue;
    let s = sets.get(d.port);
    if (!s) sets.set(d.port, (s = new Set()));
    s.add(d.namespace);
  }
  return new Map([...sets].map(([port, s]) => [port, s.size]));
}

/** Streams the text report: `header` lines first, then one section (full) or summary per selected workload. */
export async function writeText(report: EgressReport, filter: ReportFilter, mode: TextMode, header: string[], write: Write): Promise<void> {
  const out = new ChunkedWriter(write);
  for (const line of header) await out.add(`${line}\n`);
  const workloads = selectedWorkloads(report, filter);
  const destinations = mode === 'summary' ? summaryDestinations(report, filter) : { list: [], namespaces: 0 };
  const byPort = namespacesByPort(destinations.list);
  for (const w of workloads) {
    let lines: string[];
    if (mode === 'full') {
      lines = formatWorkloadSection(w, selectedProbes(report, w.workload, filter));
    } else {
      const summary = new WorkloadSummary(destinations.namespaces);
      report.forEachOutcome(w.workload, (d, outcome) => {
        const s = destinations.list[d.id];
        if (s) summary.add(s, outcome);
      });
      lines = summary.format(w, byPort);
    }
    await out.add(`${lines.join('\n')}\n`);
  }
  if (report.workloads.length === 0) await out.add('(no workloads in the input)\n\n');
  else if (workloads.length === 0) await out.add(`(no workload in namespace ${filter.from.join(', ')})\n\n`);
  await out.flush();
}

/** Streams `{"workloads":[…],"probes":[…]}` (the shape of `EgressResult`) for the selected workloads and destinations. */
export async function writeJson(report: EgressReport, filter: ReportFilter, write: Write): Promise<void> {
  const out = new ChunkedWriter(write);
  const workloads = selectedWorkloads(report, filter);
  await out.add(`{"workloads":${JSON.stringify(workloads)},"probes":[`);
  let first = true;
  for (const w of workloads) {
    const probes = selectedProbes(report, w.workload, filter);
    if (probes.length === 0) continue;
    const body = JSON.stringify(probes).slice(1, -1);
    await out.add(first ? body : `,${body}`);
    first = false;
  }
  await out.add(']}\n');
  await out.flush();
}
