/**
 * Command start-up benchmark: `validate-values` on values/seed.yaml as a user
 * runs it, process start included — `node bin/helmts.js validate …` (compiled
 * dist/ when built, else tsx on the fly) and `npm run -s validate-values -- …`
 * (adds npm's own start).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repeat, spawnMeasured, summarize, type RepeatPlan, type Samples } from './measure';

export interface CliStartResult {
  file: string;
  /** `dist/cli/main.js` exists, so bin/helmts.js skips tsx. */
  compiled: boolean;
  node: { ms: Samples; peakRssMiB: Samples; output: string };
  npm: { ms: Samples; output: string };
}

async function measure(repoRoot: string, command: string, args: string[], plan: RepeatPlan, memory: boolean) {
  let output = '';
  const runs = await repeat(plan, async () => {
    const r = await spawnMeasured(command, args, { cwd: repoRoot, capture: true, memory });
    if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
    output = r.stdout.trim();
    return r;
  });
  return { ms: summarize(runs.map((r) => r.wallMs)), peakRssMiB: summarize(runs.map((r) => r.peakRssKiB / 1024)), output };
}

export async function benchCliStart(repoRoot: string, file: string, plan: { node: RepeatPlan; npm: RepeatPlan }): Promise<CliStartResult> {
  const node = await measure(repoRoot, process.execPath, [path.join(repoRoot, 'bin', 'helmts.js'), 'validate', file], plan.node, true);
  const npm = await measure(repoRoot, 'npm', ['run', '-s', 'validate-values', '--', file], plan.npm, false);
  return {
    file,
    compiled: fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js')),
    node,
    npm: { ms: npm.ms, output: npm.output },
  };
}
