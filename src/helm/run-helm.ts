/**
 * Runs real helm in an isolated environment: its config, cache and data
 * directories point at a private temp folder, so the user's repositories and
 * plugins never change what a render produces.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { makeTempDir } from '../io/temp-dir';
import { helmBinary, type HelmMajor } from './helm-binary';

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An environment in which helm keeps its config, cache and data under `home` and sees no kubeconfig. */
export function helmEnvIn(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key]) env[key] = process.env[key];
  env.HELM_CONFIG_HOME = path.join(home, 'config');
  env.HELM_CACHE_HOME = path.join(home, 'cache');
  env.HELM_DATA_HOME = path.join(home, 'data');
  env.KUBECONFIG = path.join(home, 'kubeconfig-unused');
  return env;
}

/**
 * One private helm home per helm run, removed when the run ends: a process's exit hooks do not run in every host
 * (a Jest worker that Jest ends, a test environment's own `process`), so a home kept for the whole process could stay
 * behind in $TMPDIR after a consumer's `npx jest`; a run's home never outlives the run (only a SIGKILL of this
 * process during the run leaves it).
 */
function isolatedHome(): { env: NodeJS.ProcessEnv; remove: () => void } {
  const home = makeTempDir('home');
  return { env: helmEnvIn(home.path), remove: home.remove };
}

/**
 * Runs `helm <args>` and resolves with its exit code and output (never rejects on a non-zero exit).
 * `env` adds variables to the isolated environment (e.g. `HELM_PLUGINS`, `HELM_DRIVER`);
 * `timeoutMs` stops helm after that long and rejects.
 */
export function runHelm(
  args: string[],
  major: HelmMajor = 4,
  input?: string,
  env?: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<HelmResult> {
  const bin = helmBinary(major);
  const home = isolatedHome();
  return new Promise((resolve, reject) => {
    const child = execFile(
      bin,
      args,
      { env: { ...home.env, ...env }, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8', timeout: timeoutMs ?? 0 },
      (error, stdout, stderr) => {
        home.remove();
        if (error?.killed && timeoutMs) return reject(new Error(`helm ${args[0]} was stopped after ${timeoutMs} ms: ${stderr.trim()}`));
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** `helm version --short`, e.g. `v4.1.4+g...`. */
export async function helmVersion(major: HelmMajor = 4): Promise<string> {
  const r = await runHelm(['version', '--short'], major);
  if (r.code !== 0) throw new Error(`helm ${major} failed to start: ${r.stderr}`);
  return r.stdout.trim();
}
