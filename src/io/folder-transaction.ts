/**
 * Replacing folders so that each is, at every instant, either its old or its
 * new content, whatever stops the process — and so that the next helmts
 * command finishes the job.
 *
 * A transaction over target folders (e.g. `charts/web`):
 *
 * 1. `begin`: the journal `<root>/.helmts-journal-<pid>-<id>.json` names each
 *    target and its staging sibling `<parent>/.helmts-stage-<pid>-<id>-<k>`,
 *    written before the stages are created (and again with their inode numbers
 *    once they are). The caller fills the stages.
 * 2. `commit`, per target: if it exists, swap it with its stage —
 *    `renameat2(RENAME_EXCHANGE)` (exchange-dirs.ts: one atomic step), or, where
 *    that is not available, `rename(target → .helmts-old-…)` then
 *    `rename(stage → target)`; if it does not exist, `rename(stage → target)`.
 *    Then the previous copies are removed and the journal last.
 *
 * What holds:
 * - With RENAME_EXCHANGE (Linux with perl, on ext4, xfs, btrfs, tmpfs,
 *   overlayfs…): the target name always holds a complete folder, old or new,
 *   whatever signal arrives at whatever step, SIGKILL included.
 * - With two renames (other systems, or `HELMTS_FOLDER_SWAP=rename`): between
 *   the two renames — microseconds, no I/O — the target name is absent. SIGINT,
 *   SIGTERM and SIGHUP cannot land there (the whole commit runs synchronously,
 *   interrupts.ts); a SIGKILL or power cut there leaves the old folder at
 *   `.helmts-old-…`, and the next helmts command puts it back.
 * - In both: a stage, a previous copy or the journal left by a killed process is
 *   removed by the next helmts command in that project (`recoverInterrupted`),
 *   which keeps every target that was already swapped and restores the others.
 *   A journal whose process is still running is left alone.
 * - Not covered: power loss durability (files are not fsync'ed; after a crash
 *   of the machine a new file may be empty), and two processes writing the same
 *   folder at once (the last exchange wins; with renames one of them fails).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exchangeDirs } from './exchange-dirs';
import { faultPoint } from './fault-points';
import { isInside } from './safe-paths';

interface Entry {
  /** Paths relative to the journal's root. */
  target: string;
  stage: string;
  backup: string;
  /** Inode of the stage folder once created: the target has been swapped when it carries this inode. */
  stageIno?: number;
  /**
   * Provisional transactions: every file of the stage (relative to it) with the SHA-256 of its content, recorded
   * before the swap. An undo removes the folder only while it holds exactly these files, unchanged.
   */
  files?: Array<{ path: string; sha256: string }>;
}

interface Journal {
  helmtsJournal: 1;
  pid: number;
  /** The process's start time (Linux /proc/<pid>/stat field 22), to tell a reused pid apart. */
  started?: string;
  /**
   * A provisional transaction (`helmts init`) only creates, and is undone as a whole
   * unless its process finishes it: the journal outlives the commit until `finish()`.
   */
  provisional?: boolean;
  entries: Entry[];
  /** Single files a provisional transaction created, with the SHA-256 of what it wrote. */
  createdFiles?: Array<{ path: string; sha256: string; tmp: string }>;
  /**
   * Folders that did not exist when a provisional transaction began and that its
   * process writes by other means (`helmts init` builds charts/<name>): undone too,
   * but only while `claimMarker.file` in them starts with `claimMarker.prefix` (a
   * journal must not be able to remove any folder of the project).
   */
  claimed?: string[];
  claimMarker?: { file: string; prefix: string };
  /** Folders above the targets (and claims) that did not exist when the transaction began: removed, when empty, by an abort or undo. */
  absentParents?: string[];
}

const JOURNAL = /^\.helmts-journal-(\d+)-[0-9a-f]+\.json(\.tmp)?$/;

function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Journals of transactions this process has open (a provisional one stays open across awaits). */
const open = new Set<string>();

function alive(pid: number, started: string | undefined, file: string): boolean {
  if (pid === process.pid) return open.has(file);
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(pid);
  return started === undefined || now === undefined || now === started;
}

