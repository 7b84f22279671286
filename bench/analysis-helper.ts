/**
 * Child process of the analysis benchmark (`bench/analysis.ts`), so each
 * mode's peak memory is its own: builds the synthetic mesh and times one
 * entry point of the egress analyzer. Prints one JSON line of {@link AnalysisRuns}.
 *
 *   tsx bench/analysis-helper.ts <report|full> <namespaces> <warmup> <runs>
 */
import { analyzeEgress, analyzeEgressReport, buildSyntheticManifests } from '../src/egress';

export interface AnalysisRuns {
  mode: 'report' | 'full';
  namespaces: number;
  manifests: number;
  /** Milliseconds per recorded call. */
  samples: number[];
  /** Probe objects of the last call (full mode), or workloads × destinations (report mode). */
  probes: number;
  workloads: number;
  /** Peak resident memory of this process, MiB. */
  maxRssMiB: number;
}

function main(): void {
  const [mode, n, warmup, runs] = process.argv.slice(2);
  if (mode !== 'report' && mode !== 'full') throw new Error('usage: analysis-helper.ts <report|full> <namespaces> <warmup> <runs>');
  const manifests = buildSyntheticManifests(Number(n));
  const samples: number[] = [];
  let probes = 0;
  let workloads = 0;
  for (let i = -Number(warmup); i < Number(runs); i++) {
    const t = performance.now();
    if (mode === 'report') {
      const report = analyzeEgressReport(manifests);
      const ms = performance.now() - t;
      workloads = report.workloads.length;
      probes = report.probeCount;
      if (i >= 0) samples.push(ms);
    } else {
      const result = analyzeEgress(manifests);
      const ms = performance.now() - t;
      probes = result.probes.length;
      workloads = result.workloads.length;
      if (i >= 0) samples.push(ms);
    }
  }
  const out: AnalysisRuns = {
    mode,
    namespaces: Number(n),
    manifests: manifests.length,
    samples,
    probes,
    workloads,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
