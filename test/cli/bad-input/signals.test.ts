/**
 * Bad-input suite, class "signals": a real `helmts build`, `helmts import-crd`
 * and `helmts init` process is killed (SIGKILL) or signalled (SIGINT, SIGTERM,
 * SIGHUP) at each step of its write, through the HELMTS_TEST_FAULT hook
 * (src/io/fault-points.ts). At that instant every chart folder must be wholly
 * its old or wholly its new content (with the two-rename fallback, the one
 * documented gap: between the two renames the folder is absent and its old
 * content sits at its `.helmts-old-…` name); the next helmts command must
 * settle it (old restored, or new kept) and leave no stage, copy or journal;
 * a handled signal must end the process by that signal after the write is
 * complete (or before it began), with no temporary folder left. Nothing
 * outside the output folders may change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMain } from '../run-main';
import { linkHelmtsShim, tempProject, writeChart, writeFile } from '../temp-project';
import { changedPaths, copyProject, crdYaml, leftovers, pool, runProcess, tempDirsOf, treeSnapshot, type ProcessResult } from './harness';

/**
 * Waits scale with the machine: a helmts build process takes ~10 s on an idle 2-core machine and over 60 s at load
 * 20. The first build below is a real process, timed; every later process may take up to 5× that (at least 60 s,
 * at most 10 min) before it counts as hung (`runProcess` then kills it and the case fails, saying so). Jest's own
 * timeouts are only a ceiling above that bound.
 */
let processBudget = 120_000;
const CEILING = 30 * 60_000;
const budget = () => ({ timeoutMs: processBudget });

const CHARTS = ['api', 'web'];
const made: string[] = [];
let base: string;
const before = new Map<string, Map<string, string>>();
const after = new Map<string, Map<string, string>>();
let sources: Map<string, string>;

beforeAll(async () => {
  base = tempProject('helmts-signals-');
  made.push(base);
  for (const name of CHARTS) writeChart(base, `src/charts/${name}`, name, { greeting: `old ${name}` });
  expect((await runMain(base, 'build')).code).toBe(0);
  for (const name of CHARTS) before.set(name, treeSnapshot(path.join(base, 'charts', name)));
  for (const name of CHARTS) writeChart(base, `src/charts/${name}`, name, { greeting: `new ${name}` });
  const built = copyProject(base, 'helmts-signals-new-');
  made.push(built);
  const t0 = Date.now();
  const first = await runProcess(built, ['build'], { timeoutMs: 10 * 60_000 });
  expect([first.code, first.stderr]).toEqual([0, '']);
  processBudget = Math.min(10 * 60_000, Math.max(60_000, 5 * (Date.now() - t0)));
  for (const name of CHARTS) after.set(name, treeSnapshot(path.join(built, 'charts', name)));
  sources = treeSnapshot(path.join(base, 'src'));
}, CEILING);
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

type State = 'old' | 'new' | 'absent';

function stateOf(root: string, name: string): State | 'mixed' {
  const dir = path.join(root, 'charts', name);
  if (!fs.existsSync(dir)) return 'absent';
  const snap = treeSnapshot(dir);
  if (changedPaths(before.get(name)!, snap).length === 0) return 'old';
  if (changedPaths(after.get(name)!, snap).length === 0) return 'new';
  return 'mixed';
}

/** The folder `.helmts-old-…` holding a chart's old content while it is absent (two-rename fallback only). */
function backupIsOld(root: string, name: string): boolean {
  return fs
    .readdirSync(path.join(root, 'charts'))
    .filter((n) => n.startsWith('.helmts-old-'))
    .some((b) => changedPaths(before.get(name)!, treeSnapshot(path.join(root, 'charts', b))).length === 0);
}

interface Case {
  point: string;
  mode: 'exchange' | 'rename';
  signal: NodeJS.Signals;
}

async function runCase(c: Case): Promise<{ c: Case; root: string; r: ProcessResult; states: Record<string, State | 'mixed'> }> {
  const root = copyProject(base, 'helmts-signal-case-');
  made.push(root);
  const env = { HELMTS_FOLDER_SWAP: c.mode === 'rename' ? 'rename' : '', ...(c.signal === 'SIGKILL' ? { HELMTS_TEST_FAULT: `${c.point}:kill` } : {}) };
  const r = await runProcess(root, ['build'], { ...budget(), env, ...(c.signal === 'SIGKILL' ? {} : { pauseAt: c.point, signal: c.signal }) });
  const states = Object.fromEntries(CHARTS.map((n) => [n, stateOf(root, n)]));
  return { c, root, r, states };
}

