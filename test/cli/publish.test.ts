/**
 * `helmts package` and `helmts push` against a real OCI registry: Debian's
 * docker-registry (the CNCF distribution registry), started on 127.0.0.1 by
 * this test and stopped after it. What `helm template oci://…` renders from
 * the pushed chart equals what the local chart renders; pushing the same
 * version again is a no-op, with different content it is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { runMain as run } from './run-main';
import { runHelm } from '../../src/helm/run-helm';
import { tempProject, writeChart } from './temp-project';


function registryBinary(): string {
  const candidates = [process.env.REGISTRY_BIN, ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'docker-registry'))];
  const found = candidates.find((c): c is string => !!c && fs.existsSync(c));
  if (!found) {
    throw new Error('no docker-registry binary: install it with `apt-get install -y --no-install-recommends docker-registry` (.ci/run does), or set REGISTRY_BIN');
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`the registry did not listen on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let root: string;
let registry: ChildProcess;
let oci: string;

beforeAll(async () => {
  const bin = registryBinary();
  root = tempProject('helmts-publish-');
  const port = await freePort();
  fs.writeFileSync(
    path.join(root, 'registry.yml'),
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${JSON.stringify(path.join(root, 'registry-data'))} } }\nhttp: { addr: 127.0.0.1:${port} }\n`,
  );
  registry = spawn(bin, ['serve', path.join(root, 'registry.yml')], { stdio: 'ignore' });
  await waitForPort(port, 10_000);
  oci = `oci://127.0.0.1:${port}/charts`;
  writeChart(root, 'src/charts/good', 'good', { greeting: 'published' });
  expect((await run(root, 'build')).code).toBe(0);
}, 60_000);

afterAll(() => {
  registry?.kill('SIGKILL');
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('helmts package and push', () => {
  it('packages the chart as <name>-<version from the definition>.tgz', async () => {
    const r = await run(root, 'package', 'good', '-d', 'out');
    expect(r).toMatchObject({ code: 0, stdout: 'packaged out/good-0.1.0.tgz\n' });
    expect(fs.statSync(path.join(root, 'out', 'good-0.1.0.tgz')).size).toBeGreaterThan(100);
  });

  it('pushes it, and helm template of the oci:// chart renders what the local chart renders', async () => {
    const r = await run(root, 'push', 'good', oci, '--plain-http');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^pushed ${oci.replace(/[.]/g, '\\.')}/good:0\\.1\\.0 \\(sha256:[0-9a-f]{64}\\)`));
    const args = ['template', 'shop', '--set', 'greeting=from-test'];
    const remote = await runHelm([...args.slice(0, 2), `${oci}/good`, '--version', '0.1.0', '--plain-http', ...args.slice(2)]);
    const local = await runHelm([...args.slice(0, 2), path.join(root, 'charts', 'good'), ...args.slice(2)]);
    expect(remote.stderr).toMatch(/^Pulled: .*\/charts\/good:0\.1\.0\n/);
    expect(remote.stdout).toContain('greeting: "from-test"');
    expect(remote.stdout).toBe(local.stdout);
  });

  it('leaves an identical version alone', async () => {
    const r = await run(root, 'push', 'good', oci, '--plain-http');
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('already in the registry with the same content; nothing pushed') });
  });

  it('refuses to push the same version with different content', async () => {
    // Another checkout where the chart changed but its version did not.
    const other = tempProject('helmts-publish-other-');
    writeChart(other, 'src/charts/good', 'good', { greeting: 'changed' });
    expect((await run(other, 'build')).code).toBe(0);
    const r = await run(other, 'push', 'good', oci, '--plain-http');
    fs.rmSync(other, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('good:0.1.0 is already in the registry with different content (values.yaml)');
    expect(r.stderr).toContain('bump version in src/charts/good/chart.ts');
  }, 60_000);
});
