/**
 * `helmts init <name>`: scaffolds src/charts/<name>/ (chart.ts, values.ts) and
 * test/charts/<name>/<name>.test.ts, then builds charts/<name>/. Refuses to
 * overwrite anything that exists.
 *
 * All or nothing: the two folders (and jest.config.cjs when the project has no
 * Jest config) are created by one provisional transaction
 * (src/io/folder-transaction.ts) that is finished only once charts/<name> is
 * built. A failed build, SIGINT, SIGTERM or SIGHUP undo it at once; after a
 * SIGKILL the next helmts command does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chartNameProblem } from '../generator/chart-name';
import { EnvironmentError, environmentError, isEnvironmentCode } from '../io/environment-error';
import { FolderTransaction } from '../io/folder-transaction';
import { addCleanup, yieldToSignals } from '../io/interrupts';
import { absolutePathProblem, relativePathProblem } from '../io/safe-paths';
import { helmBinary } from '../helm/helm-binary';
import { runHelm } from '../helm/run-helm';
import { buildOnce } from './build';
import { EXIT_ENVIRONMENT, exitCodesHelp } from './exit-codes';
import { CONVENTION_DIR, messageOf, projectRoot, readProject } from './project';
import { scaffoldChart, type ScaffoldImports } from './scaffold';
import { jestConfigNotes, tsconfigNotes } from './scaffold-notes';
import type { CliIo } from './validate-values';

export const initUsage = `Usage: helmts init <name>

Scaffolds a typed chart: src/charts/<name>/chart.ts (the definition: a
Deployment and a Service), src/charts/<name>/values.ts (the documented Values
type) and test/charts/<name>/<name>.test.ts (Jest, on real helm), then builds
charts/<name>/ and lints it (helm lint --strict, with Helm 4 and 3 where both
are found). Refuses to overwrite an existing chart, folder or file; if the build
or a lint fails or helmts is interrupted, nothing of the chart is left.

Options:
  -h, --help  show this help

${exitCodesHelp('0 created and built, 1 the name is taken or the build failed (nothing\nleft), 2 usage error or invalid name')}`;

/** Inside the helmts repository the scaffold imports the sources; elsewhere the package. */
function importsFor(root: string): ScaffoldImports {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: string };
  if (pkg.name === 'helmts') return { generator: '../../generator', testing: '../../../src/testing' };
  return { generator: 'helmts', testing: 'helmts/testing' };
}

function hasJestConfig(root: string): boolean {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { jest?: unknown };
  return pkg.jest !== undefined || fs.readdirSync(root).some((f) => /^jest\.config\.(js|cjs|mjs|ts|json)$/.test(f));
}

/**
 * `helm lint --strict` of the new chart with every distinct helm there is: the Helm 4 and Helm 3 helmts would render
 * with (HELM4_BIN, HELM3_BIN, HELM_BIN, the bundled binaries in this repository, else `helm` on PATH; one binary for
 * both is linted once). A refusal fails init; no helm at all is said, not hidden.
 */
async function lintNewChart(dir: string, shown: string): Promise<{ failed?: string; notes: string[] }> {
  const bins = new Map<string, 3 | 4>();
  const missing: string[] = [];
  for (const major of [4, 3] as const) {
    try {
      const bin = helmBinary(major);
      if (!bins.has(bin)) bins.set(bin, major);
    } catch (error) {
      missing.push(messageOf(error));
    }
  }
  if (bins.size === 0) return { notes: [`helm lint skipped: ${missing[0]}`] };
  const notes: string[] = [];
  for (const [bin, major] of bins) {
    let r;
    try {
      r = await runHelm(['lint', '--strict', dir], major);
    } catch (error) {
      return { notes, failed: `cannot run ${bin} to lint ${shown}: ${messageOf(error)}; fix HELM_BIN (or HELM${major}_BIN) or PATH` };
    }
    if (r.code !== 0) {
      const out = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-20).join('\n');
      return { notes, failed: `helm lint --strict ${shown} failed with ${bin} (exit ${r.code}):\n${out}` };
    }
    notes.push(`linted ${shown} with ${bin} (helm lint --strict)`);
  }
  return { notes };
}

