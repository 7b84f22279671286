/**
 * Use from another project: `npm pack` of this package installs into a fresh
 * project, where `npx helmts init web && npx helmts build && npx jest` pass.
 * The project is CommonJS on Node 20 and ESM (`"type": "module"`) on Node 22+
 * (.ci/run runs the suite on Node 20 and on Node 24, so both are tried).
 * helm comes from HELM_BIN, as README tells consumers. Sizes are printed.
 *
 * Hermetic: the project is test/fixtures/consumer (package.json = the README's
 * consumer install line, pinned) installed with `npm ci` from its committed
 * package-lock.json; only the helmts tarball's integrity is filled in
 * (test/fixtures/consumer/consumer.js). A registry that fails or answers
 * inconsistently while npm ci fetches those exact versions is reported as a
 * registry problem, not as a helmts failure. `HELMTS_CONSUMER_LIVE=1` instead
 * runs the README's install line as written, against the versions the
 * registry serves today (not part of the default suite: it is not reproducible).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helmBinary } from '../../src/helm/helm-binary';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const consumer = require('../fixtures/consumer/consumer.js') as {
  packHelmts(dir: string): string;
  prepareConsumer(app: string, tarball: string, extra?: Record<string, unknown>): void;
  staleness(): string | undefined;
  tarballName(): string;
  HERE: string;
};

const REPO = path.resolve(__dirname, '..', '..');
const ESM = Number(process.versions.node.split('.')[0]) >= 22;
const LIVE = process.env.HELMTS_CONSUMER_LIVE === '1';
let work: string;

interface Sh {
  code: number;
  output: string;
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Sh> {
  return new Promise((resolve) =>
    execFile(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
    ),
  );
}

async function ok(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await sh(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.output}`);
  return r.output;
}

/** npm error codes that come from the registry or the network, not from the project. */
const REGISTRY_CODES = /npm error code (E404|ETARGET|EINTEGRITY|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT|E5\d\d|E429|FETCH_ERROR)/;

/** `npm ci` of the committed lockfile; a registry fault is retried once, then reported as what it is. */
async function npmCi(app: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const r = await sh('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], app);
    if (r.code === 0) return;
    const registry = REGISTRY_CODES.exec(r.output);
    if (registry && attempt < 2) continue;
    if (registry) {
      throw new Error(
        `NOT A HELMTS FAILURE: the npm registry failed or answered inconsistently (npm error code ${registry[1]}) ` +
          `while npm ci fetched the exact versions of test/fixtures/consumer/package-lock.json:\n${r.output}`,
      );
    }
    throw new Error(`npm ci of test/fixtures/consumer failed (not a registry error):\n${r.output}`);
  }
}

/** The README's consumer install line, as `name@range` specs (the helmts tarball left out). */
function readmeInstallSpecs(): string[] {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => /^npm install --save-dev \.\/helmts-/.test(l));
  if (!line) throw new Error('README.md has no `npm install --save-dev ./helmts-….tgz …` line');
  return line.replace(/#.*$/, '').trim().split(/\s+/).slice(4);
}

const nameOf = (spec: string) => spec.slice(0, spec.lastIndexOf('@'));
const rangeOf = (spec: string) => spec.slice(spec.lastIndexOf('@') + 1);
/** The README's ranges are a major (`30`) or a minor (`~5.9`). */
function satisfies(version: string, range: string): boolean {
  const m = /^~?(\d+)(?:\.(\d+))?$/.exec(range);
  if (!m) return false;
  const [major, minor] = version.split('.');
  return major === m[1] && (m[2] === undefined || minor === m[2]);
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-consume-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the README consumer install line and its lockfile', () => {
  it('pins exactly the packages of test/fixtures/consumer/package.json, at ranges its pinned versions satisfy', () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(consumer.HERE, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const pinned = Object.fromEntries(Object.entries(fixture.devDependencies).filter(([n]) => n !== 'helmts'));
    const specs = readmeInstallSpecs();
    expect(specs.map(nameOf).sort()).toEqual(Object.keys(pinned).sort());
    for (const spec of specs) expect([spec, satisfies(pinned[nameOf(spec)], rangeOf(spec))]).toEqual([spec, true]);
  });

  it('is up to date with helmts’s own dependencies (else: npm run consumer-lock)', () => {
    expect(consumer.staleness()).toBeUndefined();
  });
});

describe(`a fresh ${ESM ? 'ESM' : 'CommonJS'} project on Node ${process.versions.node}`, () => {
  it(`installs the packed package ${LIVE ? 'with the README line, live' : 'from the committed lockfile'} and runs helmts init web, helmts build and the scaffolded tests`, async () => {
    const stale = consumer.staleness();
    if (stale) throw new Error(`${stale}: run \`npm run consumer-lock\` and commit test/fixtures/consumer/package-lock.json`);
    // Pack a copy, so the repository gets no dist/ (bin/helmts.js prefers dist/ when present).
    const tarball = consumer.packHelmts(work);
    const app = path.join(work, 'app');
    if (LIVE) {
      fs.mkdirSync(app);
      fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, ...(ESM ? { type: 'module' } : {}) }));
      await ok('npm', ['install', '--save-dev', '--no-audit', '--no-fund', tarball, ...readmeInstallSpecs()], app);
    } else {
      consumer.prepareConsumer(app, tarball, ESM ? { type: 'module' } : {});
      await npmCi(app);
      // What npm ci put in place is what the lockfile names.
      const lock = JSON.parse(fs.readFileSync(path.join(consumer.HERE, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
      for (const name of ['typescript', 'jest', 'ts-jest', '@types/jest']) {
        const installed = (JSON.parse(fs.readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
        expect([name, installed]).toEqual([name, lock.packages[`node_modules/${name}`].version]);
      }
    }
    const env = { HELM_BIN: helmBinary(4) };
    const init = await ok('npx', ['helmts', 'init', 'web'], app, env);
    expect(init).toContain('built charts/web (8 files, 8 changed)');
    expect(fs.readFileSync(path.join(app, 'src', 'charts', 'web', 'chart.ts'), 'utf8')).toContain(`from 'helmts'`);
    const build = await ok('npx', ['helmts', 'build'], app, env);
    expect(build).toContain('built charts/web (8 files, 0 changed)');
    const jest = await ok('npx', ['jest', '--ci'], app, env);
    expect(jest).toContain('Tests:       2 passed, 2 total');
    const help = await ok('npx', ['helmts', '--help'], app);
    expect(help).toContain('  build ');

    const duBytes = (dir: string) =>
      fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .reduce((t, e) => t + fs.statSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size, 0);
    process.stdout.write(
      `package-consume (${ESM ? 'ESM' : 'CJS'}, Node ${process.versions.node}): tarball ${(fs.statSync(tarball).size / 1024).toFixed(0)} KiB, ` +
        `node_modules/helmts ${(duBytes(path.join(app, 'node_modules', 'helmts')) / 1024).toFixed(0)} KiB, ` +
        `consumer node_modules ${(duBytes(path.join(app, 'node_modules')) / 1024 / 1024).toFixed(0)} MiB\n`,
    );
  }, 600_000);
});
