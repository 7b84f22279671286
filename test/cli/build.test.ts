/**
 * `helmts build`: charts found by convention or by helmts.config.ts, each with
 * its schema in its own folder, headers naming the command, deterministic
 * output, and nothing written when one definition fails. In-process through
 * `main`; the real process runs in the package-and-consume test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain as run } from './run-main';
import { listFiles, tempProject, writeChart, writeFile } from './temp-project';


const roots: string[] = [];
let root: string;
let first: { code: number; stdout: string; stderr: string };
beforeAll(async () => {
  root = tempProject('helmts-build-');
  roots.push(root);
  writeChart(root, 'src/charts/alpha', 'alpha', { greeting: 'hi alpha' });
  writeChart(root, 'src/charts/beta', 'beta', { greeting: 'hi beta' });
  first = await run(root, 'build');
});
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

// One project for the tests that build both charts (each values type costs a TypeScript program); they run in order.
describe('helmts build', () => {
  it('builds every src/charts/<folder>/chart.ts into charts/<name>, each with its own schemas', () => {
    expect(first).toMatchObject({ code: 0, stderr: '' });
    for (const name of ['alpha', 'beta']) {
      expect(listFiles(path.join(root, 'charts', name))).toEqual(
        ['.helmignore', 'Chart.yaml', 'templates/_helpers.tpl', 'templates/configmap.yaml', 'values.override.schema.json', 'values.schema.json', 'values.yaml'].sort(),
      );
      const values = fs.readFileSync(path.join(root, 'charts', name, 'values.yaml'), 'utf8');
      expect(values).toContain(`greeting: hi ${name}`);
      const schema = JSON.parse(fs.readFileSync(path.join(root, 'charts', name, 'values.schema.json'), 'utf8'));
      expect(schema.title).toBe(`Values of the ${name} chart`);
      expect(fs.readFileSync(path.join(root, 'charts', name, 'templates', 'configmap.yaml'), 'utf8')).toContain(
        `Generated from src/charts/${name} by \`helmts build ${name}\``,
      );
    }
    expect(fs.existsSync(path.join(root, 'schema'))).toBe(false);
    expect(first.stdout).toContain('built charts/alpha (7 files, 7 changed)');
  });

  it('changes nothing on a second build', async () => {
    const r = await run(root, 'build');
    expect(r.stdout).toContain('built charts/alpha (7 files, 0 changed)');
    expect(r.stdout).toContain('built charts/beta (7 files, 0 changed)');
  });

  it('builds only the charts named, from a subfolder too, and names the known charts for an unknown one', async () => {
    fs.rmSync(path.join(root, 'charts', 'alpha'), { recursive: true });
    expect((await run(path.join(root, 'src', 'charts'), 'build', 'beta')).code).toBe(0);
    expect(fs.existsSync(path.join(root, 'charts', 'alpha'))).toBe(false);
    const r = await run(root, 'build', 'gamma');
    expect(r.code).toBe(2); // a bad argument, as for every command (README's exit codes)
    expect(r.stderr).toContain('no chart named gamma (charts in this project: alpha, beta)');
    expect((await run(root, 'build', 'alpha')).code).toBe(0);
  });

  it('stops at a throwing definition with its file and message and writes no chart at all', async () => {
    const inode = (name: string) => fs.statSync(path.join(root, 'charts', name)).ino;
    const before = { alpha: inode('alpha'), beta: inode('beta') };
    writeChart(root, 'src/charts/gamma', 'gamma', { body: `() => { throw new Error('gamma is broken'); }` });
    const r = await run(root, 'build');
    fs.rmSync(path.join(root, 'src', 'charts', 'gamma'), { recursive: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toContain(`src/charts/gamma/chart.ts: gamma is broken`);
    // alpha and beta generated fine but are not rewritten either (a build replaces a chart folder by rename).
    expect({ alpha: inode('alpha'), beta: inode('beta') }).toEqual(before);
    expect(fs.existsSync(path.join(root, 'charts', 'gamma'))).toBe(false);
  });

  it('stops on a type error in a definition with its file:line:column, as tsc prints it, and writes nothing', async () => {
    const other = tempProject('helmts-build-');
    roots.push(other);
    writeChart(other, 'src/charts/typo', 'typo', { body: `(v, b) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: b.release.nmae }, data: { greeting: v.greeting } })` });
    const r = await run(other, 'build');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\nsrc\/charts\/typo\/chart\.ts:\d+:\d+ - error TS\d+: Property 'nmae' does not exist/);
    expect(fs.existsSync(path.join(other, 'charts'))).toBe(false);
  });

  it('stops on a malformed definition (a field missing or of the wrong kind) naming the file, line and each field', async () => {
    const other = tempProject('helmts-build-');
    roots.push(other);
    writeFile(other, 'src/charts/shape/values.ts', 'export interface Values {\n  /** g */\n  greeting: string;\n}\n');
    // `as any`, as a JavaScript definition or one built by code would be: the type check cannot see it.
    writeFile(
      other,
      'src/charts/shape/chart.ts',
      `import { defineChart } from ${JSON.stringify(path.resolve(__dirname, '..', '..', 'src', 'generator'))};\n` +
        `export const chart = defineChart({ name: 'shape', version: '0.1.0', appVersion: '1', description: 'd', source: 'src/charts/shape',\n` +
        `  values: { file: 'src/charts/shape/values.ts', type: 'Values' }, defaults: { greeting: 'hi' }, helpers: {} } as any);\n`,
    );
    const r = await run(other, 'build');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('src/charts/shape/chart.ts: the chart definition of shape is malformed: ');
    expect(r.stderr).toContain("templates must be an object of template functions by file name ({ 'deployment.yaml': deployment }); got nothing (the field is missing)");
    expect(r.stderr).toContain('helpers must be a list of helpers (defineHelper or defineComputedHelper results), or left out; got an object');
    expect(r.stderr).toMatch(/\(at src\/charts\/shape\/chart\.ts:2:\d+\)/);
    expect(r.stderr).not.toMatch(/Cannot read properties|TypeError/);
    expect(fs.existsSync(path.join(other, 'charts'))).toBe(false);
  });

  it('reports a definition file that exports no chart', async () => {
    const other = tempProject('helmts-build-');
    roots.push(other);
    writeFile(other, 'src/charts/empty/chart.ts', 'export const nothing = 1;\n');
    const r = await run(other, 'build');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('src/charts/empty/chart.ts: exports no chart definition; export the result of defineChart({ … })');
  });

  it('follows helmts.config.ts for another layout and output folder', async () => {
    const other = tempProject('helmts-build-');
    roots.push(other);
    writeChart(other, 'deploy/web', 'web');
    writeFile(other, 'helmts.config.ts', `export default { charts: ['deploy/web/chart.ts'], outDir: 'out/helm' };\n`);
    expect((await run(other, 'build')).code).toBe(0);
    expect(fs.existsSync(path.join(other, 'out', 'helm', 'web', 'templates', 'configmap.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(other, 'charts'))).toBe(false);
  });
});