function inode(p: string): number | undefined {
  try {
    return fs.lstatSync(p).ino;
  } catch {
    return undefined;
  }
}

const exists = (p: string) => inode(p) !== undefined;
const sha256 = (text: string | Buffer) => crypto.createHash('sha256').update(text).digest('hex');
const remove = (p: string) => fs.rmSync(p, { recursive: true, force: true });

function writeJournal(file: string, journal: Journal): void {
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(journal, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

export class FolderTransaction {
  private swapped: Array<{ entry: Entry; how: 'exchange' | 'rename' | 'new' }> = [];

  private constructor(
    readonly root: string,
    private readonly file: string,
    private readonly journal: Journal,
  ) {}

  /**
   * Writes the journal and creates one empty stage per target (absolute paths inside `root`).
   * A provisional transaction only creates folders that do not exist; see `finish` and `undo`.
   */
  static begin(
    root: string,
    targets: string[],
    options: { provisional?: boolean; claims?: string[]; claimMarker?: { file: string; prefix: string } } = {},
  ): FolderTransaction {
    const id = crypto.randomBytes(4).toString('hex');
    const tag = `${process.pid}-${id}`;
    const journal: Journal = {
      helmtsJournal: 1,
      pid: process.pid,
      started: processStart(process.pid),
      absentParents: absentAncestors(root, [...targets, ...(options.claims ?? [])]),
      ...(options.provisional
        ? { provisional: true, createdFiles: [], claimed: (options.claims ?? []).map((c) => path.relative(root, c)), claimMarker: options.claimMarker }
        : {}),
      entries: targets.map((t, k) => {
        const parent = path.dirname(t);
        return {
          target: path.relative(root, t),
          stage: path.relative(root, path.join(parent, `.helmts-stage-${tag}-${k}`)),
          backup: path.relative(root, path.join(parent, `.helmts-old-${tag}-${k}`)),
        };
      }),
    };
    const file = path.join(root, `.helmts-journal-${tag}.json`);
    const tx = new FolderTransaction(root, file, journal);
    open.add(file);
    try {
      writeJournal(file, journal);
    } catch (error) {
      open.delete(file);
      fs.rmSync(`${file}.tmp`, { force: true });
      fs.rmSync(file, { force: true });
      throw error;
    }
    try {
      faultPoint('journal-written', file);
      for (const e of journal.entries) {
        const stage = tx.abs(e.stage);
        fs.mkdirSync(path.dirname(stage), { recursive: true });
        fs.mkdirSync(stage);
        e.stageIno = fs.lstatSync(stage).ino;
      }
      writeJournal(file, journal);
      faultPoint('stages-created', file);
    } catch (error) {
      tx.abort();
      throw error;
    }
    return tx;
  }

  private abs(rel: string): string {
    return path.join(this.root, rel);
  }

  /** The stage folder of `target` (absolute). */
  stageOf(target: string): string {
    const rel = path.relative(this.root, target);
    const entry = this.journal.entries.find((e) => e.target === rel);
    if (!entry) throw new Error(`internal: ${target} is not part of this transaction`);
    return this.abs(entry.stage);
  }

  /** Removes the stages, the parent folders it created and the journal; the targets were not touched. */
  abort(): void {
    for (const e of this.journal.entries) remove(this.abs(e.stage));
    removeEmptyParents(this.root, this.journal);
    this.closeJournal();
  }

  private closeJournal(): void {
    fs.rmSync(this.file, { force: true });
    fs.rmSync(`${this.file}.tmp`, { force: true });
    open.delete(this.file);
  }

  /**
   * Provisional transactions: creates the file `target` (absolute; it must not exist)
   * with `content`, atomically (a temporary sibling hard-linked into place, which fails
   * rather than replace a file that appeared meanwhile). Recorded in the journal first.
   */
  createFile(target: string, content: string): void {
    if (!this.journal.provisional) throw new Error('internal: createFile needs a provisional transaction');
    const k = this.journal.createdFiles!.length;
    const tmp = path.join(path.dirname(target), `.helmts-stage-${path.basename(this.file, '.json').slice('.helmts-journal-'.length)}-f${k}`);
    this.journal.createdFiles!.push({ path: path.relative(this.root, target), sha256: sha256(content), tmp: path.relative(this.root, tmp) });
    writeJournal(this.file, this.journal);
    fs.writeFileSync(tmp, content);
    try {
      faultPoint('file-staged', target);
      fs.linkSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Provisional transactions: keeps what was created and removes the journal. */
  finish(): void {
    this.closeJournal();
  }

  /** Provisional transactions: removes every folder and file it created (files only if unchanged), then the journal. */
  undo(): void {
    undoCreated(this.root, this.journal);
    this.closeJournal();
  }

  /** Swaps every target with its stage, then removes the previous copies and the journal. */
  commit(): void {
    if (this.journal.provisional) {
      // What the folders hold when they appear: an undo (even the next process's) removes only that, unchanged.
      for (const e of this.journal.entries) e.files = filesOf(this.abs(e.stage));
      writeJournal(this.file, this.journal);
    }
    try {
      for (const entry of this.journal.entries) {
        const target = this.abs(entry.target);
        const stage = this.abs(entry.stage);
        faultPoint('before-swap', target);
        if (this.journal.provisional && exists(target)) {
          throw Object.assign(new Error(`EEXIST: ${target} appeared while helmts was writing it`), { code: 'EEXIST', path: target });
        }
        if (!exists(target)) {
          fs.renameSync(stage, target);
          this.swapped.push({ entry, how: 'new' });
        } else if (exchangeDirs(stage, target) === 'exchanged') {
          if (inode(target) !== entry.stageIno) throw new Error(`internal: renameat2 reported an exchange of ${target} that did not happen`);
          this.swapped.push({ entry, how: 'exchange' });
        } else {
          fs.renameSync(target, this.abs(entry.backup));
          faultPoint('between-renames', target);
          fs.renameSync(stage, target);
          this.swapped.push({ entry, how: 'rename' });
        }
        faultPoint('swapped', target);
      }
    } catch (error) {
      this.rollBack();
      throw error;
    }
    for (const { entry } of this.swapped) {
      remove(this.abs(entry.stage));
      faultPoint('old-removed', this.abs(entry.target));
      remove(this.abs(entry.backup));
    }
    if (this.journal.provisional) return;
    this.closeJournal();
    faultPoint('journal-removed', this.file);
  }

  /** Puts back the targets already swapped (best effort), removes the stages and the journal. */
  private rollBack(): void {
    for (const { entry, how } of this.swapped.reverse()) {
      const target = this.abs(entry.target);
      const stage = this.abs(entry.stage);
      try {
        if (how === 'new') fs.renameSync(target, stage);
        else if (how === 'exchange') exchangeDirs(stage, target);
        else if (exists(this.abs(entry.backup))) {
          fs.renameSync(target, stage);
          fs.renameSync(this.abs(entry.backup), target);
        }
      } catch {
        // left to recoverInterrupted: the journal stays if this failed
        return;
      }
    }
    // A failure between the two renames: the old folder is still at its backup name.
    for (const e of this.journal.entries) {
      if (!exists(this.abs(e.target)) && exists(this.abs(e.backup))) fs.renameSync(this.abs(e.backup), this.abs(e.target));
    }
    this.swapped = [];
    this.abort();
  }
}

/** Removes the folders the transaction created above its targets, deepest first, where they are empty. */
function removeEmptyParents(root: string, journal: Journal): void {
  for (const rel of journal.absentParents ?? []) {
    if (!isInside(root, path.join(root, rel))) continue;
    try {
      fs.rmdirSync(path.join(root, rel)); // only when empty
    } catch {
      // not empty (a target was committed there, or something else was put there) or already gone
    }
  }
}

/** The folders between `root` and each path that do not exist (relative, deepest first). */
function absentAncestors(root: string, paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    for (let dir = path.dirname(p); dir.startsWith(root + path.sep) && !exists(dir); dir = path.dirname(dir)) out.add(path.relative(root, dir));
  }
  return [...out].sort((a, b) => b.split(path.sep).length - a.split(path.sep).length || a.localeCompare(b));
}

/** Every regular file under `dir` (relative paths, sorted) with its SHA-256; anything else (a link, a socket) as `sha256: ''`. */
function filesOf(dir: string): Array<{ path: string; sha256: string }> {
  const out: Array<{ path: string; sha256: string }> = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? path.join(rel, d.name) : d.name;
      if (d.isDirectory()) walk(r);
      else out.push({ path: r, sha256: d.isFile() ? sha256(fs.readFileSync(path.join(dir, r))) : '' });
    }
  };
  walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * What the user changed since a provisional transaction created its folders and files: paths (relative to root) of
 * files edited, added or removed in a created folder, and of created files whose content differs. A folder created
 * by a journal that recorded no file list counts as changed (nothing proves it is untouched).
 */
function changedSinceCreated(root: string, journal: Journal): string[] {
  const changed: string[] = [];
  for (const e of journal.entries) {
    const target = path.join(root, e.target);
    if (e.stageIno === undefined || inode(target) !== e.stageIno) continue; // never swapped in: nothing of the user's there
    if (!Array.isArray(e.files)) {
      changed.push(e.target);
      continue;
    }
    const recorded = new Map(e.files.map((f) => [f.path, f.sha256]));
    let now: Array<{ path: string; sha256: string }>;
    try {
      now = filesOf(target);
    } catch {
      changed.push(e.target);
      continue;
    }
    for (const f of now) if (recorded.get(f.path) !== f.sha256 || f.sha256 === '') changed.push(path.join(e.target, f.path));
    const present = new Set(now.map((f) => f.path));
    for (const f of e.files) if (!present.has(f.path)) changed.push(path.join(e.target, f.path));
  }
  for (const f of journal.createdFiles ?? []) {
    try {
      if (sha256(fs.readFileSync(path.join(root, f.path))) !== f.sha256) changed.push(f.path);
    } catch {
      // gone: nothing to keep
    }
  }
  return changed;
}

/**
 * Removes what a provisional transaction created: folders that still carry their stage inode, files whose content is
 * unchanged — unless the user changed, added or removed anything in them since (the scaffold looks finished after a
 * SIGKILL, and a user may go on working in it): then everything it created is kept, as the user now has it.
 */
function undoCreated(root: string, journal: Journal): Recovered[] {
  const done: Recovered[] = [];
  const inside = (rel: string) => isInside(root, path.join(root, rel));
  const changed = changedSinceCreated(root, journal);
  if (changed.length > 0) {
    for (const e of journal.entries.filter((x) => inside(x.stage))) remove(path.join(root, e.stage));
    for (const f of journal.createdFiles ?? []) {
      if (/^\.helmts-stage-\d+-[0-9a-f]+-f\d+$/.test(path.basename(f.tmp ?? '')) && inside(f.tmp)) fs.rmSync(path.join(root, f.tmp), { force: true });
    }
    const kept = journal.entries.filter((e) => e.stageIno !== undefined && inode(path.join(root, e.target)) === e.stageIno).map((e) => e.target);
    return kept.map((target) => ({ target, outcome: 'kept-changed', changed: changed.filter((c) => c === target || c.startsWith(target + path.sep)) }));
  }
  const marked = (dir: string): boolean => {
    const m = journal.claimMarker;
    if (!m || typeof m.file !== 'string' || typeof m.prefix !== 'string' || m.prefix === '') return false;
    try {
      return fs.readFileSync(path.join(dir, m.file), 'utf8').startsWith(m.prefix);
    } catch {
      return false;
    }
  };
  for (const rel of (journal.claimed ?? []).filter(inside)) {
    const target = path.join(root, rel);
    if (exists(target) && marked(target)) {
      remove(target);
      done.push({ target: rel, outcome: 'removed-new' });
    }
  }
  for (const e of journal.entries.filter((x) => inside(x.target) && inside(x.stage))) {
    const target = path.join(root, e.target);
    if (e.stageIno !== undefined && inode(target) === e.stageIno) {
      remove(target);
      done.push({ target: e.target, outcome: 'removed-new' });
    } else if (exists(path.join(root, e.stage))) done.push({ target: e.target, outcome: 'removed-new' });
    remove(path.join(root, e.stage));
  }
  for (const f of (journal.createdFiles ?? []).filter((x) => inside(x.path))) {
    const target = path.join(root, f.path);
    if (/^\.helmts-stage-\d+-[0-9a-f]+-f\d+$/.test(path.basename(f.tmp ?? ''))) fs.rmSync(path.join(root, f.tmp), { force: true });
    let text: Buffer | undefined;
    try {
      text = fs.readFileSync(target);
    } catch {
      continue;
    }
    if (sha256(text) === f.sha256) {
      fs.rmSync(target, { force: true });
      done.push({ target: f.path, outcome: 'removed-new' });
    }
  }
  removeEmptyParents(root, journal);
  return done;
}

/** One line per target of an interrupted transaction that `recoverInterrupted` settled. */
export interface Recovered {
  target: string;
  /**
   * kept-new: the write had completed; restored-old / kept-old: the previous content stays; removed-new: an
   * interrupted `helmts init` was undone; kept-changed: it was not, because the user changed its files since (`changed`).
   */
  outcome: 'kept-new' | 'restored-old' | 'kept-old' | 'removed-new' | 'kept-changed';
  changed?: string[];
}

/**
 * Settles the transactions of helmts processes that no longer run, found in
 * `root`'s journals: a target already swapped keeps its new content, any other
 * keeps (or gets back) its old content; stages, previous copies and the journal
 * are removed. Returns what was done (paths relative to root).
 */
export function recoverInterrupted(root: string): Recovered[] {
  let names: string[];
  try {
    names = fs.readdirSync(root).filter((n) => JOURNAL.test(n));
  } catch {
    return [];
  }
  const done: Recovered[] = [];
  const pending: Array<{ file: string; journal: Journal }> = [];
  for (const name of names.sort()) {
    const file = path.join(root, name);
    const pid = Number(JOURNAL.exec(name)![1]);
    if (name.endsWith('.tmp')) {
      if (!alive(pid, undefined, file.slice(0, -'.tmp'.length))) fs.rmSync(file, { force: true });
      continue;
    }
    let journal: Journal;
    try {
      journal = JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
    } catch {
      continue; // not ours to judge: leave it
    }
    if (journal.helmtsJournal !== 1 || !Array.isArray(journal.entries) || alive(journal.pid, journal.started, file)) continue;
    pending.push({ file, journal });
  }
  // Plain transactions first: a provisional one (init) removes the folders they wrote into once they are settled.
  pending.sort((a, b) => Number(a.journal.provisional === true) - Number(b.journal.provisional === true));
  for (const { file, journal } of pending) {
    if (journal.provisional) {
      done.push(...undoCreated(root, journal));
      fs.rmSync(file, { force: true });
      continue;
    }
    for (const e of journal.entries) {
      const [target, stage, backup] = [e.target, e.stage, e.backup].map((p) => path.join(root, p));
      if (![stage, backup].every((p) => /^\.helmts-(stage|old)-\d+-[0-9a-f]+-\d+$/.test(path.basename(p)))) continue;
      if (![target, stage, backup].every((p) => isInside(root, p))) continue; // a journal names only paths inside its root
      const targetIno = inode(target);
      if (e.stageIno !== undefined && targetIno === e.stageIno) {
        remove(stage);
        remove(backup);
        done.push({ target: e.target, outcome: 'kept-new' });
      } else if (targetIno === undefined && exists(backup)) {
        fs.renameSync(backup, target);
        remove(stage);
        done.push({ target: e.target, outcome: 'restored-old' });
      } else {
        const leftovers = exists(stage) || exists(backup);
        remove(stage);
        if (targetIno !== undefined) remove(backup);
        if (leftovers) done.push({ target: e.target, outcome: 'kept-old' });
      }
    }
    removeEmptyParents(root, journal);
    fs.rmSync(file, { force: true });
  }
  return done;
}
