/**
 * Use from another project: `npm pack` of this package installs, with `npm ci` from the committed lockfile
 * test/cli/consumer/package-lock.json (nothing resolved live), into a project on today's toolchain:
 * TypeScript 7 (which no longer has the compiler API helmts uses: helmts brings its own TypeScript), Jest 30
 * with helmts' preset (no ts-jest), kubernetes-models 5 and @kubernetes-models/cert-manager 6 (ES modules only).
 * In a CommonJS project and in an ESM one (`"type": "module"`, a folder of the first, with its own jest.config.mjs
 * spreading the preset and an ES module test file), `helmts init web`, a chart of a cert-manager Certificate,
 * `helmts build`, `tsc --noEmit` (TypeScript 7) and `jest` pass.
 * helm comes from HELM_BIN, as README tells consumers. Sizes are printed.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helmBinary } from '../../src/helm/helm-binary';

const REPO = path.resolve(__dirname, '..', '..');
const CONSUMER = path.join(__dirname, 'consumer');
let work: string;
let app: string;

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`)) : resolve(stdout + stderr),
    ),
  );
}

function duBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += fs.statSync(path.join(e.parentPath, e.name)).size;
  }
  return total;
}

/** A second chart next to the scaffolded one: a cert-manager Certificate (an ESM-only @kubernetes-models package). */
const TLS_CHART = {
  'src/charts/tls/values.ts': `/** Values of the tls chart. */
import type { ICertificateSpec } from '@kubernetes-models/cert-manager/cert-manager.io/v1/CertificateSpec';

export interface Values {
  /** DNS names of the certificate. */
  dnsNames: string[];
  /** The issuer (the model's type). */
  issuerRef: ICertificateSpec['issuerRef'];
}
`,
  'src/charts/tls/chart.ts': `import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { defineChart, type BuiltIns } from 'helmts';
import type { Values } from './values';

const certificate = (v: Values, b: BuiltIns) =>
  new Certificate({
    metadata: { name: b.release.name },
    spec: { secretName: \`\${b.release.name}-tls\`, dnsNames: v.dnsNames, issuerRef: v.issuerRef },
  });

export const chart = defineChart<Values>({
  name: 'tls',
  version: '0.1.0',
  appVersion: '1.0.0',
  description: 'A certificate',
  source: 'src/charts/tls',
  values: { file: 'src/charts/tls/values.ts', type: 'Values' },
  defaults: { dnsNames: ['example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
  helpers: [],
  templates: { 'certificate.yaml': certificate },
});
`,
  'test/charts/tls/tls.test.ts': `import { loadChart } from 'helmts/testing';

const chart = loadChart('charts/tls');

it('renders a Certificate the cert-manager model validates', async () => {
  const out = await chart.render({ release: { name: 'shop' }, set: { dnsNames: ['a.example.com'] } });
  expect(out.document({ kind: 'Certificate' })).toHaveValue('spec.secretName', 'shop-tls');
  expect(out.document({ kind: 'Certificate' })).toHaveValue('spec.dnsNames', ['a.example.com']);
  expect(out.unvalidated).toEqual([]);
});

it('refuses an issuerRef without a name (the model type is in the schema)', async () => {
  await expect(chart.render({ set: { 'issuerRef.name': null } })).rejects.toThrow(/issuerRef/);
});
`,
};

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-consume-'));
  // Pack a copy, so the repository gets no dist/ (bin/helmts.js prefers dist/ when present).
  const pkg = path.join(work, 'helmts');
  fs.mkdirSync(pkg);
  for (const f of ['package.json', 'README.md', 'bin', 'src', 'jest-preset.js', 'tsconfig.json', 'tsconfig.build.json']) {
    fs.cpSync(path.join(REPO, f), path.join(pkg, f), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'));
  await sh(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], pkg);
  await sh('npm', ['pack', '--ignore-scripts', '--silent'], pkg);
  const ownVersion = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.renameSync(path.join(pkg, `helmts-${ownVersion}.tgz`), path.join(app, 'helmts.tgz'));
  fs.copyFileSync(path.join(CONSUMER, 'package.json'), path.join(app, 'package.json'));
  fs.copyFileSync(path.join(CONSUMER, 'package-lock.json'), path.join(app, 'package-lock.json'));
  // npm ci installs exactly the lockfile (and fails if package.json and the lock disagree: run update-lock.sh).
  await sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], app);
}, 600_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const bin = (name: string) => path.join(app, 'node_modules', '.bin', name);

