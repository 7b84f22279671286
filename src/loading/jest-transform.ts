/**
 * The Jest transformer of helmts (`helmts/jest-preset` routes every JavaScript
 * and TypeScript file here). Jest runs tests as CommonJS, so this compiles, with
 * helmts' own TypeScript (whatever TypeScript the project has, even 7):
 * - chart definition files (src/charts/…, test fixtures, or `chartSources`)
 *   through the chart language's one entry point, `lowerChartFile`
 *   (src/language/load.ts), as `helmts build` loads them;
 * - other TypeScript (`.ts`, `.mts`, `.cts`) to CommonJS, types stripped,
 *   without type checking (run `tsc --noEmit` for that);
 * - ES modules (`.mjs`, `.js` under a `"type": "module"` package.json: the
 *   kubernetes-models packages, an ESM project's own files) to CommonJS.
 * Other files are returned as they are.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { chartRootOf, isChartSource, lowerChartFile } from '../language/load';

export interface HelmtsTransformerConfig {
  /** A regular expression (source text) of more files to load as chart definitions (e.g. a helmts.config.ts layout). */
  chartSources?: string;
  /** A regular expression (source text) of files never treated as chart definitions (wins over `chartSources`). */
  notChartSources?: string;
}

interface TransformOptions {
  transformerConfig?: HelmtsTransformerConfig;
  configString?: string;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  sourceMap: true,
  inlineSources: true,
};

/** The folders whose code decides a transform's output: this one, the generator (the chart transform) and the chart language. */
const OWN_DIRS = ['loading', 'generator', 'language'].map((d) => path.join(__dirname, '..', d));
let ownDigest: string | undefined;

/** A digest of helmts' own code (source or compiled), so a changed transform never reuses Jest's cached output. */
function ownCode(): string {
  if (ownDigest) return ownDigest;
  const hash = createHash('sha256').update(ts.version);
  const add = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) add(file);
      else if (/\.[cm]?[jt]s$/.test(entry.name)) hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  for (const dir of OWN_DIRS) if (fs.existsSync(dir)) add(dir);
  ownDigest = hash.digest('hex');
  return ownDigest;
}

const typeCache = new Map<string, boolean>();

/** Whether `file` is an ES module as Node decides: `.mjs`, or `.js` under a package.json with `"type": "module"`. */
export function isEsmFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const known = typeCache.get(dir);
    if (known !== undefined) return known;
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      let type: unknown;
      try {
        type = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
      } catch {
        type = undefined;
      }
      typeCache.set(dir, type === 'module');
      return type === 'module';
    }
    if (path.dirname(dir) === dir) return false;
  }
}

function chartSource(file: string, config: HelmtsTransformerConfig | undefined): boolean {
  const f = file.split(path.sep).join('/');
  if (config?.notChartSources && new RegExp(config.notChartSources).test(f)) return false;
  if (!/\.[cm]?tsx?$/.test(f) || f.endsWith('.d.ts') || f.includes('/node_modules/')) return false;
  return isChartSource(file) || (config?.chartSources !== undefined && new RegExp(config.chartSources).test(f));
}

function compile(source: string, file: string): { code: string; map: string } {
  const out = ts.transpileModule(source, { fileName: file, compilerOptions: COMPILER_OPTIONS });
  return { code: out.outputText, map: out.sourceMapText ?? '' };
}

export function process(source: string, file: string, options: TransformOptions = {}): { code: string; map?: string } {
  const config = options.transformerConfig;
  if (chartSource(file, config)) return lowerChartFile(file, source);
  if (/\.[cm]?tsx?$/.test(file) && !file.endsWith('.d.ts')) return compile(source, file);
  if (isEsmFile(file)) return compile(source, file);
  return { code: source };
}

/** The `.ts` files under a chart's folder: a chart file's lowering depends on them (the analysis follows calls across files). */
function chartFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : chartFiles(f);
    return /\.tsx?$/.test(e.name) ? [f] : [];
  });
}

export function getCacheKey(source: string, file: string, options: TransformOptions = {}): string {
  const hash = createHash('sha256')
    .update(ownCode())
    .update('\0')
    .update(JSON.stringify(options.transformerConfig ?? {}))
    .update('\0')
    .update(file)
    .update('\0')
    .update(source);
  if (chartSource(file, options.transformerConfig)) {
    for (const f of chartFiles(chartRootOf(file))) hash.update('\0').update(f).update('\0').update(fs.readFileSync(f));
  }
  return hash.digest('hex');
}

/** What Jest loads (it takes `default` of a module compiled from ESM syntax). */
const transformer = { process, getCacheKey };
export default transformer;
