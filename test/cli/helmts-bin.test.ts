/**
 * bin/helmts.js runs the compiled dist/ only when it is at least as new as every
 * file of src/, so a stale build never answers for the source. Checked on a copy
 * of the bin in a scratch project whose dist/ and src/ entry points say which ran.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
let project: string;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-bin-'));
  fs.mkdirSync(path.join(project, 'bin'));
  fs.copyFileSync(path.join(ROOT, 'bin', 'helmts.js'), path.join(project, 'bin', 'helmts.js'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  fs.mkdirSync(path.join(project, 'src', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(project, 'src', 'cli', 'main.ts'), "export function runMain(argv: string[]): void { process.stdout.write(`src ${argv.join(' ')}`); }\n");
  fs.writeFileSync(path.join(project, 'src', 'other.ts'), 'export const x = 1;\n');
  fs.mkdirSync(path.join(project, 'dist', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(project, 'dist', 'cli', 'main.js'), "exports.runMain = (argv) => process.stdout.write(`dist ${argv.join(' ')}`);\n");
  fs.writeFileSync(path.join(project, 'dist', 'other.js'), 'exports.x = 1;\n');
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** Sets the mtime of a file of the scratch project, in seconds after an arbitrary epoch. */
function age(file: string, seconds: number): void {
  const t = new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
  fs.utimesSync(path.join(project, file), t, t);
}

function runBin(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const childEnv = { ...process.env, ...env };
  if (!('HELMTS_FROM_SOURCE' in env)) delete childEnv.HELMTS_FROM_SOURCE;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(project, 'bin', 'helmts.js'), 'validate', 'x.yaml'], { env: childEnv, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('bin/helmts.js', () => {
  it('runs dist/ when every compiled file is newer than every source file', async () => {
    age('src/cli/main.ts', 0);
    age('src/other.ts', 10);
    age('dist/cli/main.js', 20);
    age('dist/other.js', 20);
    expect(await runBin()).toBe('dist validate x.yaml');
  }, 20_000);

  it('runs src/ through tsx when any source file is newer than a compiled one', async () => {
    age('dist/cli/main.js', 20);
    age('dist/other.js', 20);
    age('src/other.ts', 30); // edited after the build, in a file other than the entry point
    expect(await runBin()).toBe('src validate x.yaml');
  }, 20_000);

  it('runs src/ with HELMTS_FROM_SOURCE=1 even when dist/ is current', async () => {
    age('src/other.ts', 10);
    age('dist/cli/main.js', 20);
    expect(await runBin({ HELMTS_FROM_SOURCE: '1' })).toBe('src validate x.yaml');
  }, 20_000);
});
