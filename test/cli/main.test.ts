/** `helmts --help` lists every command with one line; every command answers --help with its own usage. */
import { main } from '../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

const COMMANDS = ['build', 'check', 'import-crd', 'init', 'package', 'push', 'test', 'validate'];

describe('helmts --help', () => {
  it('lists every command on one line each', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(COMMANDS);
    for (const line of lines) expect(line.trim().split(/\s{2,}/)).toHaveLength(2);
  });

  it.each(COMMANDS)('%s --help prints its usage and exits 0', async (command) => {
    const r = await run(command, '--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(new RegExp(`^Usage: helmts ${command}\\b`));
  });

  it.each(COMMANDS)('%s --help documents its exit codes, the environment (74) and internal (70) ones included', async (command) => {
    const r = await run(command, '--help');
    expect(r.stdout).toMatch(/Exit codes: 0 [^;]*; 74 the file system refused[\s\S]*70 internal error/);
  });

  it.each(['--version', '-v', 'version'])('%s prints the package version and exits 0', async (flag) => {
    const r = await run(flag);
    const { version } = require('../../package.json') as { version: string };
    expect(r).toEqual({ code: 0, stdout: `helmts ${version} (Node.js ${process.version})\n`, stderr: '' });
  });

  it('answers an unknown command with the command list and exit code 2', async () => {
    const r = await run('deploy');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('helmts: unknown command "deploy"');
    expect(r.stderr).toContain('  build ');
  });
});
