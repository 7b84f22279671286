/**
 * `helm template` as the benchmark runs it: the real binaries of
 * `src/helm/helm-binary.ts`, in an isolated environment (private config,
 * cache and data folders, like `src/helm/run-helm.ts`), measured by
 * {@link spawnMeasured}.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helmBinary, type HelmMajor } from '../src/helm/helm-binary';
import { helmEnvIn } from '../src/helm/run-helm';
import { spawnMeasured, type ProcessRun } from './measure';

export type { HelmMajor };

/** Release used for every benchmark render (the differential test uses the same shape). */
export const RELEASE = { name: 'bench', namespace: 'bench-ns' } as const;

let home: string | undefined;

/** An environment in which helm sees no user configuration. Removed by {@link cleanupHelmHome}. */
export function helmEnv(): NodeJS.ProcessEnv {
  home ??= fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-bench-home-'));
  return helmEnvIn(home);
}

export function cleanupHelmHome(): void {
  if (home) fs.rmSync(home, { recursive: true, force: true });
  home = undefined;
}

/** `helm version --short` of a major version, e.g. `v4.1.4+g…`. */
export async function helmVersion(major: HelmMajor): Promise<string> {
  const r = await spawnMeasured(helmBinary(major), ['version', '--short'], { env: helmEnv(), capture: true, memory: false });
  return r.code === 0 ? r.stdout.trim() : `unavailable (${r.stderr.trim()})`;
}

export interface TemplateOptions {
  /** Keep helm's stdout in the result. Default false (it goes to /dev/null). */
  capture?: boolean;
  /** Kill helm after this many ms and return a run with `timedOut` set. */
  timeoutMs?: number;
}

/**
 * Runs `helm template bench <chartDir> --namespace bench-ns [-f valuesFile]`.
 * Throws if helm fails; a timeout is not a failure (see `ProcessRun.timedOut`).
 */
export async function helmTemplate(
  major: HelmMajor,
  chartDir: string,
  valuesFile: string | undefined,
  options: TemplateOptions = {},
): Promise<ProcessRun> {
  const args = ['template', RELEASE.name, chartDir, '--namespace', RELEASE.namespace];
  if (valuesFile) args.push('-f', valuesFile);
  const run = await spawnMeasured(helmBinary(major), args, { env: helmEnv(), capture: options.capture, timeoutMs: options.timeoutMs });
  if (run.code !== 0 && !run.timedOut) throw new Error(`helm ${major} template ${chartDir} failed (${run.code}):\n${run.stderr}`);
  return run;
}
