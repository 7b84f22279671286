/**
 * The commands users run on large values, end to end as processes (npm's own
 * start included): `npm run egress -- -f values.yaml` (helm render, parse,
 * analysis, summary output) and `npm run validate-values -- values.yaml`, on
 * the default values (test pods on) at n namespaces, with wall time and peak
 * RSS (GNU time's ru_maxrss: the largest single process of the tree: npm, node
 * or helm). Also the release Secret payload of `helm install` at the largest n.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import { dryRunRelease, releasePayload, type ReleasePayload } from '../src/helm/release-payload';
import { repeat, spawnMeasured, summarize, type RepeatPlan, type Samples } from './measure';
import { scaleValues } from './scale-values';

export interface CommandResult {
  command: string;
  namespaces: number;
  wallMs: Samples;
  peakRssMiB: Samples;
  outputBytes: number;
  exitCode: number;
}

export interface CliEndToEndResult {
  commands: CommandResult[];
  payload?: ReleasePayload & { namespaces: number };
}

async function measureCommand(repoRoot: string, script: string, args: string[], namespaces: number, plan: RepeatPlan): Promise<CommandResult> {
  const check = await spawnMeasured('npm', ['run', '-s', script, '--', ...args], { cwd: repoRoot, capture: true });
  const runs = await repeat(plan, () => spawnMeasured('npm', ['run', '-s', script, '--', ...args], { cwd: repoRoot }));
  return {
    command: `npm run ${script} -- ${args.map((a) => (a.includes('/') ? path.basename(a) : a)).join(' ')}`,
    namespaces,
    wallMs: summarize(runs.map((r) => r.wallMs)),
    peakRssMiB: summarize(runs.map((r) => r.peakRssKiB / 1024)),
    outputBytes: Buffer.byteLength(check.stdout),
    exitCode: check.code,
  };
}

export async function benchCliEndToEnd(repoRoot: string, dir: string, chartDir: string, sizes: number[], plan: RepeatPlan): Promise<CliEndToEndResult> {
  fs.mkdirSync(dir, { recursive: true });
  const result: CliEndToEndResult = { commands: [] };
  for (const n of sizes) {
    // YAML, as users write values files; the default values with n namespaces (test pods on).
    const file = path.join(dir, `values-${n}.yaml`);
    fs.writeFileSync(file, dump(scaleValues(n, { tests: true })));
    result.commands.push(await measureCommand(repoRoot, 'egress', ['-f', file], n, plan));
    result.commands.push(await measureCommand(repoRoot, 'validate-values', [file], n, plan));
  }
  const largest = Math.max(...sizes);
  const release = await dryRunRelease(chartDir, [path.join(dir, `values-${largest}.yaml`)]);
  result.payload = { ...releasePayload(release), namespaces: largest };
  return result;
}
