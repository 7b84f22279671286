/**
 * Which expressions are symbolic, for one entry (a template function, a helper body, notes): a data flow over
 * the chart's own functions, starting from the entry's `Values`/`BuiltIns` parameters (every parameter of a
 * helper body). It follows locals, destructuring, object and array literals, returns, closures, callbacks of
 * lists and calls of the chart's functions (parameters join the arguments of every call reached from the
 * entry), and over-approximates: anything that may hold a stand-in is marked.
 *
 * Three levels: `NONE` (plain JavaScript), `HOLDS` (a concrete object or list with symbolic values inside) and
 * `SYM` (itself a value known only when Helm renders: a stand-in, a conditional object, a mapped list).
 */
import ts from 'typescript';
import { isFunctionNode, unwrap, type AnalysisContext, type FunctionNode } from './context';

export const NONE = 0;
export const HOLDS = 1;
export const SYM = 2;
export type Taint = 0 | 1 | 2;

const max = (...ts: Taint[]): Taint => ts.reduce<Taint>((a, b) => (b > a ? b : a), NONE);
/** What a field of a value of taint `t` holds. */
const inner = (t: Taint): Taint => (t === NONE ? NONE : SYM);

/** Methods whose callbacks receive the receiver's items: `(item, index)`. */
const ITEM_CALLBACKS = new Set(['map', 'flatMap', 'filter', 'find', 'findIndex', 'some', 'every', 'forEach', 'reduce', 'sort', 'findLast']);

export class EntryFlow {
  readonly bindings = new Map<ts.Symbol, Taint>();
  readonly returns = new Map<FunctionNode, Taint>();
  readonly reached: FunctionNode[] = [];
  private readonly seen = new Set<FunctionNode>();
  private changed = false;

  constructor(readonly ctx: AnalysisContext, readonly entry: FunctionNode, sources: Taint[]) {
    this.reach(entry);
    entry.parameters.forEach((p, i) => this.assign(p.name, sources[i] ?? NONE));
    do {
      this.changed = false;
      for (let i = 0; i < this.reached.length; i++) this.walk(this.reached[i]);
    } while (this.changed);
  }

  private reach(fn: FunctionNode): void {
    if (this.seen.has(fn)) return;
    this.seen.add(fn);
    this.reached.push(fn);
    this.changed = true;
  }

  private join(symbol: ts.Symbol | undefined, t: Taint): void {
    if (!symbol || t === NONE) return;
    const old = this.bindings.get(symbol) ?? NONE;
    if (t > old) {
      this.bindings.set(symbol, t);
      this.changed = true;
    }
  }

