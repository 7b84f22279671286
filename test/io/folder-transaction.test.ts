/**
 * The folder swap and its journal, in-process: RENAME_EXCHANGE through perl on
 * this Linux machine, the two-rename fallback, and recovery of journals left by
 * dead processes (kept new, restored old, removed stages), while journals of a
 * live process, unreadable ones and ones naming paths outside their root are
 * left alone. Killing real processes at each step: test/cli/bad-input/signals.test.ts.
 */
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exchangeAvailable, exchangeDirs } from '../../src/io/exchange-dirs';
import { FolderTransaction, recoverInterrupted } from '../../src/io/folder-transaction';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-tx-'));
});
afterEach(() => {
  delete process.env.HELMTS_FOLDER_SWAP;
  fs.rmSync(root, { recursive: true, force: true });
});

const put = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const names = (rel = '.') => fs.readdirSync(path.join(root, rel)).sort();

/** A pid that no process has any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function journal(pid: number, entries: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): string {
  const file = path.join(root, `.helmts-journal-${pid}-0123abcd.json`);
  fs.writeFileSync(file, JSON.stringify({ helmtsJournal: 1, pid, entries, ...extra }));
  return file;
}

const perl = spawnSync('perl', ['-v']).status === 0;

describe('exchangeDirs', () => {
  (process.platform === 'linux' && perl ? it : it.skip)('swaps two folders in one step on this Linux machine (renameat2 RENAME_EXCHANGE through perl)', () => {
    put('a/f', 'A');
    put('b/f', 'B');
    const [ia, ib] = ['a', 'b'].map((d) => fs.statSync(path.join(root, d)).ino);
    expect(exchangeAvailable()).toBe(true);
    expect(exchangeDirs(path.join(root, 'a'), path.join(root, 'b'))).toBe('exchanged');
    expect([read('a/f'), read('b/f')]).toEqual(['B', 'A']);
    expect(['a', 'b'].map((d) => fs.statSync(path.join(root, d)).ino)).toEqual([ib, ia]);
  });

  it('reports a missing folder as a file-system error with its code', () => {
    put('a/f', 'A');
    if (!exchangeAvailable()) return;
    expect(() => exchangeDirs(path.join(root, 'a'), path.join(root, 'nope'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('is not used with HELMTS_FOLDER_SWAP=rename', () => {
    process.env.HELMTS_FOLDER_SWAP = 'rename';
    put('a/f', 'A');
    put('b/f', 'B');
    expect(exchangeDirs(path.join(root, 'a'), path.join(root, 'b'))).toBe('unsupported');
    expect(read('a/f')).toBe('A');
  });
});

describe('FolderTransaction', () => {
  it.each(['exchange', 'rename'])('replaces a folder and a new one (%s), leaving no stage, copy or journal', (mode) => {
    if (mode === 'rename') process.env.HELMTS_FOLDER_SWAP = 'rename';
    put('out/old/stale', 'x');
    const tx = FolderTransaction.begin(root, [path.join(root, 'out/old'), path.join(root, 'out/new')]);
    fs.writeFileSync(path.join(tx.stageOf(path.join(root, 'out/old')), 'f'), 'replaced');
    fs.writeFileSync(path.join(tx.stageOf(path.join(root, 'out/new')), 'f'), 'created');
    tx.commit();
    expect([names(), names('out'), names('out/old'), read('out/old/f'), read('out/new/f')]).toEqual([['out'], ['new', 'old'], ['f'], 'replaced', 'created']);
  });

  it('aborts without touching the targets and removes the parent folders it created', () => {
    put('keep/f', 'x');
    const tx = FolderTransaction.begin(root, [path.join(root, 'keep'), path.join(root, 'deep/er/x')]);
    tx.abort();
    expect([names(), read('keep/f')]).toEqual([['keep'], 'x']);
  });
});

describe('recoverInterrupted', () => {
  it('keeps a target that was swapped (its inode is the stage’s) and removes the old copy', () => {
    put('charts/web/f', 'new');
    put('charts/.helmts-stage-1-0123abcd-0/f', 'old');
    const ino = fs.statSync(path.join(root, 'charts/web')).ino;
    journal(deadPid(), [{ target: 'charts/web', stage: 'charts/.helmts-stage-1-0123abcd-0', backup: 'charts/.helmts-old-1-0123abcd-0', stageIno: ino }]);
    expect(recoverInterrupted(root)).toEqual([{ target: 'charts/web', outcome: 'kept-new' }]);
    expect([names(), names('charts'), read('charts/web/f')]).toEqual([['charts'], ['web'], 'new']);
  });

  it('puts the old folder back when the process died between two renames', () => {
    put('charts/.helmts-old-1-0123abcd-0/f', 'old');
    put('charts/.helmts-stage-1-0123abcd-0/f', 'new');
    journal(deadPid(), [{ target: 'charts/web', stage: 'charts/.helmts-stage-1-0123abcd-0', backup: 'charts/.helmts-old-1-0123abcd-0', stageIno: 1 }]);
    expect(recoverInterrupted(root)).toEqual([{ target: 'charts/web', outcome: 'restored-old' }]);
    expect([names('charts'), read('charts/web/f')]).toEqual([['web'], 'old']);
  });

  it('keeps the old folder and removes a half-written stage', () => {
    put('charts/web/f', 'old');
    put('charts/.helmts-stage-1-0123abcd-0/f', 'half');
    journal(deadPid(), [{ target: 'charts/web', stage: 'charts/.helmts-stage-1-0123abcd-0', backup: 'charts/.helmts-old-1-0123abcd-0', stageIno: 1 }]);
    expect(recoverInterrupted(root)).toEqual([{ target: 'charts/web', outcome: 'kept-old' }]);
    expect([names(), names('charts'), read('charts/web/f')]).toEqual([['charts'], ['web'], 'old']);
  });

  it('leaves the journal of a running process alone', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      put('charts/.helmts-stage-1-0123abcd-0/f', 'in progress');
      journal(child.pid!, [{ target: 'charts/web', stage: 'charts/.helmts-stage-1-0123abcd-0', backup: 'charts/.helmts-old-1-0123abcd-0' }]);
      expect(recoverInterrupted(root)).toEqual([]);
      expect(names('charts')).toEqual(['.helmts-stage-1-0123abcd-0']);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('leaves an unreadable journal, and one naming paths outside its root, alone', () => {
    fs.writeFileSync(path.join(root, '.helmts-journal-1-0123abcd.json'), '{ not json');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-tx-outside-'));
    try {
      fs.mkdirSync(path.join(outside, '.helmts-old-1-0123abcd-0'));
      const rel = path.relative(root, outside);
      journal(deadPid(), [{ target: `${rel}/victim`, stage: `${rel}/.helmts-stage-1-0123abcd-0`, backup: `${rel}/.helmts-old-1-0123abcd-0` }]);
      recoverInterrupted(root);
      expect(fs.readdirSync(outside)).toEqual(['.helmts-old-1-0123abcd-0']);
      expect(names()).toContain('.helmts-journal-1-0123abcd.json');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('undoes an untouched provisional transaction (helmts init) of a dead process: its folders, its files and the claimed folders that carry the marker', () => {
    put('src/charts/web/chart.ts', 'scaffold');
    const ino = fs.statSync(path.join(root, 'src/charts/web')).ino;
    put('jest.config.cjs', 'written by init');
    journal(
      deadPid(),
      [{ target: 'src/charts/web', stage: 'src/charts/.helmts-stage-1-0123abcd-0', backup: 'src/charts/.helmts-old-1-0123abcd-0', stageIno: ino, files: [{ path: 'chart.ts', sha256: createHash('sha256').update('scaffold').digest('hex') }] }],
      {
        provisional: true,
        claimed: ['charts/web', 'docs'],
        claimMarker: { file: 'Chart.yaml', prefix: '# Generated from src/charts/web' },
        absentParents: ['src/charts', 'src'],
        createdFiles: [{ path: 'jest.config.cjs', sha256: createHash('sha256').update('written by init').digest('hex'), tmp: '.helmts-stage-1-0123abcd-f0' }],
      },
    );
    put('charts/web/Chart.yaml', '# Generated from src/charts/web by `helmts build web`. Do not edit by hand.\n');
    put('docs/mine.md', 'a claimed folder without the marker is not removed');
    expect(recoverInterrupted(root).map((r) => [r.target, r.outcome]).sort()).toEqual([['charts/web', 'removed-new'], ['jest.config.cjs', 'removed-new'], ['src/charts/web', 'removed-new']]);
    expect(names()).toEqual(['charts', 'docs']);
  });

  it('keeps everything a provisional transaction (helmts init) of a dead process created once the user changed one of its files', () => {
    put('src/charts/web/chart.ts', 'scaffold');
    const ino = fs.statSync(path.join(root, 'src/charts/web')).ino;
    put('jest.config.cjs', 'edited by the user');
    journal(
      deadPid(),
      [{ target: 'src/charts/web', stage: 'src/charts/.helmts-stage-1-0123abcd-0', backup: 'src/charts/.helmts-old-1-0123abcd-0', stageIno: ino }],
      {
        provisional: true,
        claimed: ['charts/web', 'docs'],
        claimMarker: { file: 'Chart.yaml', prefix: '# Generated from src/charts/web' },
        absentParents: ['src/charts', 'src'],
        createdFiles: [{ path: 'jest.config.cjs', sha256: '0'.repeat(64), tmp: '.helmts-stage-1-0123abcd-f0' }],
      },
    );
    put('charts/web/Chart.yaml', '# Generated from src/charts/web by `helmts build web`. Do not edit by hand.\n');
    put('docs/mine.md', 'a claimed folder without the marker is not removed');
    // The user went on working after the kill (jest.config.cjs differs from what init wrote): nothing is undone.
    expect(recoverInterrupted(root).map((r) => [r.target, r.outcome])).toEqual([['src/charts/web', 'kept-changed']]);
    expect(names()).toEqual(['charts', 'docs', 'jest.config.cjs', 'src']);
    expect(fs.readFileSync(path.join(root, 'src/charts/web/chart.ts'), 'utf8')).toBe('scaffold');
    expect(fs.readFileSync(path.join(root, 'jest.config.cjs'), 'utf8')).toBe('edited by the user');
    expect(names('charts/web')).toEqual(['Chart.yaml']);
  });
});
