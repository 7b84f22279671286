/**
 * Timing primitives of the benchmark: medians, adaptive repetition under a
 * time budget, and child processes measured for wall time, CPU time and peak
 * resident memory.
 *
 * Peak memory comes from GNU `/usr/bin/time -f … -o <file>` (the kernel's
 * `ru_maxrss` of the waited child) when that binary exists; otherwise
 * `/proc/<pid>/status` `VmHWM` is polled every few milliseconds while the
 * child runs (a lower bound: a peak reached in the last few milliseconds can
 * be missed). {@link MEMORY_METHOD} says which one this machine uses.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The middle value (mean of the two middle values for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Samples of one figure: the raw values and their median. */
export interface Samples {
  samples: number[];
  median: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Samples {
  return { samples: [...samples], median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/** How many times to repeat a measurement. */
export interface RepeatPlan {
  /** Unrecorded runs first (JIT, page cache, lazy initialisation). */
  warmup: number;
  /** Always record at least this many runs … */
  minRuns: number;
  /** … and at most this many … */
  maxRuns: number;
  /** … stopping early once the recorded runs have used this much wall time. */
  budgetMs: number;
  /** Optional `performance.now()` instant after which only `minRuns` are recorded (the whole bench's time limit). */
  deadline?: number;
}

/**
 * Runs `fn` `plan.warmup` times unrecorded, then records it until `maxRuns` runs
 * or, after `minRuns`, until `budgetMs` is spent. Returns what each recorded run returned.
 * Sequential on purpose: concurrent runs would compete for the machine's two cores.
 */
export async function repeat<T>(plan: RepeatPlan, fn: (run: number) => Promise<T> | T): Promise<T[]> {
  for (let i = 0; i < plan.warmup; i++) await fn(-1 - i);
  const out: T[] = [];
  const start = performance.now();
  const more = (): boolean => {
    const now = performance.now();
    return now - start < plan.budgetMs && (plan.deadline === undefined || now < plan.deadline);
  };
  while (out.length < plan.maxRuns && (out.length < plan.minRuns || more())) {
    out.push(await fn(out.length));
  }
  return out;
}

/** Wall-clock milliseconds of a synchronous call, and its result. */
export function timeSync<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

/** Wall-clock milliseconds of an asynchronous call, and its result. */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
}

const GNU_TIME = '/usr/bin/time';

/** How {@link spawnMeasured} measures peak memory on this machine. */
export const MEMORY_METHOD: 'gnu-time' | 'proc-vmhwm' = fs.existsSync(GNU_TIME) ? 'gnu-time' : 'proc-vmhwm';

/** One measured child process. */
export interface ProcessRun {
  code: number;
  /** Wall time from spawn to exit, measured in this process. */
  wallMs: number;
  /** User + system CPU time of the child (gnu-time only; NaN otherwise). */
  cpuMs: number;
  /** Peak resident set size of the child, KiB. */
  peakRssKiB: number;
  /** Captured output (empty when `capture` is false). */
  stdout: string;
  stderr: string;
  /** Killed after `timeoutMs`: `wallMs` is then the timeout, a lower bound. */
  timedOut: boolean;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Keep stdout (else it goes to /dev/null, so timing excludes reading it). Default false. */
  capture?: boolean;
  /** Measure memory (wrap in /usr/bin/time or poll /proc). Default true. */
  memory?: boolean;
  /** Kill the child's process group after this many ms; the run then has `timedOut` set. */
  timeoutMs?: number;
}

let tmpCounter = 0;

/** Process groups of running children, killed if this process exits early (Ctrl-C, crash). */
const live = new Set<number>();
process.on('exit', () => {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Runs `command args…` to completion, measuring wall time, CPU time and peak memory. */
export function spawnMeasured(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<ProcessRun> {
  const memory = options.memory ?? true;
  const useTime = memory && MEMORY_METHOD === 'gnu-time';
  const timeFile = path.join(os.tmpdir(), `helmts-bench-time-${process.pid}-${tmpCounter++}.txt`);
  const [cmd, argv] = useTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', options.capture ? 'pipe' : 'ignore', 'pipe'],
      detached: true, // own process group, so a timeout also kills what /usr/bin/time started
    });
    if (child.pid !== undefined) live.add(child.pid);
    let timedOut = false;
    const timer =
      options.timeoutMs !== undefined && child.pid !== undefined
        ? setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-(child.pid as number), 'SIGKILL');
            } catch {
              // already gone
            }
          }, options.timeoutMs)
        : undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    let polledHwm = 0;
    const poll =
      memory && !useTime && child.pid !== undefined
        ? setInterval(() => {
            try {
              const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
              if (m) polledHwm = Math.max(polledHwm, Number(m[1]));
            } catch {
              // the child has exited
            }
          }, 5)
        : undefined;
    child.on('error', (e) => {
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (child.pid !== undefined) live.delete(child.pid);
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      let peakRssKiB = polledHwm;
      let cpuMs = Number.NaN;
      if (useTime) {
        try {
          const text = fs.readFileSync(timeFile, 'utf8');
          fs.rmSync(timeFile, { force: true });
          // GNU time writes "Command exited with non-zero status N" first on failure.
          const last = text.trim().split('\n').pop() ?? '';
          const [rss, user, sys] = last.split(/\s+/).map(Number);
          peakRssKiB = rss;
          cpuMs = (user + sys) * 1000;
        } catch {
          peakRssKiB = Number.NaN;
        }
      }
      fs.rmSync(timeFile, { force: true });
      resolve({
        code: code ?? -1,
        wallMs,
        cpuMs,
        peakRssKiB,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}

/** Least-squares slope of log(y) against log(x): the growth exponent k of y ∝ xᵏ. */
export function logLogSlope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const pts = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
  if (pts.length < 2) return Number.NaN;
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const num = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}
