/**
 * The bad-input suite's tools: a snapshot of a whole project tree (content
 * hashes, folders, link targets) to prove that nothing outside the intended
 * output changed, a finder for helmts' leftovers, and a real helmts process
 * that can be paused or killed at a named step of its write
 * (HELMTS_TEST_FAULT, src/io/fault-points.ts).
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(REPO, 'bin', 'helmts.js');

/** `rel → sha256 | 'dir' | 'link → target'` for everything under `root` (links are not followed). */
export function treeSnapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full);
      if (e.isSymbolicLink()) out.set(rel, `link → ${fs.readlinkSync(full)}`);
      else if (e.isDirectory()) {
        out.set(rel, 'dir');
        walk(full);
      } else out.set(rel, crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

/** The paths that differ between two snapshots (added, removed or changed), except those under `allowed` prefixes. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>, allowed: string[] = []): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys]
    .filter((k) => before.get(k) !== after.get(k))
    .filter((k) => !allowed.some((a) => k === a || k.startsWith(`${a}${path.sep}`)))
    .sort();
}

/** Files and folders helmts writes only while it works: stages, previous copies, journals. */
export function leftovers(root: string): string[] {
  return [...treeSnapshot(root).keys()].filter((k) => /(^|\/)\.helmts-(stage|old|journal)-/.test(k)).sort();
}

/**
 * helmts temporary folders of process `pid` in the temp dir, made since `since` (ms) when given: on a
 * busy machine a pid comes back, and a process killed long ago may have left a folder with the same pid.
 */
export function tempDirsOf(pid: number | undefined, since?: number): string[] {
  if (pid === undefined) return [];
  return fs
    .readdirSync(os.tmpdir())
    .filter((n) => new RegExp(`^helmts-[a-z]+-${pid}-`).test(n))
    .filter((n) => {
      if (since === undefined) return true;
      try {
        const st = fs.statSync(path.join(os.tmpdir(), n));
        return (st.birthtimeMs || st.ctimeMs) >= since - 1000;
      } catch {
        return false;
      }
    });
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number | undefined;
  /** When the process was started (ms since the epoch). */
  started: number;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Pause at this fault point; when reached, send `signal`, then let the process go on. */
  pauseAt?: string;
  signal?: NodeJS.Signals;
  timeoutMs?: number;
}

/** Runs `node bin/helmts.js <args>` in `cwd` as a real process. */
export function runProcess(cwd: string, args: string[], options: SpawnOptions = {}, command: string[] = [BIN]): Promise<ProcessResult> {
  const release = path.join(os.tmpdir(), `helmts-release-${crypto.randomBytes(4).toString('hex')}`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.pauseAt) env.HELMTS_TEST_FAULT = `${options.pauseAt}:pause=${release}`;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...command, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`helmts ${args.join(' ')} did not finish in time:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.pauseAt && !signalled && stderr.includes(`helmts-fault: paused at ${options.pauseAt}`)) {
        signalled = true;
        if (options.signal) child.kill(options.signal);
        // Give the signal time to arrive before the process goes on.
        setTimeout(() => fs.writeFileSync(release, ''), 100);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      fs.rmSync(release, { force: true });
      resolve({ code, signal, stdout, stderr, pid: child.pid, started });
    });
  });
}

/** Runs `tasks` with at most `width` at a time (the machine has two cores). */
export async function pool<T>(tasks: Array<() => Promise<T>>, width = 3): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

/** A fresh copy of the folder `from` (a prepared project) in the temp dir. */
export function copyProject(from: string, prefix: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

/** A chart definition at `src/charts/<dir>/chart.ts` (and its values type), with the given raw TypeScript for its fields. */
export function writeDefinition(
  root: string,
  o: { dir?: string; name?: string; templates?: string; files?: string; textFiles?: string; extra?: string; prelude?: string; valuesFile?: string } = {},
): void {
  const dir = `src/charts/${o.dir ?? 'web'}`;
  const generator = JSON.stringify(path.join(REPO, 'src', 'generator'));
  fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, dir, 'values.ts'), `/** Values. */\nexport interface Values {\n  /** The greeting. */\n  greeting: string;\n}\n`);
  const cm = `(v: { greeting: string }) => untyped({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { greeting: v.greeting } })`;
  fs.writeFileSync(
    path.join(root, dir, 'chart.ts'),
    `import { defineChart, untyped } from ${generator};
import type { Values } from './values';
${o.prelude ?? ''}
export const chart = defineChart<Values>({
  name: ${o.name ?? "'web'"},
  version: '0.1.0',
  appVersion: '1.0.0',
  description: 'A test chart',
  source: ${JSON.stringify(dir)},
  values: { file: ${JSON.stringify(o.valuesFile ?? `${dir}/values.ts`)}, type: 'Values' },
  defaults: { greeting: 'hello' },
  helpers: [],
  templates: ${o.templates ?? `{ 'configmap.yaml': ${cm} }`},
  ${o.files ? `files: ${o.files},` : ''}
  ${o.textFiles ? `textFiles: ${o.textFiles},` : ''}
  ${o.extra ?? ''}
});
`,
  );
}

/** One bad-input case for a helmts command run in-process. */
export interface CliCase {
  name: string;
  /** Prepares the project (`root`); `parent` holds the project and a `victim/` folder beside it. */
  setup?: (root: string, parent: string) => void | Promise<void>;
  argv: string[];
  /** Working directory, relative to the project (default: the project). */
  cwd?: string;
  code: number;
  /** What stderr (or stdout for verdicts printed there) must contain: the file (and line) and the reason. */
  messages: Array<string | RegExp>;
  /** Paths (relative to the project) that may change: the command's intended output. */
  allowed?: string[];
  env?: Record<string, string>;
}

/** Runs a case: snapshot of the project's parent folder (project and victim), run, compare. */
export async function runCliCase(c: CliCase, run: (cwd: string, ...argv: string[]) => Promise<{ code: number; stdout: string; stderr: string }>): Promise<void> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-bad-'));
  const root = path.join(parent, 'project');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "bad-input-project", "private": true }\n');
  fs.mkdirSync(path.join(parent, 'victim'));
  fs.writeFileSync(path.join(parent, 'victim', 'keep.txt'), 'the user\'s file\n');
  fs.writeFileSync(path.join(root, 'canary.txt'), 'a file at the project root\n');
  try {
    await c.setup?.(root, parent);
    const before = treeSnapshot(parent);
    const saved = Object.fromEntries(Object.keys(c.env ?? {}).map((k) => [k, process.env[k]]));
    Object.assign(process.env, c.env);
    let r;
    try {
      r = await run(path.join(root, c.cwd ?? ''), ...c.argv);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const output = `${r.stderr}\n${r.stdout}`;
    expect({ code: r.code, output }).toEqual({ code: c.code, output: expect.any(String) });
    for (const m of c.messages) expect(output).toEqual(typeof m === 'string' ? expect.stringContaining(m) : expect.stringMatching(m));
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    const allowed = (c.allowed ?? []).map((a) => path.join('project', a));
    expect(changedPaths(before, treeSnapshot(parent), allowed)).toEqual([]);
    expect(leftovers(parent)).toEqual([]);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

/**
 * A one-version CRD `widgets.example.com` (group example.com, kind Widget, version v1); each field
 * may be replaced by raw YAML text: `group` is the whole `group:` line, `schema` the `schema:` entry.
 */
export function crdYaml(o: { group?: string; kind?: string; version?: string; schema?: string } = {}): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  ${o.group ?? 'group: example.com'}
  names: {kind: ${o.kind ?? 'Widget'}, plural: widgets}
  scope: Namespaced
  versions:
    - name: ${o.version ?? 'v1'}
      served: true
      storage: true
      ${o.schema ?? 'schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object}}}}'}
`;
}
