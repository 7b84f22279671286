/**
 * No side effect crosses a symbolic branch, loop or callback. The symbolic run takes both branches of a
 * condition on a value and runs a callback over a values list once, so a write made there to state created
 * outside it would happen in the template unconditionally (or never). A region is: a branch of `?:`, `if`
 * (with the statements after it, which the lowering copies into both branches), the right side of `&&`,
 * `||`, `??` on a value, and the callback of `.map()`/`.flatMap()` over a values list or of `when()`.
 *
 * Inside a region, a write is allowed only to state created inside it: a binding declared in it, or an
 * object made in it (a literal, `new`, a chart function returning a literal). The one exception is compiled
 * faithfully: an `if` whose REST is copied into both branches may reassign `let`s and parameters of its own
 * function (the lowering restores them before the second branch). Calls of the chart's own functions count
 * with what they write (their summary), so a helper that pushes onto its argument is seen at the call.
 */
import ts from 'typescript';
import { refusal, type LanguageDiagnostic } from '../diagnostics';
import { isFunctionNode, unwrap, type AnalysisContext, type FunctionNode } from './context';
import { SYM, type EntryFlow } from './taint';
import { isLowerableIf } from './uses';

const MUTATORS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'add', 'delete', 'clear', 'sort', 'reverse', 'fill', 'copyWithin', 'setDefinedProps']);
const isAssignment = (n: ts.Node): n is ts.BinaryExpression =>
  ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment;

interface Region {
  node: ts.Node;
  /** Set for an `if`'s branch: the function whose lets and parameters the lowering restores. */
  restores?: FunctionNode;
}

/** What a function writes outside itself: bindings declared outside it, and which parameters' objects it changes. */
interface Summary {
  outer: ts.Symbol[];
  params: Set<number>;
}

export class EffectChecker {
  private readonly summaries = new Map<FunctionNode, Summary>();

  constructor(private readonly ctx: AnalysisContext, private readonly flow: EntryFlow) {}