const KILL_POINTS: Array<[Case['mode'], string]> = [
  ['exchange', 'generated'],
  ['exchange', 'journal-written'],
  ['exchange', 'stages-created'],
  ['exchange', 'write-file#1'],
  ['exchange', 'write-file#9'],
  ['exchange', 'staged'],
  ['exchange', 'before-swap#1'],
  ['exchange', 'swapped#1'],
  ['exchange', 'before-swap#2'],
  ['exchange', 'swapped#2'],
  ['exchange', 'old-removed#1'],
  ['exchange', 'old-removed#2'],
  ['exchange', 'journal-removed'],
  ['rename', 'before-swap#1'],
  ['rename', 'between-renames#1'],
  ['rename', 'swapped#1'],
  ['rename', 'between-renames#2'],
  ['rename', 'old-removed#1'],
];

const SIGNAL_POINTS: Array<[Case['mode'], string, NodeJS.Signals, State]> = [
  ['exchange', 'generated', 'SIGINT', 'old'],
  ['exchange', 'write-file#3', 'SIGINT', 'new'],
  ['exchange', 'swapped#1', 'SIGINT', 'new'],
  ['rename', 'between-renames#1', 'SIGINT', 'new'],
  ['exchange', 'write-file#3', 'SIGTERM', 'new'],
  ['rename', 'before-swap#2', 'SIGTERM', 'new'],
  ['exchange', 'staged', 'SIGHUP', 'new'],
];

describe('helmts build, killed with SIGKILL at each step of its write', () => {
  let results: Awaited<ReturnType<typeof runCase>>[];
  beforeAll(async () => {
    results = await pool(KILL_POINTS.map(([mode, point]) => () => runCase({ mode, point, signal: 'SIGKILL' })));
  }, CEILING);

  it.each(KILL_POINTS.map(([mode, point], i) => [mode, point, i] as const))(
    '%s mode, killed at %s: every chart is old or new (or, between two renames, absent with its old copy beside it), and the next command settles it',
    async (mode, point, i) => {
      const { root, r, states } = results[i];
      expect(r.signal).toBe('SIGKILL');
      for (const name of CHARTS) {
        if (states[name] === 'absent') {
          expect([mode, point.startsWith('between-renames'), backupIsOld(root, name)]).toEqual(['rename', true, true]);
        } else expect([name, states[name]]).toEqual([name, expect.stringMatching(/^(old|new)$/)]);
      }
      // Nothing outside charts/ and the journal at the root changed.
      expect(changedPaths(sources, treeSnapshot(path.join(root, 'src')))).toEqual([]);
      expect(fs.readdirSync(root).filter((n) => !['charts', 'src', 'package.json'].includes(n) && !n.startsWith('.helmts-journal-'))).toEqual([]);

      // The next command (here a usage error, so it writes nothing itself) settles the interrupted write first.
      const hadLeftovers = leftovers(root).some((p) => p.includes('.helmts-stage-') || p.includes('.helmts-old-'));
      const next = await runMain(root, 'build', '--no-such-option');
      expect(next.code).toBe(2);
      expect(leftovers(root)).toEqual([]);
      for (const name of CHARTS) {
        const expected = states[name] === 'absent' ? 'old' : states[name];
        expect([name, stateOf(root, name)]).toEqual([name, expected]);
      }
      if (hadLeftovers) expect(next.stderr).toMatch(/an earlier helmts was interrupted while writing charts\/(api|web)/);
      // A full build after recovery writes the new charts: checked after the two recoveries that have the most to
      // undo (one chart swapped, the other not; a chart absent between two renames) — each costs a whole build.
      if ((mode === 'exchange' && point === 'swapped#1') || (mode === 'rename' && point === 'between-renames#1')) {
        const build = await runMain(root, 'build');
        expect(build.code).toBe(0);
        expect(CHARTS.map((n) => stateOf(root, n))).toEqual(['new', 'new']);
        expect(leftovers(root)).toEqual([]);
      }
    },
  );
});

describe('helmts build, sent SIGINT, SIGTERM or SIGHUP during its work', () => {
  let results: Awaited<ReturnType<typeof runCase>>[];
  beforeAll(async () => {
    results = await pool(SIGNAL_POINTS.map(([mode, point, signal]) => () => runCase({ mode, point, signal })));
  }, CEILING);

  it.each(SIGNAL_POINTS.map(([mode, point, signal, expected], i) => [signal, point, mode, expected, i] as const))(
    '%s at %s (%s mode): the write is finished (or not begun), the process ends by that signal, nothing is left behind',
    (signal, _point, _mode, expected, i) => {
      const { root, r, states } = results[i];
      expect(r.signal).toBe(signal);
      expect(states).toEqual({ api: expected, web: expected });
      expect(leftovers(root)).toEqual([]);
      expect(tempDirsOf(r.pid, r.started)).toEqual([]);
      expect(changedPaths(sources, treeSnapshot(path.join(root, 'src')))).toEqual([]);
    },
  );
});

const CRD = (extra: string) =>
  crdYaml({ schema: `schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}${extra}}}}}}` });

