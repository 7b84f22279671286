/**
 * The one entry point loaders use (the `require` hook in src/generator/transform/register.ts, the Jest
 * transformer src/loading/jest-transform.ts; an ESM loader later): lower one chart source file of its chart's
 * program to CommonJS. The program (program.ts) and each file's analysis are built once and reused until a
 * file of the chart changes.
 */
import * as path from 'node:path';
import type ts from 'typescript';
import { analyseFile, type FileAnalysis } from './analysis/analyse';
import { AnalysisContext } from './analysis/context';
import { lowerSource } from './lower';
import { chartProgram, typeErrors } from './program';
import { chartRootOf, isChartSource } from './chart-files';

const contexts = new WeakMap<ts.Program, AnalysisContext>();
/** The last analysis and lowering of each file, reused while the file and what its analysis read are unchanged (watch rebuilds). */
const cache = new Map<string, { source: string; analysis: FileAnalysis; texts: Map<string, string>; output: { code: string; map: string } }>();

function contextOf(program: ts.Program): AnalysisContext {
  let ctx = contexts.get(program);
  if (!ctx) contexts.set(program, (ctx = new AnalysisContext(program, isChartSource)));
  return ctx;
}

function textsOf(program: ts.Program, files: Iterable<string>): Map<string, string> {
  return new Map([...files].map((f) => [f, program.getSourceFile(f)?.text ?? '']));
}

/** The analysis of a chart source file (its entries and their refusals). */
export function analyseChartFile(fileName: string): FileAnalysis {
  const program = chartProgram(chartRootOf(fileName));
  const file = program.getSourceFile(fileName);
  if (!file) throw new Error(`chart language: ${fileName} is not in its chart's program`);
  return analyseFile(contextOf(program), file);
}

/** `source` (the text of `fileName`, a chart source file) lowered to CommonJS, with an inline source map. */
export function lowerChartFile(fileName: string, source: string): { code: string; map: string } {
  const file = path.resolve(fileName);
  const program = chartProgram(chartRootOf(file));
  const last = cache.get(file);
  const ifsFromElsewhere = contexts.get(program)?.symbolicIfsIn(file);
  if (last && last.source === source && [...last.texts].every(([f, text]) => program.getSourceFile(f)?.text === text)
    && [...(ifsFromElsewhere ?? [])].every((k) => last.analysis.symbolicIfs.has(k))) return last.output;
  const sourceFile = program.getSourceFile(file);
  const analysis: FileAnalysis = sourceFile && sourceFile.text === source ? analyseFile(contextOf(program), sourceFile) : { entries: new Map(), dependencies: new Set(), symbolicIfs: new Set() };
  const output = lowerSource(source, file, analysis);
  cache.set(file, { source, analysis, texts: textsOf(program, analysis.dependencies), output });
  return output;
}

/** Type errors of the chart whose definition is `fileName` (`file:line:column - error TSnnnn: …`, as tsc prints). */
export function chartTypeErrors(fileName: string, cwd?: string): string[] {
  const file = path.resolve(fileName);
  return typeErrors(chartRootOf(file), path.dirname(file), cwd);
}

export { chartRootOf, isChartSource };
