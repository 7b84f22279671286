/**
 * The TypeScript program of a chart's definition files, built once and reused: the chart language's
 * analysis reads its type checker, and `helmts build` reports its type errors like `tsc` does.
 *
 * A chart's program has as root files every `.ts` file under the chart's source folder (`src/charts/<name>/`,
 * a folder a `helmts.config.ts` lists, a test fixture chart), with the compiler options of the nearest
 * `tsconfig.json` above it (else strict ES2022/CommonJS defaults). A rebuild after an edit reuses the previous
 * program's structure and every unchanged parsed source file, so `--watch` re-parses only what changed (the type
 * checker is made again, and checks the chart's own files).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** Without a tsconfig.json: what `helmts init` scaffolds (bundler resolution reads the models' ESM exports). */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  resolveJsonModule: true,
};

interface Cached {
  program: ts.Program;
  /** File → content the program was built from (to tell when to rebuild). */
  versions: Map<string, string>;
}

const programs = new Map<string, Cached>();
/** Parsed source files by path and content: unchanged files are not parsed again on a rebuild. */
const sourceFiles = new Map<string, { text: string; file: ts.SourceFile }>();

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : listTs(file);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [file] : [];
  });
}

/**
 * The options of the project that helmts replaces, because they describe how the project's own TypeScript is
 * compiled and loaded, not how helmts compiles and loads a definition: helmts compiles every definition to CommonJS
 * itself (whatever the package's "type"), and loads it through Node's `require` with the ESM-exports retry
 * (src/loading/require-esm.ts) — which `module: preserve` with bundler resolution describe (extensionless relative
 * imports, the `import` condition of ESM-only packages). `verbatimModuleSyntax` is about emitting the module syntax
 * as written, which helmts does not do. And a definition's optional value that is absent is omitted from the
 * rendered object (`with`), never written as `undefined`, so `exactOptionalPropertyTypes` would refuse exactly the
 * ordinary `resources: v.resources`. Every other option (strict, noUncheckedIndexedAccess, target, lib, paths…) is
 * the project's. `tsc --init` of TypeScript 7 writes module nodenext, verbatimModuleSyntax and
 * exactOptionalPropertyTypes; `helmts init` says what to change there for `tsc --noEmit` (src/cli/scaffold-notes.ts).
 */
export const DEFINITION_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  verbatimModuleSyntax: false,
  exactOptionalPropertyTypes: false,
};

/** The compiler options for files under `dir`: the nearest tsconfig.json above it (with DEFINITION_OPTIONS), else the defaults. */
export function compilerOptionsFor(dir: string): ts.CompilerOptions {
  const config = ts.findConfigFile(dir, ts.sys.fileExists);
  if (!config) return DEFAULT_OPTIONS;
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) return DEFAULT_OPTIONS;
  return { ...parsed.options, ...DEFINITION_OPTIONS, noEmit: true, declaration: false, sourceMap: false, incremental: false, composite: false };
}

function host(options: ts.CompilerOptions): ts.CompilerHost {
  const base = ts.createCompilerHost(options);
  return {
    ...base,
    getSourceFile(fileName, languageVersion) {
      const text = ts.sys.readFile(fileName);
      if (text === undefined) return undefined;
      const cached = sourceFiles.get(fileName);
      if (cached && cached.text === text) return cached.file;
      const file = ts.createSourceFile(fileName, text, languageVersion);
      sourceFiles.set(fileName, { text, file });
      return file;
    },
  };
}

/**
 * The program of the chart whose source folder is `dir` (absolute), rebuilt only when one of its root files
 * changed, appeared or went away since the last call.
 */
export function chartProgram(dir: string): ts.Program {
  const roots = listTs(dir).sort();
  const versions = new Map(roots.map((f) => [f, fs.readFileSync(f, 'utf8')] as const));
  const cached = programs.get(dir);
  if (cached && sameVersions(cached.versions, versions) && dependenciesUnchanged(cached.program, dir)) return cached.program;
  const options = compilerOptionsFor(dir);
  // The old program lets TypeScript reuse its structure and every unchanged source file.
  const program = ts.createProgram({ rootNames: roots, options, host: host(options), oldProgram: cached?.program });
  programs.delete(dir);
  programs.set(dir, { program, versions });
  prune();
  return program;
}

/** Programs kept at once (a test process builds many small charts): the oldest go, with the files only they held. */
const KEEP = 3;

function prune(): void {
  while (programs.size > KEEP) programs.delete(programs.keys().next().value!);
  const live = new Set<string>();
  for (const { program } of programs.values()) for (const f of program.getSourceFiles()) live.add(f.fileName);
  for (const f of sourceFiles.keys()) if (!live.has(f)) sourceFiles.delete(f);
}

function sameVersions(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [f, text] of a) if (b.get(f) !== text) return false;
  return true;
}

/** Whether the program's other files outside node_modules (shared chart code, values types) are unchanged. */
function dependenciesUnchanged(program: ts.Program, dir: string): boolean {
  for (const file of program.getSourceFiles()) {
    const name = file.fileName;
    if (name.includes('/node_modules/') || name.startsWith(dir + path.sep)) continue;
    if (ts.sys.readFile(name) !== file.text) return false;
  }
  return true;
}

/** `file:line:column - error TSnnnn: message` for every type error in the files under `own` of the program of `dir` (tsc's format). */
export function typeErrors(dir: string, own: string, cwd = process.cwd()): string[] {
  const program = chartProgram(dir);
  const files = program.getSourceFiles().filter((f) => f.fileName.startsWith(own + path.sep));
  // The chart's own code only: a project setting (a `types` entry whose package is not installed) is tsc's to report.
  const diagnostics = files.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]).filter((d) => d.file);
  return diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => formatDiagnostic(d, cwd));
}

export function formatDiagnostic(d: ts.Diagnostic, cwd: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(cwd, d.file.fileName)}:${line + 1}:${character + 1} - error TS${d.code}: ${message}`;
}
