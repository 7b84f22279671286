/**
 * A helmts project and its charts.
 *
 * The project root is the nearest folder at or above the working directory
 * holding a `package.json`. Charts are found by convention: every
 * `src/charts/<folder>/chart.ts` exporting a definition made by `defineChart`.
 * A `helmts.config.ts` (or `.js`) at the root may list other definition files
 * and another output folder:
 *
 * ```ts
 * export default { charts: ['deploy/web.chart.ts'], outDir: 'dist-charts' };
 * ```
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartNameProblem } from '../generator/chart-name';
import { includeChartSources, isChartSource } from '../language/chart-files';
import type { ChartDefinition } from '../generator';
import { allowRequireOfImportOnlyPackages } from '../loading/require-esm';

export interface HelmtsConfig {
  /** Definition files, relative to the project root. Default: every `src/charts/<folder>/chart.ts`. */
  charts?: string[];
  /** Where the generated charts go, relative to the project root. Default `charts`. */
  outDir?: string;
}

/** Types a `helmts.config.ts`. */
export function defineConfig(config: HelmtsConfig): HelmtsConfig {
  return config;
}

export interface Project {
  root: string;
  outDir: string;
  /** Definition files, absolute. */
  definitionFiles: string[];
  /** The config file, if any. */
  configFile?: string;
}

export interface FoundChart {
  /** Absolute path of the definition file. */
  file: string;
  definition: ChartDefinition<unknown>;
  /** Output folder relative to the project root, e.g. `charts/web`. */
  chartDir: string;
}

/** A problem in a chart definition file: the file and what went wrong. */
export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message.startsWith(`${file}:`) ? message : `${file}: ${message}`);
  }
}

/**
 * The message of an error thrown by a definition, with `(at file:line:col)` of the
 * innermost stack frame in chart source (src/charts/, a configured folder) when the message names no place.
 */
export function definitionMessage(error: unknown, root: string): string {
  const message = messageOf(error);
  if (!(error instanceof Error) || /:\d+:\d+/.test(message)) return message;
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()\s]+):(\d+):(\d+)\)?$/.exec(line.trim());
    const file = m?.[1].replace(/^file:\/\//, '');
    if (file && file.startsWith(root + path.sep) && isChartSource(file)) {
      return `${message} (at ${path.relative(root, file)}:${m![2]}:${m![3]})`;
    }
  }
  return message;
}

export const CONVENTION_DIR = path.join('src', 'charts');
const CONFIG_NAMES = ['helmts.config.ts', 'helmts.config.js'];

/** The nearest folder at or above `cwd` holding a package.json (or `cwd` itself). */
export function projectRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** Lets `require` load TypeScript (a no-op when a loader such as tsx or Jest's is already in place) and the ESM-only model packages. */
export function ensureTypeScriptLoader(): void {
  allowRequireOfImportOnlyPackages();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extensions = require.extensions as Record<string, unknown> | undefined;
  if (extensions && !extensions['.ts']) (require('tsx/cjs/api') as { register(): () => void }).register();
}

/** Reads the project layout: config file, output folder and definition files. */
export function readProject(cwd: string): Project {
  const root = projectRoot(cwd);
  const configFile = CONFIG_NAMES.map((n) => path.join(root, n)).find((f) => fs.existsSync(f));
  let config: HelmtsConfig = {};
  if (configFile) {
    ensureTypeScriptLoader();
    try {
      const mod = require(configFile) as { default?: HelmtsConfig } & HelmtsConfig;
      config = mod.default ?? mod;
    } catch (error) {
      throw new DefinitionError(path.relative(root, configFile), messageOf(error));
    }
  }
  const rel = configFile ? path.relative(root, configFile) : '';
  if (config.charts !== undefined && (!Array.isArray(config.charts) || config.charts.some((f) => typeof f !== 'string' || f === ''))) {
    throw new DefinitionError(rel, 'charts must be a list of definition file paths, e.g. charts: [\'deploy/web.chart.ts\']');
  }
  const definitionFiles = config.charts
    ? config.charts.map((f) => path.resolve(root, f))
    : conventionFiles(root);
  return { root, outDir: checkOutDir(config.outDir, rel), definitionFiles, configFile };
}

/** The output folder of a config, normalised; a folder outside the project, or the project itself, is refused. */
function checkOutDir(outDir: unknown, configFile: string): string {
  if (outDir === undefined) return 'charts';
  if (typeof outDir !== 'string') throw new DefinitionError(configFile, `outDir must be a folder name, not ${JSON.stringify(outDir)}`);
  const normal = path.posix.normalize(outDir.split(path.sep).join('/')).replace(/\/+$/, '');
  if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
    throw new DefinitionError(configFile, `outDir ${JSON.stringify(outDir)} lies outside the project; helmts writes charts only inside it (e.g. outDir: 'charts')`);
  }
  if (normal === '.' || normal === '') {
    throw new DefinitionError(configFile, `outDir ${JSON.stringify(outDir)} is the project folder itself; each chart would replace a top-level folder: use a folder of its own (e.g. outDir: 'charts')`);
  }
  return normal;
}

