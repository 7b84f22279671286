/** `npm test` first runs test/check-prerequisites.js: on a machine without docker-registry or curl it names them and how to install them, and runs nothing. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, 'check-prerequisites.js');

function run(pathDirs: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [SCRIPT], { env: { PATH: pathDirs.join(path.delimiter), ...env } }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    ),
  );
}

describe('the prerequisite check of npm test', () => {
  let bin: string;
  beforeAll(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-prereq-'));
  });
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

  const fake = (name: string) => {
    fs.writeFileSync(path.join(bin, name), '#!/bin/sh\n');
    fs.chmodSync(path.join(bin, name), 0o755);
  };

  it('names docker-registry and curl with the command that installs them, and stops', async () => {
    const r = await run([bin]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('npm test: this machine lacks what the test suite needs; nothing was run:');
    expect(r.stderr).toContain('docker-registry and curl (system programs the suite runs): sudo apt-get install -y --no-install-recommends docker-registry curl');
  });

  it('names only what is missing', async () => {
    fake('curl');
    const r = await run([bin]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('  - docker-registry (system program the suite runs): sudo apt-get install -y --no-install-recommends docker-registry (or set REGISTRY_BIN')]);
    expect(r.stderr).not.toContain('curl');
  });

  it('passes when both are there (REGISTRY_BIN counts for docker-registry)', async () => {
    fake('curl');
    fake('perl');
    expect(await run([bin], { REGISTRY_BIN: '/usr/bin/docker-registry' })).toEqual({ code: 0, stderr: '' });
  });
});