describe('helmts import-crd and helmts init, interrupted', () => {
  let crdBase: string;
  let crdOld: Map<string, string>;
  let crdNew: Map<string, string>;
  const GROUP = path.join('src', 'imports', 'example.com');

  beforeAll(async () => {
    crdBase = tempProject('helmts-signals-crd-');
    made.push(crdBase);
    writeFile(crdBase, 'crds/widget.yaml', CRD(''));
    expect((await runMain(crdBase, 'import-crd', 'crds')).code).toBe(0);
    crdOld = treeSnapshot(path.join(crdBase, GROUP));
    writeFile(crdBase, 'crds/widget.yaml', CRD(', colour: {type: string}'));
    const copy = copyProject(crdBase, 'helmts-signals-crd-new-');
    made.push(copy);
    expect((await runMain(copy, 'import-crd', 'crds')).code).toBe(0);
    crdNew = treeSnapshot(path.join(copy, GROUP));
  }, CEILING);

  const crdState = (root: string) => {
    const snap = treeSnapshot(path.join(root, GROUP));
    return changedPaths(crdOld, snap).length === 0 ? 'old' : changedPaths(crdNew, snap).length === 0 ? 'new' : 'mixed';
  };

  it.each(['stages-created', 'write-file#2', 'swapped#1', 'old-removed#1'])(
    'import-crd killed at %s leaves src/imports/example.com old or new, and the next command settles it',
    async (point) => {
      const root = copyProject(crdBase, 'helmts-signal-crd-');
      made.push(root);
      const r = await runProcess(root, ['import-crd', 'crds'], { ...budget(), env: { HELMTS_TEST_FAULT: `${point}:kill` } });
      expect(r.signal).toBe('SIGKILL');
      const at = crdState(root);
      expect(at).toMatch(/^(old|new)$/);
      expect(tempDirsOf(r.pid, r.started).length).toBeLessThanOrEqual(1); // SIGKILL cannot remove the generator's scratch folder
      for (const d of tempDirsOf(r.pid, r.started)) fs.rmSync(path.join(os.tmpdir(), d), { recursive: true, force: true });
      await runMain(root, 'import-crd', '--no-such-option');
      expect(leftovers(root)).toEqual([]);
      expect(crdState(root)).toBe(at);
    },
    CEILING,
  );

  it('import-crd sent SIGTERM while it writes finishes the write, ends by SIGTERM and leaves no temporary folder', async () => {
    const root = copyProject(crdBase, 'helmts-signal-crd-');
    made.push(root);
    const r = await runProcess(root, ['import-crd', 'crds'], { ...budget(), pauseAt: 'write-file#2', signal: 'SIGTERM' });
    expect([r.signal, crdState(root), leftovers(root), tempDirsOf(r.pid, r.started)]).toEqual(['SIGTERM', 'new', [], []]);
  }, CEILING);

  let initBase: string;
  let initBefore: Map<string, string>;
  beforeAll(() => {
    initBase = tempProject('helmts-signals-init-');
    made.push(initBase);
    linkHelmtsShim(initBase);
    initBefore = treeSnapshot(initBase);
  });

  // stages-created: the scaffold folders are being written; swapped#2: they are in place;
  // file-staged: jest.config.cjs is being created; write-file#3 and journal-removed: charts/web is being built.
  it.each(['stages-created', 'swapped#2', 'file-staged', 'write-file#3', 'journal-removed'])(
    'init killed at %s: the next command removes everything the interrupted init created',
    async (point) => {
      const root = copyProject(initBase, 'helmts-signal-init-');
      made.push(root);
      const r = await runProcess(root, ['init', 'web'], { ...budget(), env: { HELMTS_TEST_FAULT: `${point}:kill` } });
      expect(r.signal).toBe('SIGKILL');
      const next = await runMain(root, 'build');
      expect(next.stderr).toContain('removed what the interrupted `helmts init` had created');
      expect(changedPaths(initBefore, treeSnapshot(root))).toEqual([]);
    },
    CEILING,
  );

  it('init sent SIGINT while it builds the chart undoes the whole scaffold and ends by SIGINT', async () => {
    const root = copyProject(initBase, 'helmts-signal-init-');
    made.push(root);
    const r = await runProcess(root, ['init', 'web'], { ...budget(), pauseAt: 'write-file#3', signal: 'SIGINT' });
    expect(r.signal).toBe('SIGINT');
    expect(changedPaths(initBefore, treeSnapshot(root))).toEqual([]);
    expect(tempDirsOf(r.pid, r.started)).toEqual([]);
  }, CEILING);

  it('an uninterrupted init in the same project creates the scaffold and the chart', async () => {
    const root = copyProject(initBase, 'helmts-signal-init-');
    made.push(root);
    const r = await runProcess(root, ['init', 'web'], budget());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(changedPaths(initBefore, treeSnapshot(root)).filter((p) => !p.includes(path.sep))).toEqual(['charts', 'jest.config.cjs', 'src', 'test', 'tsconfig.json']);
    expect(leftovers(root)).toEqual([]);
  }, CEILING);
});