export async function runInit(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    io.stderr(`helmts init: ${messageOf(error)}\n\n${initUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(initUsage);
    return 0;
  }
  const [name, ...extra] = parsed.positionals;
  if (!name || extra.length > 0) {
    io.stderr(`helmts init: give one chart name\n\n${initUsage}`);
    return 2;
  }
  const invalid = chartNameProblem(name);
  if (invalid) {
    io.stderr(`helmts init: ${invalid}\n`);
    return 2;
  }
  const root = projectRoot(io.cwd);
  if (!fs.existsSync(path.join(root, 'package.json'))) {
    io.stderr(`helmts init: no package.json at or above ${io.cwd}; run \`npm init -y\` first\n`);
    return 2;
  }
  let outDir: string;
  try {
    outDir = readProject(root).outDir;
  } catch (error) {
    io.stderr(`helmts init: ${messageOf(error)}\n`);
    return 1;
  }
  const chartDir = path.join(outDir, name);
  const files = scaffoldChart(name, importsFor(root));
  // The names the scaffold writes (test/charts/<name>/<name>.test.ts is the longest), checked as the writer checks
  // every generated path, before anything is written: a name the chart rule allows may still be too long for them.
  for (const f of files) {
    const problem = relativePathProblem(f.path) ?? absolutePathProblem(path.join(root, f.path));
    if (problem) {
      io.stderr(`helmts init: chart name ${JSON.stringify(name)} is too long for the scaffold: ${f.path.length > 80 ? `${f.path.slice(0, 40)}…${f.path.slice(-24)}` : f.path} ${problem}; nothing was written\n`);
      return 2;
    }
  }
  const folders = [path.join(CONVENTION_DIR, name), path.join('test', 'charts', name)];
  const taken = [...folders, chartDir, ...files.map((f) => f.path)].filter((p) => fs.existsSync(path.join(root, p)));
  if (taken.length > 0) {
    io.stderr(`helmts init: ${taken[0]} already exists; nothing was written (pick another name or remove it)\n`);
    return 1;
  }
  const hadTsconfig = fs.existsSync(path.join(root, 'tsconfig.json'));
  const hadJestConfig = hasJestConfig(root);
  // Files at the project root (created one by one, each no-clobber, in the same transaction).
  const rootFiles: Array<{ path: string; content: string }> = [];
  if (!hasJestConfig(root) && importsFor(root).generator === 'helmts') {
    // helmts' preset compiles the TypeScript tests and chart definitions with helmts' own TypeScript and loads the
    // ESM-only kubernetes-models packages; .cjs works in CommonJS and ESM projects alike.
    rootFiles.push({
      path: 'jest.config.cjs',
      content: `/** Jest for the chart tests (helmts init): preset 'helmts' compiles TypeScript and chart definitions and loads the ESM-only model packages. */\nmodule.exports = {\n  preset: 'helmts',\n  testMatch: ['**/test/**/*.test.ts'],\n  testTimeout: 60000,\n};\n`,
    });
  }
  if (!fs.existsSync(path.join(root, 'tsconfig.json')) && importsFor(root).generator === 'helmts') {
    // For `tsc --noEmit` (TypeScript 6 or 7) and the schema generator: bundler resolution reads the models' ESM exports
    // and allows the scaffold's extensionless relative imports in CommonJS and ESM projects.
    rootFiles.push({
      path: 'tsconfig.json',
      content: `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'preserve', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, types: ['jest'] }, include: ['src', 'test'] }, null, 2)}\n`,
    });
  }

  let tx: FolderTransaction;
  try {
    // <outDir>/<name> did not exist either (checked above): the build writes it, and an undo removes it.
    tx = FolderTransaction.begin(root, folders.map((f) => path.join(root, f)), {
      provisional: true,
      claims: [path.join(root, chartDir)],
      claimMarker: { file: 'Chart.yaml', prefix: `# Generated from ${CONVENTION_DIR.split(path.sep).join('/')}/${name} by \`helmts build ${name}\`` },
    });
  } catch (error) {
    io.stderr(`helmts init: ${environmentError(error, `create ${folders.join(' and ')}`, root).message}\n`);
    return EXIT_ENVIRONMENT;
  }
  const undo = () => tx.undo();
  const unregister = addCleanup(undo); // SIGINT, SIGTERM, SIGHUP and an unexpected exit undo the scaffold
  let code: number;
  let lintFailed = false;
  try {
    for (const f of files) {
      const folder = folders.find((d) => f.path.startsWith(`${d.split(path.sep).join('/')}/`))!;
      const dest = path.join(tx.stageOf(path.join(root, folder)), path.relative(folder, f.path));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, f.content);
    }
    tx.commit();
    for (const f of rootFiles) tx.createFile(path.join(root, f.path), f.content);
    for (const f of [...files, ...rootFiles]) io.stdout(`created ${f.path}\n`);
    code = await buildOnce(root, [name], io);
    if (code === 0) {
      const lint = await lintNewChart(path.join(root, chartDir), chartDir);
      for (const note of lint.notes) io.stdout(`${note}\n`);
      if (lint.failed) {
        io.stderr(`helmts init: ${lint.failed}\n`);
        code = 1;
        lintFailed = true;
      }
    }
    // A signal during the build's last synchronous step: handled here, while the undo is still registered.
    await yieldToSignals();
  } catch (error) {
    unregister();
    tx.undo();
    const environment = error instanceof EnvironmentError || isEnvironmentCode((error as NodeJS.ErrnoException).code);
    const message = environment ? environmentError(error, `scaffold ${name}`, (error as NodeJS.ErrnoException).path ?? root).message : messageOf(error);
    io.stderr(`helmts init: ${message}. Nothing was left.\n`);
    return environment ? EXIT_ENVIRONMENT : 1;
  }
  unregister();
  if (code !== 0) {
    tx.undo();
    io.stderr(`helmts init: the new chart did not ${lintFailed ? 'pass helm lint' : 'build'}, so the scaffold was removed again (${[...folders, ...rootFiles.map((f) => f.path)].join(', ')})\n`);
    return code;
  }
  tx.finish();
  if (importsFor(root).generator === 'helmts') {
    // The project's own configs, which init does not edit: what would stop `npx tsc --noEmit` or `npx jest` on the scaffold.
    const notes = [...(hadTsconfig ? tsconfigNotes(root) : []), ...(hadJestConfig ? jestConfigNotes(root) : [])];
    for (const line of notes) io.stdout(`${line}\n`);
  }
  io.stdout(`next: edit ${CONVENTION_DIR}/${name}/chart.ts, run \`helmts build --watch\`, test with \`npx jest test/charts/${name}\`\n`);
  return 0;
}
