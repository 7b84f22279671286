/**
 * `helmts build --watch` as a real process on a real file watcher: one line
 * per rebuild, the saved change lands in the chart, a throwing definition is
 * reported without stopping the watch, and SIGTERM ends it with code 0.
 * (Rebuild times are printed, not asserted: speed lives in benchmarks.)
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempProject, writeChart } from './temp-project';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'helmts.js');
let root: string;
let child: ChildProcessWithoutNullStreams;
let output = '';

/** Resolves with the output once `pattern` matches the output after `from`; fails after 30 s. */
function waitFor(pattern: RegExp, from: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = output.slice(from).match(pattern);
      if (m) {
        clearInterval(timer);
        clearTimeout(limit);
        resolve(m);
      }
    };
    const timer = setInterval(check, 20);
    const limit = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no ${pattern} within 30 s; output:\n${output}`));
    }, 30_000);
  });
}

beforeAll(async () => {
  root = tempProject('helmts-watch-');
  writeChart(root, 'src/charts/alpha', 'alpha', { greeting: 'first' });
  child = spawn(process.execPath, [BIN, 'build', '--watch'], { cwd: root });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(/watching src\/charts\/alpha/, 0);
}, 60_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

const valuesYaml = () => fs.readFileSync(path.join(root, 'charts', 'alpha', 'values.yaml'), 'utf8');

describe('helmts build --watch', () => {
  it('builds at start', () => {
    expect(output).toMatch(/^\d\d:\d\d:\d\d alpha: 7 files changed in \d+ ms$/m);
    expect(valuesYaml()).toContain('greeting: first');
  });

  it('rebuilds on a save of the definition and prints one line: chart, files changed, ms', async () => {
    const from = output.length;
    writeChart(root, 'src/charts/alpha', 'alpha', { greeting: 'second' });
    const [line] = await waitFor(/^\d\d:\d\d:\d\d alpha: 1 file changed in \d+ ms\n/m, from);
    expect(valuesYaml()).toContain('greeting: second');
    process.stdout.write(`watch rebuild: ${line}`);
  });

  it('reports a throwing definition, writes nothing, and keeps watching', async () => {
    let from = output.length;
    writeChart(root, 'src/charts/alpha', 'alpha', { greeting: 'third', body: `() => { throw new Error('alpha broke'); }` });
    await waitFor(/alpha failed, nothing written, still watching:\nsrc\/charts\/alpha\/chart\.ts: alpha broke/, from);
    expect(valuesYaml()).toContain('greeting: second');
    from = output.length;
    writeChart(root, 'src/charts/alpha', 'alpha', { greeting: 'fourth' });
    await waitFor(/alpha: 1 file changed in \d+ ms/, from);
    expect(valuesYaml()).toContain('greeting: fourth');
  });

  it('rebuilds when the values type changes', async () => {
    const from = output.length;
    const file = path.join(root, 'src', 'charts', 'alpha', 'values.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('The greeting stored in the ConfigMap.', 'What the ConfigMap says.'));
    await waitFor(/alpha: \d files? changed/, from);
    expect(valuesYaml()).toContain('# What the ConfigMap says.');
  });

  it('stops with code 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