function conventionFiles(root: string): string[] {
  const dir = path.join(root, CONVENTION_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'chart.ts')))
    .map((e) => path.join(dir, e.name, 'chart.ts'))
    .sort();
}

/** An export made by defineChart (its name is checked afterwards, so a bad one is reported as such). */
function isDefinition(x: unknown): x is ChartDefinition<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Partial<ChartDefinition<unknown>>;
  return 'name' in d && typeof d.templates === 'object' && typeof d.values === 'object' && 'defaults' in d;
}

/** Forgets every project module `require` has loaded (not node_modules), so the next load reads the files again. */
export function forgetProjectModules(root: string): void {
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(root + path.sep) && !key.includes(nodeModules)) delete require.cache[key];
  }
}

/**
 * Which charts a command works on, from its arguments: one rule and one exit code for every command. A name the
 * project does not define is a bad argument (2); a project with no chart at all has nothing to work on (1).
 */
export class ChartSelectionError extends Error {
  override name = 'ChartSelectionError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export const NO_CHARTS = 'no charts found; create one with `helmts init <name>` (definitions live at src/charts/<name>/chart.ts)';

/** `charts`, or a ChartSelectionError (1) when there is none. */
export function someCharts(charts: FoundChart[]): FoundChart[] {
  if (charts.length === 0) throw new ChartSelectionError(NO_CHARTS, 1);
  return charts;
}

/**
 * Loads the definitions of the project; `names` picks charts by name. Throws a DefinitionError naming the file, or a
 * ChartSelectionError (2) for a name no definition has.
 */
export function loadCharts(project: Project, names: string[] = []): FoundChart[] {
  ensureTypeScriptLoader();
  const found: FoundChart[] = [];
  for (const file of project.definitionFiles) {
    const rel = path.relative(project.root, file);
    if (!fs.existsSync(file)) throw new DefinitionError(rel, 'no such file (listed in the helmts config)');
    let mod: Record<string, unknown>;
    // Definitions outside src/charts/ (helmts.config.ts) load through the chart source transform too.
    includeChartSources(path.dirname(file));
    try {
      mod = require(file) as Record<string, unknown>;
    } catch (error) {
      throw new DefinitionError(rel, definitionMessage(error, project.root));
    }
    const definitions = Object.values(mod).filter(isDefinition);
    if (definitions.length === 0) {
      throw new DefinitionError(rel, 'exports no chart definition; export the result of defineChart({ … })');
    }
    for (const definition of definitions) {
      const invalid = chartNameProblem(definition.name);
      if (invalid) throw new DefinitionError(rel, invalid);
      const twin = found.find((c) => c.definition.name.toLowerCase() === definition.name.toLowerCase());
      if (twin) {
        throw new DefinitionError(rel, `chart name "${definition.name}" is also defined in ${path.relative(project.root, twin.file)}`);
      }
      found.push({ file, definition, chartDir: path.posix.join(project.outDir.split(path.sep).join('/'), definition.name) });
    }
  }
  const unknown = names.filter((n) => !found.some((c) => c.definition.name === n));
  if (unknown.length > 0) {
    const known = found.map((c) => c.definition.name).join(', ') || 'none';
    throw new ChartSelectionError(`no chart named ${unknown.join(', ')} (charts in this project: ${known})`, 2);
  }
  return names.length > 0 ? found.filter((c) => names.includes(c.definition.name)) : found;
}

export function messageOf(error: unknown): string {
  // Not `instanceof Error`: errors from another realm (Node's own, seen from a Jest sandbox) are errors too.
  return typeof error === 'object' && error !== null && typeof (error as Error).message === 'string' ? (error as Error).message : String(error);
}
