/**
 * `helmts init <name>`: scaffolds src/charts/<name>/ (chart.ts, values.ts) and
 * test/charts/<name>/<name>.test.ts, then builds charts/<name>/. Refuses to
 * overwrite anything that exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildOnce } from './build';
import { CONVENTION_DIR, messageOf, projectRoot } from './project';
import { CHART_NAME, scaffoldChart, type ScaffoldImports } from './scaffold';
import type { CliIo } from './validate-values';

export const initUsage = `Usage: helmts init <name>

Scaffolds a typed chart: src/charts/<name>/chart.ts (the definition: a
Deployment and a Service), src/charts/<name>/values.ts (the documented Values
type) and test/charts/<name>/<name>.test.ts (Jest, on real helm), then builds
charts/<name>/. Refuses to overwrite an existing chart or file.

Options:
  -h, --help  show this help
`;

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
  if (!CHART_NAME.test(name)) {
    io.stderr(`helmts init: "${name}" is not a valid chart name: use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 53 characters\n`);
    return 2;
  }
  const root = projectRoot(io.cwd);
  if (!fs.existsSync(path.join(root, 'package.json'))) {
    io.stderr(`helmts init: no package.json at or above ${io.cwd}; run \`npm init -y\` first\n`);
    return 2;
  }
  const files = scaffoldChart(name, importsFor(root));
  const taken = [path.join(CONVENTION_DIR, name), path.join('charts', name), ...files.map((f) => f.path)].filter((p) =>
    fs.existsSync(path.join(root, p)),
  );
  if (taken.length > 0) {
    io.stderr(`helmts init: ${taken[0]} already exists; nothing was written (pick another name or remove it)\n`);
    return 1;
  }
  if (!hasJestConfig(root) && importsFor(root).generator === 'helmts') {
    // helmts' preset compiles the TypeScript tests and chart definitions with helmts' own TypeScript and loads the
    // ESM-only kubernetes-models packages; .cjs works in CommonJS and ESM projects alike.
    files.push({
      path: 'jest.config.cjs',
      content: `/** Jest for the chart tests (helmts init): preset 'helmts' compiles TypeScript and chart definitions and loads the ESM-only model packages. */\nmodule.exports = {\n  preset: 'helmts',\n  testMatch: ['**/test/**/*.test.ts'],\n  testTimeout: 60000,\n};\n`,
    });
  }
  if (!fs.existsSync(path.join(root, 'tsconfig.json')) && importsFor(root).generator === 'helmts') {
    // For `tsc --noEmit` (TypeScript 6 or 7) and the schema generator: bundler resolution reads the models' ESM exports
    // and allows the scaffold's extensionless relative imports in CommonJS and ESM projects.
    files.push({
      path: 'tsconfig.json',
      content: `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'preserve', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, types: ['jest'] }, include: ['src', 'test'] }, null, 2)}\n`,
    });
  }
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    fs.writeFileSync(path.join(root, f.path), f.content, { flag: 'wx' });
    io.stdout(`created ${f.path}\n`);
  }
  const code = buildOnce(root, [name], io);
  if (code === 0) io.stdout(`next: edit ${CONVENTION_DIR}/${name}/chart.ts, run \`helmts build --watch\`, test with \`npx jest test/charts/${name}\`\n`);
  return code;
}
