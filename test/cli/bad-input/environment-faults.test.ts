/**
 * Bad-input suite, class "environment faults": a full disk, a read-only file
 * system, missing permissions, I/O errors, too many open files, no temp dir,
 * no helm, an unreachable registry. File-system faults are injected at a step
 * of the write (HELMTS_TEST_FAULT=<step>:error=<CODE>), and, where this
 * machine allows it (root with mount namespaces), also produced for real on a
 * tiny tmpfs. Each ends with one message naming the path, the fault and what
 * to do, exit code 74 (or 1 for helm and registry failures), no stack trace,
 * no leftover, and every chart folder unchanged.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMain } from '../run-main';
import { linkHelmtsShim, writeChart } from '../temp-project';
import { BIN, changedPaths, crdYaml, REPO, runCliCase, runProcess, tempDirsOf, treeSnapshot, writeDefinition, type CliCase } from './harness';

/** A project with charts/web already built (the old chart), its definition then changed (so a build would write). */
async function builtProject(root: string, charts = ['web']): Promise<void> {
  for (const name of charts) writeChart(root, `src/charts/${name}`, name, { greeting: 'old' });
  const r = await runMain(root, 'build');
  if (r.code !== 0) throw new Error(r.stderr);
  for (const name of charts) writeChart(root, `src/charts/${name}`, name, { greeting: 'new' });
}

const faultCase = (step: string, code: string, reason: string, action = 'write'): CliCase => ({
  name: `build, ${code} at ${step}: charts/web is unchanged`,
  setup: (root) => builtProject(root),
  argv: ['build'],
  env: { HELMTS_TEST_FAULT: `${step}:error=${code}` },
  code: 74,
  messages: ['helmts build: nothing was written.', `cannot ${action} `, reason, `(${code})`, 'charts/web was left unchanged'],
});

const CRD = crdYaml({ schema: 'schema: {openAPIV3Schema: {type: object}}' });

