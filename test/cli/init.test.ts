/**
 * `helmts init <name>` in a fresh project: the scaffold builds, lints with
 * --strict on Helm 4 and 3, its own Jest test passes, and init refuses to
 * overwrite. The project reaches helmts through node_modules/helmts, a shim
 * onto this repository's sources (the packed package is tried in the
 * package-and-consume test).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain as run } from './run-main';
import { runHelm } from '../../src/helm/run-helm';
import { linkHelmtsShim, listFiles, tempProject, writeFile } from './temp-project';
import { jestPreset } from '../../src/loading/jest-preset';

const REPO = path.resolve(__dirname, '..', '..');
let root: string;
let out = { code: -1, stdout: '', stderr: '' };


beforeAll(async () => {
  root = tempProject('helmts-init-');
  linkHelmtsShim(root);
  out = await run(root, 'init', 'web');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('helmts init', () => {
  it('writes the definition, the documented Values type and a test, then builds charts/<name>', () => {
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(listFiles(path.join(root, 'src'))).toEqual(['charts/web/chart.ts', 'charts/web/values.ts']);
    expect(listFiles(path.join(root, 'test'))).toEqual(['charts/web/web.test.ts']);
    expect(listFiles(path.join(root, 'charts', 'web'))).toEqual(expect.arrayContaining(['Chart.yaml', 'templates/deployment.yaml', 'templates/service.yaml']));
    const values = fs.readFileSync(path.join(root, 'charts', 'web', 'values.yaml'), 'utf8');
    expect(values).toMatch(/# Pods in the Deployment\.\nreplicas: 1\n/);
    expect(fs.readFileSync(path.join(root, 'src', 'charts', 'web', 'chart.ts'), 'utf8')).toContain(`from 'helmts'`);
    // The program helmts build type-checks, and a Jest config (preset 'helmts') that type-checks the project first.
    expect(JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions).toMatchObject({ strict: true, noEmit: true });
    expect(fs.readFileSync(path.join(root, 'jest.config.cjs'), 'utf8')).not.toContain('diagnostics: false');
  });

  it.each([4, 3] as const)('gives a chart that helm %i lints with --strict', async (major) => {
    const r = await runHelm(['lint', '--strict', path.join(root, 'charts', 'web')], major);
    expect({ code: r.code, problems: r.stdout.split('\n').filter((l) => /\[(WARNING|ERROR)\]/.test(l)) }).toEqual({ code: 0, problems: [] });
  });

  it('gives a test file that passes as scaffolded', async () => {
    // What the written jest.config.cjs's preset 'helmts' gives, with this repository's source loaders (the shim has no dist/).
    const preset = jestPreset({ transform: path.join(REPO, 'jest.transform.js'), resolver: path.join(REPO, 'jest.resolver.js') }, {}, [root, REPO]);
    expect(fs.readFileSync(path.join(root, 'jest.config.cjs'), 'utf8')).toContain(`preset: 'helmts'`);
    const config = { rootDir: root, ...preset };
    const r = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--config', JSON.stringify(config)], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
      ),
    );
    expect(r.output).toContain('Tests:       3 passed, 3 total');
    expect(r.code).toBe(0);
  }, 120_000);

  it('gives a Jest config that type-checks: a type error in a test stops the run with file:line:column, before any test', async () => {
    // @types/jest for the scaffolded tsconfig's `types: ['jest']`, as the README's install line brings it.
    fs.mkdirSync(path.join(root, 'node_modules', '@types'), { recursive: true });
    for (const types of ['jest', 'node']) {
      const link = path.join(root, 'node_modules', '@types', types);
      if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO, 'node_modules', '@types', types), link);
    }
    const preset = jestPreset(
      { transform: path.join(REPO, 'jest.transform.js'), resolver: path.join(REPO, 'jest.resolver.js'), typeCheck: path.join(REPO, 'jest.typecheck.js') },
      {},
      [root, REPO],
    );
    const jest = () =>
      new Promise<{ code: number; output: string }>((resolve) =>
        execFile(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--config', JSON.stringify({ rootDir: root, ...preset })], { cwd: root }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
        ),
      );
    const clean = await jest();
    if (clean.code !== 0) console.log(clean.output);
    expect({ code: clean.code, tests: /Tests: +3 passed, 3 total/.test(clean.output), output: clean.output }).toMatchObject({ code: 0, tests: true });

    const testFile = path.join(root, 'test', 'charts', 'web', 'web.test.ts');
    const original = fs.readFileSync(testFile, 'utf8');
    fs.writeFileSync(testFile, `${original}\nconst port: number = 'eighty';\nexport { port };\n`);
    try {
      const broken = await jest();
      const line = original.split('\n').length + 1;
      expect(broken.code).toBe(1);
      expect(broken.output).toContain(`test/charts/web/web.test.ts:${line}:7 - error TS2322: Type 'string' is not assignable to type 'number'.`);
      expect(broken.output).toContain('no test ran');
      expect(broken.output).not.toMatch(/Tests: +\d+ passed/);
    } finally {
      fs.writeFileSync(testFile, original);
    }
  }, 240_000);

  it('refuses to overwrite an existing chart and writes nothing', async () => {
    const chartFile = path.join(root, 'src', 'charts', 'web', 'chart.ts');
    fs.appendFileSync(chartFile, '// edited by hand\n');
    const r = await run(root, 'init', 'web');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join('src', 'charts', 'web')} already exists; nothing was written`);
    expect(fs.readFileSync(chartFile, 'utf8')).toContain('// edited by hand');
  });

  it('rejects a name helm would not accept', async () => {
    const r = await run(root, 'init', 'Web_App');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('chart name "Web_App" has uppercase letters, which OCI registries (helmts push) refuse; use lowercase letters and digits');
    expect(r.stderr).toContain('e.g. "web_app"');
  });
});
