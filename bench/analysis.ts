/**
 * Egress-analysis benchmark: the analyzer on the synthetic 1,000-namespace mesh
 * (`buildSyntheticManifests`), each entry point in its own child process
 * (bench/analysis-helper.ts) so its peak memory is its own:
 * - `analyzeEgressReport`: every listener and decision, probes kept compact;
 * - `analyzeEgress`: the same plus one materialised object per probe (4M).
 */
import * as path from 'node:path';
import type { AnalysisRuns } from './analysis-helper';
import { spawnMeasured, summarize, type Samples } from './measure';

export interface AnalysisModeResult {
  ms: Samples;
  probes: number;
  workloads: number;
  manifests: number;
  maxRssMiB: number;
}

export interface AnalysisResult {
  namespaces: number;
  report: AnalysisModeResult;
  full: AnalysisModeResult;
}

async function runMode(repoRoot: string, mode: 'report' | 'full', namespaces: number, warmup: number, runs: number): Promise<AnalysisModeResult> {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const helper = path.join(repoRoot, 'bench', 'analysis-helper.ts');
  const r = await spawnMeasured(tsx, [helper, mode, String(namespaces), String(warmup), String(runs)], {
    cwd: repoRoot,
    capture: true,
    memory: false,
  });
  if (r.code !== 0) throw new Error(`analysis-helper ${mode} failed (${r.code}):\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as AnalysisRuns;
  return { ms: summarize(out.samples), probes: out.probes, workloads: out.workloads, manifests: out.manifests, maxRssMiB: out.maxRssMiB };
}

/** Times both entry points at `namespaces` (1,000 in the full run). */
export async function benchAnalysis(
  repoRoot: string,
  namespaces: number,
  plan: { report: { warmup: number; runs: number }; full: { warmup: number; runs: number } },
): Promise<AnalysisResult> {
  const report = await runMode(repoRoot, 'report', namespaces, plan.report.warmup, plan.report.runs);
  const full = await runMode(repoRoot, 'full', namespaces, plan.full.warmup, plan.full.runs);
  return { namespaces, report, full };
}