  check(fn: FunctionNode, out: LanguageDiagnostic[]): void {
    const visit = (n: ts.Node): void => {
      if (isFunctionNode(n) && n !== fn) return;
      const write = this.writeOf(n);
      if (write?.object && this.flow.of(write.object) === SYM) {
        out.push(refusal(n, 'effect', `changing \`${write.object.getText()}\`, a value read from the chart's inputs`));
      } else if (write) {
        const region = this.regionOf(n);
        if (write.binding && this.isModuleLevel(write.binding) && !region) {
          out.push(refusal(n, 'effect', 'a template changes module state (it would outlive this render)'));
        } else if (region && !this.allowed(write, region)) {
          out.push(refusal(n, 'effect', write.what));
        }
      }
      if (ts.isCallExpression(n)) this.checkCall(n, out);
      if (ts.isThrowStatement(n) && this.regionOf(n)) out.push(refusal(n, 'throw', 'a throw in a branch on a value runs in the template whichever branch Helm takes'));
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
  }

  private checkCall(n: ts.CallExpression, out: LanguageDiagnostic[]): void {
    const callee = this.ctx.chartFunction(n.expression);
    if (!callee) return;
    const region = this.regionOf(n);
    if (!region) return;
    const summary = this.summary(callee);
    for (const b of summary.outer) {
      if (!this.declaredIn(b, region.node)) return void out.push(refusal(n, 'effect', `\`${n.expression.getText()}\` changes \`${b.getName()}\`, declared outside the branch or callback`));
    }
    for (const i of summary.params) {
      const arg = n.arguments[i];
      if (arg && !this.fresh(arg, region.node)) return void out.push(refusal(n, 'effect', `\`${n.expression.getText()}\` changes its argument \`${arg.getText()}\`, made outside the branch or callback`));
    }
  }

  /** The write a node makes, if any: to a binding, or into the object a binding holds. */
  private writeOf(n: ts.Node): { binding?: ts.Symbol; object?: ts.Expression; destructuring?: boolean; what: string } | undefined {
    if (isAssignment(n) || ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) || ts.isDeleteExpression(n)) {
      const target = unwrap(isAssignment(n) ? n.left : ts.isDeleteExpression(n) ? n.expression : n.operand);
      if (ts.isIdentifier(target)) return { binding: this.ctx.symbolOf(target), what: `assigning \`${target.text}\`, declared outside the branch or callback` };
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) return { object: target.expression, what: `changing \`${target.expression.getText()}\`, made outside the branch or callback` };
      if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) return { what: 'a destructuring assignment in a branch or callback', destructuring: true };
    }
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text) && this.ctx.calleeKind(callee) !== 'chart') {
        return { object: callee.expression, what: `\`.${callee.name.text}()\` on \`${callee.expression.getText()}\`, made outside the branch or callback` };
      }
      const name = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : '';
      if ((name === 'Object.assign' || name === 'Object.defineProperty') && n.arguments[0]) {
        return { object: n.arguments[0], what: `${name}() onto \`${n.arguments[0].getText()}\`, made outside the branch or callback` };
      }
    }
    return undefined;
  }

  private allowed(write: { binding?: ts.Symbol; object?: ts.Expression; destructuring?: boolean }, region: Region): boolean {
    if (write.destructuring) return false;
    if (write.binding) {
      if (this.declaredIn(write.binding, region.node)) return true;
      return region.restores !== undefined && this.isRestorable(write.binding, region.restores);
    }
    return write.object !== undefined && this.fresh(write.object, region.node);
  }

  /** A `let`, `var` or parameter of `fn` itself (not of an enclosing function): the lowering restores it. */
  private isRestorable(symbol: ts.Symbol, fn: FunctionNode): boolean {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl) return false;
    let owner: ts.Node | undefined = decl;
    while (owner && !isFunctionNode(owner)) owner = owner.parent;
    if (owner !== fn) return false;
    if (ts.isParameter(decl) || ts.isBindingElement(decl)) return true;
    return ts.isVariableDeclaration(decl) && !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const);
  }

  private declaredIn(symbol: ts.Symbol, region: ts.Node): boolean {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    return !!decl && decl.getSourceFile() === region.getSourceFile() && decl.pos >= region.pos && decl.end <= region.end;
  }

  private isModuleLevel(symbol: ts.Symbol): boolean {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl || !ts.isVariableDeclaration(decl)) return false;
    const statement = decl.parent?.parent;
    return !!statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
  }

  /** Whether `e` is an object made inside `region` (and only ever bound to such objects). */
  private fresh(e: ts.Expression, region: ts.Node, depth = 0): boolean {
    const x = unwrap(e);
    if (ts.isObjectLiteralExpression(x) || ts.isArrayLiteralExpression(x) || ts.isNewExpression(x)) return true;
    if (depth > 6) return false;
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) return this.fresh(x.expression, region, depth + 1);
    if (ts.isCallExpression(x)) {
      const fn = this.ctx.chartFunction(x.expression);
      return !!fn && this.returnsFresh(fn);
    }
    if (!ts.isIdentifier(x)) return false;
    const symbol = this.ctx.symbolOf(x);
    const decl = symbol?.valueDeclaration;
    if (!symbol || !decl || !this.declaredIn(symbol, region) || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    return this.fresh(decl.initializer, region, depth + 1);
  }

  private returnsFresh(fn: FunctionNode): boolean {
    if (fn.body && !ts.isBlock(fn.body)) return ts.isObjectLiteralExpression(unwrap(fn.body)) || ts.isArrayLiteralExpression(unwrap(fn.body)) || ts.isNewExpression(unwrap(fn.body));
    let all = true;
    const visit = (n: ts.Node): void => {
      if (isFunctionNode(n)) return;
      if (ts.isReturnStatement(n)) all &&= !!n.expression && (ts.isObjectLiteralExpression(unwrap(n.expression)) || ts.isArrayLiteralExpression(unwrap(n.expression)) || ts.isNewExpression(unwrap(n.expression)));
      ts.forEachChild(n, visit);
    };
    if (fn.body) ts.forEachChild(fn.body, visit);
    return all;
  }

  /** The innermost symbolic region around `n`, if any. */
  private regionOf(n: ts.Node): Region | undefined {
    let child: ts.Node = n;
    for (let p = n.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
      const sym = (e: ts.Expression) => this.flow.of(e) === SYM;
      if (ts.isConditionalExpression(p) && child !== p.condition && sym(p.condition)) return { node: child };
      if (ts.isBinaryExpression(p) && child === p.right && sym(p.left)
        && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) return { node: child };
      if (ts.isIfStatement(p) && child !== p.expression && sym(p.expression)) return { node: child, restores: enclosingFunction(p) };
      // A traced `switch` is an if/else chain: each case's statements are a branch.
      if (ts.isCaseOrDefaultClause(p) && (ts.isDefaultClause(p) || child !== p.expression) && sym(p.parent.parent.expression)) return { node: child, restores: enclosingFunction(p.parent.parent) };
      if (ts.isBlock(p) || ts.isSourceFile(p)) {
        // REST after a traced `if` runs in both of its branches.
        const index = p.statements.indexOf(child as ts.Statement);
        for (let i = index - 1; i >= 0; i--) {
          const s = p.statements[i];
          if ((ts.isIfStatement(s) || ts.isSwitchStatement(s)) && sym(s.expression) && isLowerableIf(s)) return { node: restSpan(p, i), restores: enclosingFunction(s) };
        }
      }
      if (ts.isCallExpression(p) && p.arguments.includes(child as ts.Expression) && isFunctionNode(child) && this.isSymbolicCallback(p)) return { node: child };
    }
    return undefined;
  }

  private isSymbolicCallback(call: ts.CallExpression): boolean {
    const callee = unwrap(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ['map', 'flatMap', 'filter'].includes(callee.name.text)) return this.flow.of(callee.expression) === SYM;
    if (ts.isIdentifier(callee) && callee.text === 'when') return call.arguments[0] !== undefined && this.flow.of(call.arguments[0]) !== 0;
    return false;
  }

  private summary(fn: FunctionNode): Summary {
    const cached = this.summaries.get(fn);
    if (cached) return cached;
    const summary: Summary = { outer: [], params: new Set() };
    this.summaries.set(fn, summary); // recursion sees the summary being built
    const paramOf = (e: ts.Expression): number => {
      let x = unwrap(e);
      while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = unwrap(x.expression);
      if (!ts.isIdentifier(x)) return -1;
      const decl = this.ctx.symbolOf(x)?.valueDeclaration;
      return decl && ts.isParameter(decl) ? fn.parameters.indexOf(decl) : -1;
    };
    const visit = (n: ts.Node): void => {
      const write = this.writeOf(n);
      if (write?.binding && !this.declaredIn(write.binding, fn)) summary.outer.push(write.binding);
      if (write?.object) {
        const i = paramOf(write.object);
        if (i >= 0) summary.params.add(i);
        else if (!this.fresh(write.object, fn)) {
          const root = rootOf(this.ctx, write.object);
          if (root && !this.declaredIn(root, fn)) summary.outer.push(root);
        }
      }
      if (ts.isCallExpression(n)) {
        const callee = this.ctx.chartFunction(n.expression);
        if (callee && callee !== fn) {
          const inner = this.summary(callee);
          for (const b of inner.outer) if (!this.declaredIn(b, fn)) summary.outer.push(b);
          for (const j of inner.params) {
            const arg = n.arguments[j];
            const i = arg ? paramOf(arg) : -1;
            if (i >= 0) summary.params.add(i);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    return summary;
  }
}

function rootOf(ctx: AnalysisContext, e: ts.Expression): ts.Symbol | undefined {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = unwrap(x.expression);
  return ts.isIdentifier(x) ? ctx.symbolOf(x) : undefined;
}

function enclosingFunction(n: ts.Node): FunctionNode | undefined {
  let p: ts.Node | undefined = n.parent;
  while (p && !isFunctionNode(p)) p = p.parent;
  return p;
}

/** A node spanning the statements after `list.statements[i]` (the REST the lowering copies). */
function restSpan(list: ts.Block | ts.SourceFile, i: number): ts.Node {
  const rest = list.statements.slice(i + 1);
  return { pos: list.statements[i].end, end: rest.length ? rest[rest.length - 1].end : list.statements[i].end, getSourceFile: () => list.getSourceFile() } as unknown as ts.Node;
}