  /** A binding (name or destructuring pattern) receives a value of taint `t`. */
  assign(name: ts.BindingName, t: Taint): void {
    if (ts.isIdentifier(name)) return this.join(this.ctx.checker.getSymbolAtLocation(name), t);
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.assign(element.name, max(inner(t), element.initializer ? this.of(element.initializer) : NONE));
    }
  }

  private returned(fn: FunctionNode, t: Taint): void {
    const old = this.returns.get(fn) ?? NONE;
    if (t > old) {
      this.returns.set(fn, t);
      this.changed = true;
    }
  }

  /** The callback a call passes, as a function of the chart (an arrow or a named function). */
  private callback(arg: ts.Expression | undefined): FunctionNode | undefined {
    if (!arg) return undefined;
    const fn = unwrap(arg);
    return isFunctionNode(fn) ? fn : this.ctx.chartFunction(fn);
  }

  private walk(fn: FunctionNode): void {
    const visit = (n: ts.Node): void => {
      if (isFunctionNode(n) && n !== fn) {
        // A nested function runs in the same flow (closures read the same bindings).
        this.reach(n);
        return;
      }
      if (ts.isVariableDeclaration(n) && n.initializer) this.assign(n.name, this.of(n.initializer));
      else if (ts.isParameter(n) && n.initializer) this.assign(n.name, this.of(n.initializer));
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        const t = this.of(n);
        const target = unwrap(n.left);
        if (ts.isIdentifier(target)) this.join(this.ctx.symbolOf(target), t);
        else if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) this.join(rootSymbol(this.ctx, target), t === NONE ? NONE : HOLDS);
        else if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) this.destructure(target, this.of(n.right));
      } else if (ts.isForOfStatement(n) || ts.isForInStatement(n)) {
        const t = inner(this.of(n.expression));
        const init = n.initializer;
        if (ts.isVariableDeclarationList(init)) init.declarations.forEach((d) => this.assign(d.name, t));
        else if (ts.isIdentifier(init)) this.join(this.ctx.symbolOf(init), t);
      } else if (ts.isReturnStatement(n) && n.expression) this.returned(fn, this.of(n.expression));
      else if (ts.isCallExpression(n) || ts.isNewExpression(n)) this.call(n);
      else if (ts.isCallExpression(n.parent) && ts.isPropertyAccessExpression(n) && ['push', 'unshift', 'splice', 'set', 'add'].includes(n.name.text)) {
        // `list.push(x)`: the list now holds x.
        const args = n.parent.arguments;
        this.join(rootSymbol(this.ctx, n), args.some((a) => this.of(a) !== NONE) ? HOLDS : NONE);
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body && !ts.isBlock(fn.body)) this.returned(fn, this.of(fn.body));
    if (fn.body) visit(fn.body);
    fn.parameters.forEach((p) => p.initializer && this.assign(p.name, this.of(p.initializer)));
  }

  private destructure(pattern: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, t: Taint): void {
    const elements = ts.isObjectLiteralExpression(pattern) ? pattern.properties : pattern.elements;
    for (const e of elements) {
      const target = ts.isPropertyAssignment(e) ? e.initializer : ts.isShorthandPropertyAssignment(e) ? e.name : ts.isSpreadAssignment(e) || ts.isSpreadElement(e) ? e.expression : e;
      if (ts.isIdentifier(target)) this.join(this.ctx.symbolOf(target), inner(t));
    }
  }

  private call(n: ts.CallExpression | ts.NewExpression): void {
    const args = n.arguments ?? [];
    const callee = ts.isCallExpression(n) ? n.expression : n.expression;
    const fn = ts.isCallExpression(n) ? this.ctx.chartFunction(callee) : undefined;
    if (fn) {
      this.reach(fn);
      fn.parameters.forEach((p, i) => {
        const t = p.dotDotDotToken ? max(...args.slice(i).map((a) => this.of(a))) : args[i] ? this.of(args[i]) : NONE;
        this.assign(p.name, p.dotDotDotToken ? (t === NONE ? NONE : HOLDS) : t);
      });
      return;
    }
    // Callbacks: `list.map((x, i) => …)`, `when(x, (y) => …)`, `Object.entries(m).map(([k, v]) => …)`.
    const receiver = ts.isCallExpression(n) && ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    const method = ts.isCallExpression(n) && ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const receiverTaint = receiver ? this.of(receiver) : NONE;
    const anyArg = max(receiverTaint, ...args.map((a) => (isFunctionNode(unwrap(a)) ? NONE : this.of(a))));
    args.forEach((arg, i) => {
      const cb = this.callback(arg);
      if (!cb) return;
      this.reach(cb);
      if (method && ITEM_CALLBACKS.has(method) && receiver) {
        const item = inner(receiverTaint);
        const index = receiverTaint === SYM ? SYM : NONE;
        if (method === 'reduce' || method === 'sort') cb.parameters.forEach((p) => this.assign(p.name, max(item, anyArg)));
        else cb.parameters.forEach((p, j) => this.assign(p.name, j === 0 ? item : j === 1 ? index : inner(receiverTaint)));
      } else {
        // `when(x, cb)` and other callees: the callback may receive any argument.
        const t = i > 0 ? inner(max(...args.slice(0, i).map((a) => this.of(a)))) : inner(anyArg);
        cb.parameters.forEach((p) => this.assign(p.name, max(t, anyArg === NONE ? NONE : SYM)));
      }
    });
  }

  /** The taint of an expression under the bindings found so far. */
  of(e: ts.Expression): Taint {
    const ctx = this.ctx;
    const x = unwrap(e);
    if (ts.isIdentifier(x)) {
      const symbol = ctx.symbolOf(x);
      return symbol ? this.bindings.get(symbol) ?? NONE : NONE;
    }
    if (ts.isTemplateExpression(x) || ts.isTaggedTemplateExpression(x)) {
      const spans = ts.isTemplateExpression(x) ? x.templateSpans : ts.isTemplateExpression(x.template) ? x.template.templateSpans : [];
      return spans.some((s) => this.of(s.expression) !== NONE) ? SYM : NONE;
    }
    if (ts.isObjectLiteralExpression(x)) {
      const parts = x.properties.map((p) =>
        ts.isPropertyAssignment(p) ? max(this.of(p.initializer), ts.isComputedPropertyName(p.name) ? this.of(p.name.expression) : NONE)
          : ts.isShorthandPropertyAssignment(p) ? this.of(p.name) : ts.isSpreadAssignment(p) ? this.of(p.expression) : NONE);
      return max(...parts) === NONE ? NONE : HOLDS;
    }
    if (ts.isArrayLiteralExpression(x)) return max(...x.elements.map((el) => this.of(ts.isSpreadElement(el) ? el.expression : el))) === NONE ? NONE : HOLDS;
    if (ts.isPropertyAccessExpression(x)) return inner(this.of(x.expression));
    if (ts.isElementAccessExpression(x)) return max(inner(this.of(x.expression)), inner(this.of(x.argumentExpression)));
    if (ts.isCallExpression(x)) return this.callTaint(x);
    if (ts.isNewExpression(x)) return max(...(x.arguments ?? []).map((a) => this.of(a))) === NONE ? NONE : HOLDS;
    if (ts.isConditionalExpression(x)) return this.of(x.condition) === SYM ? SYM : max(this.of(x.whenTrue), this.of(x.whenFalse));
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      const l = this.of(x.left);
      const r = this.of(x.right);
      if (op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken) return r;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return l === SYM ? SYM : max(l, r);
      return max(l, r) === NONE ? NONE : SYM;
    }
    if (ts.isPrefixUnaryExpression(x) || ts.isPostfixUnaryExpression(x)) return this.of(x.operand) === NONE ? NONE : SYM;
    if (ts.isTypeOfExpression(x) || ts.isVoidExpression(x) || ts.isAwaitExpression(x) || ts.isDeleteExpression(x)) return this.of(x.expression) === NONE ? NONE : SYM;
    if (ts.isSpreadElement(x)) return this.of(x.expression);
    return NONE;
  }

  private callTaint(x: ts.CallExpression): Taint {
    const ctx = this.ctx;
    const fn = ctx.chartFunction(x.expression);
    if (fn) return this.returns.get(fn) ?? NONE;
    if (ctx.isHelper(x.expression)) return SYM;
    const callee = unwrap(x.expression);
    // `Object.keys(map)` of a values map is itself a list known only when Helm renders.
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'keys'
      && x.arguments.length === 1 && this.of(x.arguments[0]) === SYM) return SYM;
    const receiver = ts.isPropertyAccessExpression(callee) ? this.of(callee.expression) : NONE;
    const args = x.arguments.map((a) => {
      const cb = this.callback(a);
      return cb ? this.returns.get(cb) ?? NONE : this.of(a);
    });
    const t = max(receiver, ...args);
    if (t === NONE) return NONE;
    if (receiver === SYM) return SYM;
    const type = ctx.type(x);
    const primitive = type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike);
    return primitive || ctx.calleeKind(x.expression) === 'generator' ? SYM : HOLDS;
  }
}

/** The binding an access chain starts at (`a` of `a.b[0].c`), if it is a name. */
export function rootSymbol(ctx: AnalysisContext, e: ts.Expression): ts.Symbol | undefined {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) x = unwrap(x.expression);
  return ts.isIdentifier(x) ? ctx.symbolOf(x) : undefined;
}
