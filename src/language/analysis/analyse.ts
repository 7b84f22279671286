/**
 * The analysis of one chart source file: its entries (functions whose parameters are typed as the chart's
 * `Values` or `BuiltIns`, and `defineHelper` bodies, whose every parameter is symbolic), each with the
 * refusals found in the code it reaches. The concrete twin of `defineComputedHelper` is no entry: it only
 * ever runs on real values.
 */
import ts from 'typescript';
import type { LanguageDiagnostic } from '../diagnostics';
import { isFunctionNode, unwrap, type AnalysisContext, type FunctionNode } from './context';
import { EffectChecker } from './effects';
import { EntryFlow, NONE, SYM, type Taint } from './taint';
import { checkUses } from './uses';

export interface FileAnalysis {
  /** Entry functions by `pos:end` in the file, with their refusals in source order. */
  entries: Map<string, LanguageDiagnostic[]>;
  /** The files the analysis read (the entries' reached functions, the values types): it holds while they are unchanged. */
  dependencies: Set<string>;
  /** `if` statements (`pos:end`) of this file whose test is symbolic in some entry: they become branches. */
  symbolicIfs: Set<string>;
}

export const nodeKey = (n: ts.Node): string => `${n.pos}:${n.end}`;

function calleeName(call: ts.CallExpression): string | undefined {
  const x = unwrap(call.expression);
  return ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
}

/** The entries of a file and the taint of their parameters. */
function entriesOf(ctx: AnalysisContext, file: ts.SourceFile): Array<{ fn: FunctionNode; sources: Taint[] }> {
  const found: Array<{ fn: FunctionNode; sources: Taint[] }> = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionNode(n) && n.body) {
      const parent = n.parent;
      const call = ts.isCallExpression(parent) ? parent : undefined;
      const name = call ? calleeName(call) : undefined;
      if (call && name === 'defineHelper' && call.arguments[1] === n) found.push({ fn: n, sources: n.parameters.map(() => SYM) });
      else if (!(call && name === 'defineComputedHelper')) {
        const sources = n.parameters.map((p): Taint => (ctx.isSourceType(p) ? SYM : NONE));
        if (sources.includes(SYM) || ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ctx.hasSourceContext(n))) found.push({ fn: n, sources });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found;
}

export function analyseFile(ctx: AnalysisContext, file: ts.SourceFile): FileAnalysis {
  const entries = new Map<string, LanguageDiagnostic[]>();
  const dependencies = new Set([file.fileName, ...ctx.valuesTypeFiles()]);
  for (const { fn, sources } of entriesOf(ctx, file)) {
    const flow = new EntryFlow(ctx, fn, sources);
    for (const reached of flow.reached) {
      dependencies.add(reached.getSourceFile().fileName);
      collectIfs(ctx, flow, reached);
    }
    const effects = new EffectChecker(ctx, flow);
    const out: LanguageDiagnostic[] = [];
    for (const reached of flow.reached) {
      checkUses(ctx, flow, reached, out);
      effects.check(reached, out);
    }
    const unique = new Map(out.map((d) => [`${d.location}\0${d.row}\0${d.message}`, d]));
    entries.set(nodeKey(fn), [...unique.values()].sort((a, b) => compareLocations(a.location, b.location)));
  }
  return { entries, dependencies, symbolicIfs: ctx.symbolicIfsIn(file.fileName) };
}

/** Records the `if`s of `fn` whose test is symbolic (in whichever file they are). */
function collectIfs(ctx: AnalysisContext, flow: EntryFlow, fn: FunctionNode): void {
  const visit = (n: ts.Node): void => {
    if (n !== fn && isFunctionNode(n)) return;
    if ((ts.isIfStatement(n) || ts.isSwitchStatement(n)) && flow.of(n.expression) !== NONE) ctx.symbolicIfsIn(n.getSourceFile().fileName).add(nodeKey(n));
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
}

function compareLocations(a: string, b: string): number {
  const pa = /^(.*):(\d+):(\d+)$/.exec(a)!;
  const pb = /^(.*):(\d+):(\d+)$/.exec(b)!;
  return pa[1].localeCompare(pb[1]) || Number(pa[2]) - Number(pb[2]) || Number(pa[3]) - Number(pb[3]);
}
