/**
 * Use from another project: `npm pack` of this package installs into a fresh
 * project, where `npx helmts init web && npx helmts build && npx jest` pass.
 * The project is CommonJS on Node 20 and ESM (`"type": "module"`) on Node 22+
 * (.ci/run runs the suite on Node 20 and on Node 24, so both are tried).
 * helm comes from HELM_BIN, as README tells consumers. Sizes are printed.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helmBinary } from '../../src/helm/helm-binary';

const REPO = path.resolve(__dirname, '..', '..');
const ESM = Number(process.versions.node.split('.')[0]) >= 22;
let work: string;

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`)) : resolve(stdout + stderr),
    ),
  );
}

const version = (pkg: string) => (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

function duBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += fs.statSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size;
  }
  return total;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-consume-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe(`a fresh ${ESM ? 'ESM' : 'CommonJS'} project on Node ${process.versions.node}`, () => {
  it('installs the packed package and runs helmts init web, helmts build and the scaffolded tests', async () => {
    // Pack a copy, so the repository gets no dist/ (bin/helmts.js prefers dist/ when present).
    const pkg = path.join(work, 'helmts');
    fs.mkdirSync(pkg);
    for (const f of ['package.json', 'README.md', 'bin', 'src', 'tsconfig.json', 'tsconfig.build.json']) {
      fs.cpSync(path.join(REPO, f), path.join(pkg, f), { recursive: true });
    }
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'));
    await sh(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], pkg);
    await sh('npm', ['pack', '--ignore-scripts', '--silent'], pkg);
    const ownVersion = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    const tarball = path.join(pkg, `helmts-${ownVersion}.tgz`);

    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, ...(ESM ? { type: 'module' } : {}) }));
    // Versions the repository already has, so npm finds them in its cache.
    const dev = [tarball, `jest@${version('jest')}`, `ts-jest@${version('ts-jest')}`, `@types/jest@${version('@types/jest')}`, `typescript@${version('typescript')}`];
    await sh('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', ...dev], app);
    const env = { HELM_BIN: helmBinary(4) };
    const init = await sh('npx', ['helmts', 'init', 'web'], app, env);
    expect(init).toContain('built charts/web (8 files, 8 changed)');
    expect(fs.readFileSync(path.join(app, 'src', 'charts', 'web', 'chart.ts'), 'utf8')).toContain(`from 'helmts'`);
    const build = await sh('npx', ['helmts', 'build'], app, env);
    expect(build).toContain('built charts/web (8 files, 0 changed)');
    const jest = await sh('npx', ['jest', '--ci'], app, env);
    expect(jest).toContain('Tests:       2 passed, 2 total');
    const help = await sh('npx', ['helmts', '--help'], app);
    expect(help).toContain('  build ');

    process.stdout.write(
      `package-consume (${ESM ? 'ESM' : 'CJS'}, Node ${process.versions.node}): tarball ${(fs.statSync(tarball).size / 1024).toFixed(0)} KiB, ` +
        `node_modules/helmts ${(duBytes(path.join(app, 'node_modules', 'helmts')) / 1024).toFixed(0)} KiB, ` +
        `consumer node_modules ${(duBytes(path.join(app, 'node_modules')) / 1024 / 1024).toFixed(0)} MiB\n`,
    );
  }, 600_000);
});