const closedPort = async (): Promise<number> =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const CASES: CliCase[] = [
  faultCase('write-file#3', 'ENOSPC', 'no space left on the device; free some space (df -h'),
  faultCase('stages-created', 'EROFS', 'the file system is read-only; remount it read-write'),
  faultCase('journal-written', 'EACCES', 'permission denied; check the owner and mode of'),
  faultCase('write-file#1', 'EDQUOT', 'disk quota exceeded'),
  faultCase('staged', 'EMFILE', 'too many open files in this process; raise the limit (ulimit -n)'),
  faultCase('before-swap', 'EIO', 'input/output error on the device', 'replace'),
  {
    name: 'build of two charts, EIO after the first was swapped in: both are put back',
    setup: (root) => builtProject(root, ['api', 'web']),
    argv: ['build'],
    env: { HELMTS_TEST_FAULT: 'swapped#1:error=EIO' },
    code: 74,
    messages: ['cannot replace charts/api, charts/web: input/output error', 'charts/api, charts/web were left unchanged'],
  },
  {
    name: 'import-crd, ENOSPC while writing the classes: nothing is written',
    setup: (root) => fs.writeFileSync(path.join(root, 'crd.yaml'), CRD),
    argv: ['import-crd', 'crd.yaml'],
    env: { HELMTS_TEST_FAULT: 'write-file#1:error=ENOSPC' },
    code: 74,
    messages: ['helmts import-crd: cannot write src/imports/example.com/', 'no space left on the device', 'Nothing was written.'],
  },
  {
    name: 'init, ENOSPC while building the new chart: the scaffold is removed again',
    setup: (root) => linkHelmtsShim(root),
    argv: ['init', 'web'],
    env: { HELMTS_TEST_FAULT: 'write-file#2:error=ENOSPC' },
    code: 74,
    messages: ['no space left on the device', 'helmts init: the new chart did not build, so the scaffold was removed again'],
  },
  {
    name: 'package without helm',
    setup: async (root) => {
      writeDefinition(root);
      expect((await runMain(root, 'build')).code).toBe(0);
    },
    argv: ['package', 'web'],
    env: { HELM_BIN: '/nonexistent/helm', HELM4_BIN: '/nonexistent/helm' },
    code: 1,
    messages: ['helmts package: cannot run helm (/nonexistent/helm: not found); install helm or set HELM_BIN'],
    allowed: ['charts'],
  },
  {
    name: 'package into a destination that is a file',
    setup: async (root) => {
      writeDefinition(root);
      expect((await runMain(root, 'build')).code).toBe(0);
      fs.writeFileSync(path.join(root, 'out'), 'a file');
    },
    argv: ['package', 'web', '-d', 'out'],
    code: 74,
    messages: [/helmts package: cannot write .*out: .*out already exists \(a file where a folder was expected/],
    allowed: ['charts'],
  },
  {
    name: 'validate with a schema file that does not exist',
    setup: (root) => fs.writeFileSync(path.join(root, 'v.yaml'), 'app: {replicas: 2}\n'),
    argv: ['validate', 'v.yaml', '--schema', 'missing.schema.json'],
    code: 2,
    messages: ['helmts validate: cannot read schema missing.schema.json: no such file'],
  },
];

describe('environment faults', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => runCliCase(c, runMain), 90_000);

  it('push to a registry that does not answer: one line naming the registry, exit 1', async () => {
    const port = await closedPort();
    await runCliCase(
      {
        name: 'push to a closed port',
        setup: async (root) => {
          writeDefinition(root);
          expect((await runMain(root, 'build')).code).toBe(0);
        },
        argv: ['push', 'web', `oci://127.0.0.1:${port}/charts`, '--plain-http'],
        code: 1,
        messages: [`helmts push: could not ask oci://127.0.0.1:${port}/charts for web 0.1.0:`, 'connection refused'],
        allowed: ['charts'],
      },
      runMain,
    );
  }, 90_000);

  it('check with a temp dir that is a file (a process: TMPDIR is read below the Jest sandbox)', async () => {
    await runCliCase(
      {
        name: 'check with TMPDIR a file',
        setup: async (root) => {
          writeDefinition(root);
          expect((await runMain(root, 'build')).code).toBe(0);
        },
        argv: ['check', 'web', '--cases', '1'],
        code: 74,
        messages: [/helmts: cannot use the temporary folder .*project\/afile \(TMPDIR\): it is not a folder; set TMPDIR to a writable folder/],
        allowed: ['charts'],
      },
      async (cwd, ...argv) => {
        fs.writeFileSync(path.join(cwd, 'afile'), 'x');
        const r = await runProcess(cwd, argv, { env: { TMPDIR: path.join(cwd, 'afile') } });
        fs.rmSync(path.join(cwd, 'afile'));
        return { code: r.code ?? -1, stdout: r.stdout, stderr: r.stderr };
      },
    );
  }, 90_000);

  it('build in a current folder that was deleted: one line, exit 74, no stack trace (a process)', async () => {
    await runCliCase(
      {
        name: 'build from a deleted folder',
        setup: (root) => writeDefinition(root),
        argv: ['build'],
        code: 74,
        messages: ['helmts: the current folder no longer exists (it was deleted or moved away while this shell was in it); cd into the project again'],
      },
      async (cwd, ...argv) => {
        const r = spawnSync('sh', ['-c', `mkdir gone && cd gone && rmdir ../gone && exec "${process.execPath}" "${BIN}" ${argv.join(' ')}`], { cwd, encoding: 'utf8', timeout: 50_000 });
        return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
      },
    );
  }, 60_000);

  it('removes the temporary folders of check (in-process: none of this process is left after a run)', async () => {
    const before = tempDirsOf(process.pid).filter((d) => d.startsWith('helmts-check-'));
    await runCliCase(
      {
        name: 'check --values on a values file that agrees',
        setup: async (root) => {
          writeDefinition(root);
          expect((await runMain(root, 'build')).code).toBe(0);
          fs.writeFileSync(path.join(root, 'v.yaml'), 'greeting: hi\n');
        },
        argv: ['check', 'web', '--values', 'v.yaml'],
        code: 0,
        messages: ['helmts check: v.yaml — helm 4 and the TypeScript render agree'],
        allowed: ['charts'],
      },
      runMain,
    );
    expect(tempDirsOf(process.pid).filter((d) => d.startsWith('helmts-check-'))).toEqual(before);
  }, 90_000);
});

