/**
 * Generation benchmark: how long `npm run build-chart` takes.
 *
 * - cold: a fresh process per run (`tsx bench/generate-helper.ts <tmp>`), which
 *   does what the CLI does but writes into a temp folder; wall time is measured
 *   from here, the split (startup / schema / templates / text / write) inside;
 * - warm: `generateChart` + `writeFiles` (to a temp folder) repeated in this
 *   process, as a watch-mode rebuild would;
 * - cli: the real `node bin/helmts.js build`, once, only when a fresh
 *   generation is byte-identical to the committed chart and schema (so the
 *   CLI rewrites identical bytes); `git status --porcelain charts schema` and
 *   content hashes are taken before and after and any change is reported.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateChart, writeFiles } from '../src/generator';
import { helloworldEgress } from '../src/charts';
import type { HelperTimings } from './generate-helper';
import { repeat, spawnMeasured, summarize, type RepeatPlan, type Samples } from './measure';
import { treeHash } from './tree-hash';

export const CHART_DIR = `charts/${helloworldEgress.name}`;
const OWNED = [CHART_DIR];

export interface ColdGeneration {
  /** Wall time of the whole process, measured by the parent. */
  wall: Samples;
  peakRssMiB: Samples;
  split: Record<keyof Omit<HelperTimings, 'files' | 'bytes'>, Samples>;
  files: number;
  bytes: number;
}

export interface WarmGeneration {
  total: Samples;
  split: Record<'schema' | 'templates' | 'text' | 'write', Samples>;
}

export interface CliRun {
  ran: boolean;
  /** Why the CLI was not run, or what it printed. */
  note: string;
  wallMs?: number;
  gitStatusBefore?: string;
  gitStatusAfter?: string;
  /** True when charts/ and schema/ are byte-identical before and after, and git status is unchanged. */
  unchanged?: boolean;
}

export interface GenerationResult {
  cold: ColdGeneration;
  warm: WarmGeneration;
  cli: CliRun;
  /** A fresh generation equals the committed chart and schema byte for byte. */
  freshMatchesCommitted: boolean;
}

function gitStatus(repoRoot: string): string {
  try {
    return execFileSync('git', ['status', '--porcelain', '--', ...OWNED], { cwd: repoRoot, encoding: 'utf8' });
  } catch (error) {
    return `git status failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function ownedHashes(root: string): string {
  return OWNED.map((d) => treeHash(path.join(root, d))).join(',');
}

async function cold(repoRoot: string, tmp: string, plan: RepeatPlan): Promise<{ cold: ColdGeneration; matches: boolean }> {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const helper = path.join(repoRoot, 'bench', 'generate-helper.ts');
  let matches = true;
  const runs = await repeat(plan, async (run) => {
    const out = path.join(tmp, `cold-${run < 0 ? `w${-run}` : run}`);
    const r = await spawnMeasured(tsx, [helper, out], { cwd: repoRoot, capture: true });
    if (r.code !== 0) throw new Error(`generate-helper failed (${r.code}):\n${r.stderr}`);
    const timings = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as HelperTimings;
    matches &&= ownedHashes(out) === ownedHashes(repoRoot);
    fs.rmSync(out, { recursive: true, force: true });
    return { wall: r.wallMs, rss: r.peakRssKiB / 1024, timings };
  });
  const pick = (k: keyof HelperTimings) => summarize(runs.map((r) => r.timings[k]));
  return {
    matches,
    cold: {
      wall: summarize(runs.map((r) => r.wall)),
      peakRssMiB: summarize(runs.map((r) => r.rss)),
      split: {
        startup: pick('startup'),
        schema: pick('schema'),
        templates: pick('templates'),
        text: pick('text'),
        write: pick('write'),
        total: pick('total'),
      },
      files: runs[0]?.timings.files ?? 0,
      bytes: runs[0]?.timings.bytes ?? 0,
    },
  };
}

async function warm(repoRoot: string, tmp: string, plan: RepeatPlan): Promise<WarmGeneration> {
  const out = path.join(tmp, 'warm');
  // writeFiles writes only inside an existing root.
  fs.mkdirSync(out, { recursive: true });
  const runs = await repeat(plan, () => {
    const t0 = performance.now();
    const chart = generateChart(helloworldEgress, { repoRoot });
    const t1 = performance.now();
    writeFiles(out, OWNED, chart.files);
    const t2 = performance.now();
    return { total: t2 - t0, ...chart.timings, write: t2 - t1 };
  });
  fs.rmSync(out, { recursive: true, force: true });
  const pick = (k: 'schema' | 'templates' | 'text' | 'write') => summarize(runs.map((r) => r[k]));
  return {
    total: summarize(runs.map((r) => r.total)),
    split: { schema: pick('schema'), templates: pick('templates'), text: pick('text'), write: pick('write') },
  };
}

async function realCli(repoRoot: string, freshMatches: boolean): Promise<CliRun> {
  if (!freshMatches) {
    return { ran: false, note: 'skipped: a fresh generation differs from the committed chart, so the CLI would rewrite it' };
  }
  const before = gitStatus(repoRoot);
  const hashBefore = ownedHashes(repoRoot);
  const r = await spawnMeasured(process.execPath, [path.join(repoRoot, 'bin', 'helmts.js'), 'build'], { cwd: repoRoot, capture: true, memory: false });
  const after = gitStatus(repoRoot);
  const unchanged = before === after && hashBefore === ownedHashes(repoRoot);
  return {
    ran: true,
    note: (r.code === 0 ? r.stdout : r.stderr).trim(),
    wallMs: r.wallMs,
    gitStatusBefore: before,
    gitStatusAfter: after,
    unchanged,
  };
}

/** Runs the three generation measurements; `tmp` is a scratch folder this function may fill. */
export async function benchGeneration(
  repoRoot: string,
  tmp: string,
  plans: { cold: RepeatPlan; warm: RepeatPlan },
): Promise<GenerationResult> {
  const c = await cold(repoRoot, tmp, plans.cold);
  const cli = await realCli(repoRoot, c.matches);
  const w = await warm(repoRoot, tmp, plans.warm);
  return { cold: c.cold, warm: w, cli, freshMatchesCommitted: c.matches };
}