describe.each([
  ['CommonJS', ''],
  ['ESM', 'esm'],
])(`a fresh %s project on Node ${process.versions.node}`, (kind, folder) => {
  it('runs helmts init web, builds a cert-manager chart too, type-checks with TypeScript 7 and passes its Jest tests', async () => {
    const dir = path.join(app, folder);
    const esm = folder !== '';
    if (esm) {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app-esm', private: true, type: 'module' }));
      // The project's own Jest config (ESM) spreading the preset, and an ES module test file.
      fs.writeFileSync(path.join(dir, 'jest.config.mjs'), `import preset from 'helmts/jest-preset';\nexport default { ...preset, testMatch: ['**/test/**/*.test.[jt]s'], testTimeout: 60000 };\n`);
      fs.mkdirSync(path.join(dir, 'test'));
      fs.writeFileSync(path.join(dir, 'test', 'esm.test.js'), `import { loadChart } from 'helmts/testing';\nit('runs an ES module test', async () => {\n  const out = await loadChart('charts/web').render();\n  expect(out.document({ kind: 'Service' })).toHaveValue('spec.ports[0].port', 80);\n});\n`);
    }
    const env = { HELM_BIN: helmBinary(4) };
    const init = await sh(bin('helmts'), ['init', 'web'], dir, env);
    expect(init).toContain('built charts/web (8 files, 8 changed)');
    if (esm) expect(init).not.toContain('created jest.config.cjs');
    else expect(init).toContain('created jest.config.cjs');
    expect(fs.readFileSync(path.join(dir, 'src', 'charts', 'web', 'chart.ts'), 'utf8')).toContain(`from 'helmts'`);
    for (const [file, content] of Object.entries(TLS_CHART)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    const build = await sh(bin('helmts'), ['build'], dir, env);
    expect(build).toContain('built charts/web (8 files, 0 changed)');
    expect(build).toMatch(/built charts\/tls \(\d+ files, \d+ changed\)/);
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'charts', 'tls', 'values.schema.json'), 'utf8')) as { definitions: Record<string, unknown> };
    expect(schema.definitions.IIssuerReference).toMatchObject({ type: 'object', required: ['name'] });
    // TypeScript 7 (the native compiler) type-checks the scaffold and the chart with the tsconfig.json init wrote.
    expect(await sh(bin('tsc'), ['--version'], dir)).toMatch(/Version 7\./);
    await sh(bin('tsc'), ['--noEmit', '-p', '.'], dir);
    const jest = await sh(bin('jest'), ['--ci'], dir, env);
    expect(jest).toContain(esm ? 'Tests:       6 passed, 6 total' : 'Tests:       5 passed, 5 total');
    const help = await sh(bin('helmts'), ['--help'], dir);
    expect(help).toContain('  build ');
    process.stdout.write(
      `package-consume (${kind}, Node ${process.versions.node}): tarball ${(fs.statSync(path.join(app, 'helmts.tgz')).size / 1024).toFixed(0)} KiB, ` +
        `node_modules/helmts ${(duBytes(path.join(app, 'node_modules', 'helmts')) / 1024 / 1024).toFixed(1)} MiB, ` +
        `consumer node_modules ${(duBytes(path.join(app, 'node_modules')) / 1024 / 1024).toFixed(0)} MiB\n`,
    );
  }, 600_000);
});