/** Whether this machine lets a test mount a tmpfs in its own mount namespace (root with CAP_SYS_ADMIN). */
const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=4k tmpfs /mnt && umount /mnt'], { encoding: 'utf8' }).status === 0;

describe('real file-system faults on a tiny tmpfs (root with mount namespaces only)', () => {
  const run = canMount ? it : it.skip;
  if (!canMount) process.stdout.write('environment-faults: no mount namespaces here; the real tmpfs cases are skipped (the injected ones above still run)\n');

  /**
   * Mounts a tmpfs of `size` over the project's charts/ in a private mount namespace, puts the old
   * chart in it (read-only with `ro`), runs `helmts build` there and copies what charts/ then holds out.
   */
  async function buildOnTmpfs(size: string, readOnly: boolean): Promise<{ code: number; stderr: string; old: Map<string, string>; after: Map<string, string>; root: string }> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-tmpfs-'));
    fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "tmpfs-project", "private": true }\n');
    await builtProject(root);
    const old = treeSnapshot(path.join(root, 'charts'));
    fs.renameSync(path.join(root, 'charts'), path.join(root, 'old-charts'));
    fs.mkdirSync(path.join(root, 'charts'));
    fs.mkdirSync(path.join(root, 'after'));
    const script = [
      'set -e',
      `mount -t tmpfs -o size=${size} tmpfs charts`,
      'cp -a old-charts/. charts/',
      readOnly ? 'mount -o remount,ro charts' : 'true',
      `set +e; "${process.execPath}" "${BIN}" build 2> stderr.txt; echo $? > code.txt`,
      'cp -a charts/. after/',
    ].join('\n');
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`unshare failed: ${r.stderr}`);
    return {
      code: Number(fs.readFileSync(path.join(root, 'code.txt'), 'utf8')),
      stderr: fs.readFileSync(path.join(root, 'stderr.txt'), 'utf8'),
      old,
      after: treeSnapshot(path.join(root, 'after')),
      root,
    };
  }

  run('a full disk: exit 74, the message names the file and ENOSPC, charts/web is the old chart and nothing is left over', async () => {
    // 7 small files of the old chart take 7 pages; 40 KiB leave no room for a second copy.
    const r = await buildOnTmpfs('40k', false);
    try {
      expect(r.code).toBe(74);
      expect(r.stderr).toMatch(/^helmts build: nothing was written\.\ncannot write charts\/web\/\S+: no space left on the device; free some space \(df -h .*\) and run again \(ENOSPC\)\. charts\/web was left unchanged\.\n$/);
      expect(changedPaths(r.old, r.after)).toEqual([]);
    } finally {
      fs.rmSync(r.root, { recursive: true, force: true });
    }
  }, 90_000);

  run('a read-only charts/: exit 74, the message says read-only, charts/web is the old chart', async () => {
    const r = await buildOnTmpfs('1m', true);
    try {
      expect(r.code).toBe(74);
      expect(r.stderr).toMatch(/cannot write charts\/web: the file system is read-only; remount it read-write or work in another folder \(.*charts\) \(EROFS\)\. charts\/web was left unchanged/);
      expect(changedPaths(r.old, r.after)).toEqual([]);
    } finally {
      fs.rmSync(r.root, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('npm run egress leaves no temporary folder', () => {
  const egress = ['--require', 'tsx/cjs', path.join(REPO, 'src', 'cli', 'egress.ts')];
  it('after a run (its helm home and chart copy are removed on exit)', async () => {
    const r = await runProcess(REPO, ['-f', 'values/seed.yaml'], {}, egress);
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('Closed world')]);
    expect(tempDirsOf(r.pid, r.started)).toEqual([]);
  }, 90_000);

  it('after SIGINT while helm renders', async () => {
    const r = await runProcess(REPO, ['-f', 'values/seed.yaml'], { pauseAt: 'egress-render', signal: 'SIGINT' }, egress);
    expect(r.signal).toBe('SIGINT');
    expect(tempDirsOf(r.pid, r.started)).toEqual([]);
  }, 90_000);
});
