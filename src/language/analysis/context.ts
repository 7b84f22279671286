/**
 * What the analysis asks the TypeScript program: which files are the chart's own, which functions a call
 * reaches, what a callee is (a chart function, the generator's vocabulary, a helper, a Kubernetes model
 * class, or code outside the chart), and the types of expressions.
 */
import * as path from 'node:path';
import ts from 'typescript';

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export const isFunctionNode = (n: ts.Node): n is FunctionNode =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);

/** The generator library's own source (or compiled) folder: its exports are the language's vocabulary. */
const GENERATOR_DIR = path.resolve(__dirname, '..', '..', 'generator');

export class AnalysisContext {
  readonly checker: ts.TypeChecker;
  private readonly valuesTypes = new Set<ts.Symbol>();

  constructor(
    readonly program: ts.Program,
    /** Whether a file is chart definition source (analysed), not a library. */
    readonly isChartFile: (file: string) => boolean,
  ) {
    this.checker = program.getTypeChecker();
    for (const file of program.getSourceFiles()) if (isChartFile(file.fileName)) this.collectValuesTypes(file);
  }

  /** The `V` of every `defineChart<V>(…)` in the chart's files: parameters of that type are symbolic. */
  private collectValuesTypes(file: ts.SourceFile): void {
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'defineChart') {
        const type = this.checker.getTypeAtLocation(n);
        const args = (type as ts.TypeReference).typeArguments ?? this.checker.getTypeArguments(type as ts.TypeReference);
        const symbol = args?.[0]?.aliasSymbol ?? args?.[0]?.getSymbol();
        if (symbol) this.valuesTypes.add(symbol);
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  }

  private readonly ifs = new Map<string, Set<string>>();

  /** The `if`s of a file found symbolic so far by any entry's analysis (`pos:end`). */
  symbolicIfsIn(file: string): Set<string> {
    let set = this.ifs.get(file);
    if (!set) this.ifs.set(file, (set = new Set()));
    return set;
  }

  /** The files declaring the chart's `Values` types. */
  valuesTypeFiles(): string[] {
    return [...this.valuesTypes].flatMap((s) => (s.declarations ?? []).map((d) => d.getSourceFile().fileName));
  }

  isGeneratorFile(file: string): boolean {
    return file.startsWith(GENERATOR_DIR + path.sep) || /\/node_modules\/helmts\//.test(file);
  }

  /** Whether `node`'s type is the chart's `Values` or the generator's `BuiltIns`. */
  isSourceType(node: ts.Node): boolean {
    const type = this.checker.getTypeAtLocation(node);
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol) return false;
    if (this.valuesTypes.has(symbol)) return true;
    return symbol.getName() === 'BuiltIns' && (symbol.declarations ?? []).some((d) => this.isGeneratorFile(d.getSourceFile().fileName));
  }

  /** Whether a function expression's contextual type takes `Values` or `BuiltIns` (a template written `() => …`). */
  hasSourceContext(fn: ts.Expression): boolean {
    const type = this.checker.getContextualType(fn);
    const signature = type?.getCallSignatures()[0];
    if (!signature) return false;
    return signature.getParameters().some((p) => {
      const t = this.checker.getTypeOfSymbolAtLocation(p, fn);
      const symbol = t.aliasSymbol ?? t.getSymbol();
      return !!symbol && (this.valuesTypes.has(symbol) || (symbol.getName() === 'BuiltIns' && (symbol.declarations ?? []).some((d) => this.isGeneratorFile(d.getSourceFile().fileName))));
    });
  }

  /** The symbol a name refers to, through imports. */
  symbolOf(node: ts.Node): ts.Symbol | undefined {
    let symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
      ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol;
  }

  /** The function a callee names, when it is declared in the chart's files (a function, or a const bound to one). */
  chartFunction(callee: ts.Expression): FunctionNode | undefined {
    const target = unwrap(callee);
    if (isFunctionNode(target)) return target;
    const symbol = this.symbolOf(ts.isPropertyAccessExpression(target) ? target.name : target);
    const decl = symbol?.valueDeclaration;
    if (!decl || !this.isChartFile(decl.getSourceFile().fileName)) return undefined;
    if (isFunctionNode(decl) && decl.body) return decl;
    if ((ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
      const init = unwrap(decl.initializer);
      if (isFunctionNode(init)) return init;
    }
    return undefined;
  }

  /** Where a callee is declared: `chart` (the chart's files), `generator`, `lib` (TypeScript's lib) or `external`. */
  calleeKind(callee: ts.Expression): 'chart' | 'generator' | 'lib' | 'external' | 'unknown' {
    const target = unwrap(callee);
    if (isFunctionNode(target)) return 'chart';
    const symbol = this.symbolOf(ts.isPropertyAccessExpression(target) ? target.name : ts.isElementAccessExpression(target) ? target.argumentExpression : target);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl) return 'unknown';
    const file = decl.getSourceFile();
    if (this.isGeneratorFile(file.fileName)) return 'generator';
    if (this.isChartFile(file.fileName)) return 'chart';
    if (this.program.isSourceFileDefaultLibrary(file) || /\/typescript\/lib\/lib\..*\.d\.ts$/.test(file.fileName)) return 'lib';
    return 'external';
  }

  /** A `defineHelper` / `defineComputedHelper` result: its type has `helperName`. */
  isHelper(callee: ts.Expression): boolean {
    return this.checker.getTypeAtLocation(callee).getProperty('helperName') !== undefined;
  }

  /** A Kubernetes model class (`kubernetes-models`, `@kubernetes-models/*`, `helmts import-crd`): it extends `Model`. */
  isModelClass(expression: ts.Expression): boolean {
    let type: ts.Type | undefined = this.checker.getTypeAtLocation(expression);
    const construct = type.getConstructSignatures()[0];
    type = construct?.getReturnType();
    for (let depth = 0; type && depth < 6; depth++) {
      const symbol = type.getSymbol();
      if (symbol?.getName() === 'Model' && (symbol.declarations ?? []).some((d) => d.getSourceFile().fileName.includes('@kubernetes-models/base'))) return true;
      type = (type as ts.InterfaceType).isClassOrInterface?.() ? this.checker.getBaseTypes(type as ts.InterfaceType)[0] : undefined;
    }
    return false;
  }

  type(node: ts.Node): ts.Type {
    return this.checker.getTypeAtLocation(node);
  }
}

export function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x) || ts.isSatisfiesExpression(x) || ts.isTypeAssertionExpression(x)) x = x.expression;
  return x;
}

/** The kind of a type as the grammar sees it. */
export type TypeKind = 'string' | 'number' | 'boolean' | 'array' | 'map' | 'object' | 'mixed';

export function typeKind(ctx: AnalysisContext, type: ts.Type): TypeKind {
  const parts = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
  const kinds = new Set(parts.map((t): TypeKind => {
    if (t.flags & ts.TypeFlags.StringLike) return 'string';
    if (t.flags & ts.TypeFlags.NumberLike) return 'number';
    if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
    if (ctx.checker.isArrayType(t) || ctx.checker.isTupleType(t)) return 'array';
    if (t.flags & ts.TypeFlags.Object) return ctx.checker.getIndexInfoOfType(t, ts.IndexKind.String) && t.getProperties().length === 0 ? 'map' : 'object';
    return 'mixed';
  }));
  return kinds.size === 1 ? [...kinds][0] : 'mixed';
}

/** Whether a type admits `undefined` (an optional field or value). */
export function isOptionalType(type: ts.Type): boolean {
  return (type.isUnion() ? type.types : [type]).some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void));
}
