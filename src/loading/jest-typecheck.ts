/**
 * The type check of `preset: 'helmts'`: Jest's transformer strips types file by file (fast, and the only way Jest
 * can load TypeScript 7 projects' tests), so before any test runs, this global setup type-checks the project's
 * TypeScript program — the `tsconfig.json` at Jest's `rootDir`, as `tsc --noEmit` would, with helmts' TypeScript —
 * and stops the run on an error, printed as tsc prints it (`test/charts/web/web.test.ts:12:5 - error TS2339: …`).
 *
 * The check is incremental: the compiler's build information is kept in
 * `node_modules/.cache/helmts/jest-typecheck-<hash>.tsbuildinfo`, so a re-run (and each run of `jest --watch`)
 * checks only what changed. `HELMTS_JEST_TYPECHECK=0` turns it off (for a project that runs `tsc` itself).
 * A project without `tsconfig.json` at its root is not checked, and a note says so.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { formatDiagnostic } from '../language/program';

/** The type errors of the project at `root` (its tsconfig.json), or undefined when it has no tsconfig.json. */
export function projectTypeErrors(root: string, cwd = root): string[] | undefined {
  const configPath = path.join(root, 'tsconfig.json');
  if (!fs.existsSync(configPath)) return undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) return [`${path.relative(cwd, configPath)}: cannot be read as a TypeScript configuration`];
  const cache = path.join(root, 'node_modules', '.cache', 'helmts');
  const id = createHash('sha256').update(configPath).digest('hex').slice(0, 12);
  let tsBuildInfoFile: string | undefined = path.join(cache, `jest-typecheck-${id}.tsbuildinfo`);
  try {
    fs.mkdirSync(cache, { recursive: true });
  } catch {
    tsBuildInfoFile = undefined; // a read-only node_modules: check from scratch every time
  }
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, incremental: tsBuildInfoFile !== undefined, tsBuildInfoFile, composite: false, declaration: false, sourceMap: false };
  const program = ts.createIncrementalProgram({ rootNames: parsed.fileNames, options, configFileParsingDiagnostics: parsed.errors });
  const diagnostics = [
    ...parsed.errors,
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  // With noEmit, emit writes only the build information (for the next, incremental, run).
  if (tsBuildInfoFile) program.emit();
  return [...new Set(diagnostics.map((d) => formatDiagnostic(d, cwd)))];
}

/** Jest's global setup: throws (Jest then runs no test) when the project has type errors. */
export default function jestTypeCheck(globalConfig: { rootDir: string }, projectConfig?: { rootDir?: string }): void {
  if (process.env.HELMTS_JEST_TYPECHECK === '0') return;
  const root = projectConfig?.rootDir ?? globalConfig.rootDir;
  const errors = projectTypeErrors(root, process.cwd());
  if (errors === undefined) {
    process.stderr.write(`helmts: no tsconfig.json in ${root}; the tests run without a type check (helmts init writes one)\n`);
    return;
  }
  if (errors.length === 0) return;
  throw new Error(`helmts: ${errors.length} type error${errors.length === 1 ? '' : 's'}; no test ran (fix them, or set HELMTS_JEST_TYPECHECK=0):\n${errors.join('\n')}`);
}
