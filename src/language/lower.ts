/**
 * The lowering of chart definition files (one file of an analysed program to CommonJS). JavaScript evaluates `?:`,
 * `if`, `!`, `===`, `&&`, `||`, `??`, `.includes()` and `.length` itself, so
 * on a symbolic value they would silently take one branch; this transform
 * rewrites each into a call of runtime.ts that keeps its JavaScript meaning
 * on concrete values and records the Go-template expression on symbolic
 * ones (or stops the build with the user's file:line:column).
 *
 * - `a ? b : c` → `cond(a, () => b, () => c)`;
 * - `if (t) { A } else { B } REST` at the top of a function body →
 *   `return cond(t, () => { A; REST }, () => { B; REST })` (REST is copied
 *   into both branches, so code that assigns in a branch stays correct);
 *   other `if`s, loop conditions and `switch` get a guard that throws on a
 *   symbolic value;
 * - `!a`, `a === b`, `<`…, `a && b`, `a || b`, `a ?? b`, `x.m(...)` for
 *   string/list methods, `x.length` and template literals → runtime calls;
 * - JavaScript's own functions and operators that would answer once for the
 *   symbolic stand-in (`Boolean()`, `String()`, `Number()`, `typeof`, unary
 *   `+`/`-`/`~`, `in`, `instanceof`, `JSON.stringify`, `Array.isArray`,
 *   `Object.keys`, `Math.*`, `s[i]`, spreads, `?.` calls, `case` labels) →
 *   runtime-js.ts calls (traced or refused there).
 */
import * as path from 'node:path';
import ts from 'typescript';
import { nodeKey, type FileAnalysis } from './analysis/analyse';
import { BUILTINS } from '../generator/transform/runtime-js';
import { firstSyntaxError } from '../generator/transform/syntax-check';
import { lowerableSwitch, switchGroups } from './analysis/uses';

const RUNTIME_DIR = path.resolve(__dirname, '..', 'generator', 'transform');
const ENTRIES_MODULE = path.resolve(__dirname, 'runtime', 'entries');
const ENTRIES = '__helmtsEntries';
const RUNTIME = '__helmts';
/** JavaScript's own functions and operators on values (runtime-js.ts). */
const RUNTIME_JS = '__helmtsJs';

/** Methods whose JavaScript result on a token string or list proxy would be wrong. */
const METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd',
  'slice', 'substring', 'substr', 'split', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'padStart',
  'padEnd', 'charAt', 'charCodeAt', 'at', 'repeat', 'concat', 'join', 'filter', 'find', 'findIndex', 'some',
  'every', 'reduce', 'forEach', 'sort', 'reverse', 'localeCompare', 'match', 'search', 'toString', 'toFixed', 'map', 'flatMap',
]);

const BINARY: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: 'eq',
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: 'ne',
  [ts.SyntaxKind.EqualsEqualsToken]: 'looseEq',
  [ts.SyntaxKind.ExclamationEqualsToken]: 'looseNe',
  [ts.SyntaxKind.LessThanToken]: 'lt',
  [ts.SyntaxKind.LessThanEqualsToken]: 'le',
  [ts.SyntaxKind.GreaterThanToken]: 'gt',
  [ts.SyntaxKind.GreaterThanEqualsToken]: 'ge',
};
const LAZY: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.AmpersandAmpersandToken]: 'and',
  [ts.SyntaxKind.BarBarToken]: 'or',
  [ts.SyntaxKind.QuestionQuestionToken]: 'coalesce',
};

function runtimeCall(f: ts.NodeFactory, fn: string, args: ts.Expression[], module = RUNTIME): ts.Expression {
  return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(module), fn), undefined, args);
}

/** `Boolean`, `JSON.stringify`, `Math.max`…: the name of a built-in runtime-js.ts routes, if `callee` is one. */
function builtinName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return BUILTINS[callee.text] !== undefined ? callee.text : undefined;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && !callee.questionDotToken) {
    const name = `${callee.expression.text}.${callee.name.text}`;
    if (callee.expression.text === 'Math' || BUILTINS[name] !== undefined) return name;
  }
  return undefined;
}

/** Whether an expression is written to (assignment, `++`, `delete`, a destructuring target): it must stay a reference. */
function isWriteTarget(node: ts.Node): boolean {
  let n = node;
  for (;;) {
    const p = n.parent;
    if (!p) return false;
    if (ts.isBinaryExpression(p)) {
      return p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    }
    if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p))
      && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    if (ts.isDeleteExpression(p)) return true;
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return true;
    if (ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p) || ts.isPropertyAssignment(p) || ts.isSpreadElement(p)
      || ts.isSpreadAssignment(p) || ts.isParenthesizedExpression(p) || ts.isShorthandPropertyAssignment(p)) {
      n = p;
      continue;
    }
    return false;
  }
}

/** Whether `node`'s parent continues its optional chain (`a?.[0].b`): rewriting `node` would lose the short-circuit. */
const chainContinues = (node: ts.Node) =>
  !!node.parent && ts.isOptionalChain(node.parent) && (node.parent as ts.PropertyAccessExpression).expression === node;

const thunk = (f: ts.NodeFactory, body: ts.Expression | ts.Statement[]) =>
  f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    Array.isArray(body) ? f.createBlock(body, true) : f.createParenthesizedExpression(body));

function definitelyExits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.some(definitelyExits);
  if (ts.isIfStatement(s)) return !!s.elseStatement && definitelyExits(s.thenStatement) && definitelyExits(s.elseStatement);
  return false;
}

function containsJump(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isBreakStatement(n) || ts.isContinueStatement(n) || ts.isYieldExpression(n) || ts.isAwaitExpression(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

const MUTATORS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'add', 'delete', 'assign', 'defineProperty', 'sort', 'reverse', 'fill']);

/** Whether statements change an object in place (outside nested functions). */
function mutatesObjects(nodes: readonly ts.Node[]): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      && (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left))) found = true;
    else if (ts.isDeleteExpression(n)) found = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && MUTATORS.has(n.expression.name.text)) found = true;
    else ts.forEachChild(n, visit);
  };
  nodes.forEach(visit);
  return found;
}

function bindingNames(name: ts.BindingName, out: string[]): string[] {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bindingNames(e.name, out);
  return out;
}

/** Names declared with `let`/`var` by statements, destructured ones included (the variables a branch may reassign). */
function letNames(list: readonly ts.Statement[]): string[] {
  const names: string[] = [];
  for (const s of list) {
    if (!ts.isVariableStatement(s) || s.declarationList.flags & ts.NodeFlags.Const) continue;
    for (const d of s.declarationList.declarations) bindingNames(d.name, names);
  }
  return names;
}

/** The transformer factory for one source file; `fileName` is named in error locations relative to `cwd`. */
export function chartTransformer(analysis: FileAnalysis, cwd = process.cwd()): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sourceFile) => {
    const f = context.factory;
    const file = path.relative(cwd, sourceFile.fileName) || sourceFile.fileName;
    const site = (node: ts.Node): ts.Expression => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      let text = node.getText(sourceFile).replace(/\s+/g, ' ');
      if (text.length > 80) text = `${text.slice(0, 77)}...`;
      return f.createArrayLiteralExpression([f.createStringLiteral(`${file}:${line + 1}:${character + 1}`), f.createStringLiteral(text)]);
    };

    /** `file:firstLine-lastLine` of a node (an entry's span, for tests and messages). */
    const span = (node: ts.Node) => {
      const from = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      const to = sourceFile.getLineAndCharacterOfPosition(node.end).line + 1;
      return `${file}:${from}-${to}`;
    };

    /** The `if`s a traced `switch` became. */
    const chains = new WeakSet<ts.Node>();
    /**
     * `switch (x) { case a: case b: A; break; case c: return C; default: D }` on a value (the analysis checked
     * it: no fall-through but grouped labels) → `if (x === a || x === b) { A } else if (x === c) { return C } else { D }`.
     */
    const switchChain = (s: ts.SwitchStatement): ts.Statement[] => {
      const groups = switchGroups(s);
      const located = <T extends ts.Node>(n: T) => ts.setTextRange(n, s.expression);
      const test = (labels: ts.Expression[]) => labels.map((l) => located(f.createStrictEquality(s.expression, l)) as ts.Expression)
        .reduce((a, b) => located(f.createLogicalOr(a, b)));
      const fallback = groups.find((g) => g.isDefault);
      let tail: ts.Statement | undefined = fallback ? f.createBlock(fallback.body, true) : undefined;
      for (const g of groups.filter((x) => !x.isDefault).reverse()) {
        tail = ts.setTextRange(f.createIfStatement(test(g.labels), f.createBlock(g.body, true), tail), s);
        chains.add(tail);
      }
      return tail === undefined ? [] : tail && ts.isBlock(tail) ? [...tail.statements] : [tail];
    };

    /** Rewrites a function body's statements: returning `if`s become `cond` calls. */
    const statements = (input: readonly ts.Statement[], inFunction: boolean, outerLets: string[] = []): ts.Statement[] => {
      const out: ts.Statement[] = [];
      let list = input;
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (inFunction && ts.isSwitchStatement(s) && analysis.symbolicIfs.has(nodeKey(s)) && lowerableSwitch(s) === undefined) {
          list = [...list.slice(0, i), ...switchChain(s), ...list.slice(i + 1)];
          i--;
          continue;
        }
        // An `if` on a value (the analysis says) becomes a branch with REST copied into both sides; so does one
        // that changes no object (the copy is cheap and keeps the old behaviour for code the analysis did not reach).
        if (inFunction && ts.isIfStatement(s) && !containsJump(s)
          && (analysis.symbolicIfs.has(nodeKey(s)) || chains.has(s) || !mutatesObjects([s.thenStatement, ...(s.elseStatement ? [s.elseStatement] : [])]))) {
          // Both branches run in a symbolic render: the second starts from the variables as they were before the first.
          const lets = [...outerLets, ...letNames(list.slice(0, i))];
          const snapshot = f.createUniqueName('snapshot');
          const restore = lets.length
            ? [f.createExpressionStatement(f.createAssignment(
                f.createArrayLiteralExpression(lets.map((n) => f.createIdentifier(n))), snapshot))]
            : [];
          if (lets.length) {
            out.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([
              f.createVariableDeclaration(snapshot, undefined, undefined, f.createArrayLiteralExpression(lets.map((n) => f.createIdentifier(n)))),
            ], ts.NodeFlags.Const)));
          }
          const rest = list.slice(i + 1);
          const flat = (b: ts.Statement | undefined) => (b === undefined ? [] : ts.isBlock(b) ? [...b.statements] : [b]);
          const thenList = definitelyExits(s.thenStatement) ? flat(s.thenStatement) : [...flat(s.thenStatement), ...rest];
          const elseList = s.elseStatement && definitelyExits(s.elseStatement) ? flat(s.elseStatement) : [...flat(s.elseStatement), ...rest];
          out.push(
            f.createReturnStatement(
              runtimeCall(f, 'cond', [
                visit(s.expression) as ts.Expression,
                thunk(f, statements(thenList, true, lets)),
                thunk(f, [...restore, ...statements(elseList, true, lets)]),
                site(s.expression),
              ]),
            ),
          );
          return out;
        }
        out.push(visit(s) as ts.Statement);
      }
      return out;
    };

    const guard = (expr: ts.Expression, why: string) =>
      runtimeCall(f, 'test', [visit(expr) as ts.Expression, site(expr), f.createStringLiteral(why)]);

    const visit = (node: ts.Node): ts.Node => {
      const diagnostics = (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) ? analysis.entries.get(nodeKey(node)) : undefined;
      if (diagnostics) {
        // An analysed entry: registered with its refusals when the module loads (runtime/entries.ts).
        const name = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
        return runtimeCall(f, 'entry', [
          ts.visitEachChild(node, visit, context) as ts.Expression,
          f.createArrayLiteralExpression(diagnostics.map((d) => f.createObjectLiteralExpression(
            Object.entries(d).map(([k, v]) => f.createPropertyAssignment(k, f.createStringLiteral(v)))))),
          f.createStringLiteral(span(node)),
          ...(name ? [f.createStringLiteral(name)] : []),
        ], ENTRIES);
      }
      if (ts.isFunctionDeclaration(node) && node.name && analysis.entries.get(nodeKey(node))) {
        const list = analysis.entries.get(nodeKey(node))!;
        pendingRegistrations.push(f.createExpressionStatement(runtimeCall(f, 'entry', [
          f.createIdentifier(node.name.text),
          f.createArrayLiteralExpression(list.map((d) => f.createObjectLiteralExpression(
            Object.entries(d).map(([k, v]) => f.createPropertyAssignment(k, f.createStringLiteral(v)))))),
          f.createStringLiteral(span(node)),
        ], ENTRIES)));
      }
      // Function bodies: statement-level rewriting of `if`.
      if (ts.isBlock(node) && node.parent && ts.isFunctionLike(node.parent)) {
        const fn = node.parent as ts.FunctionLikeDeclaration;
        const plain = !fn.asteriskToken && !(ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async);
        // A branch may reassign a parameter too: it is restored with the lets.
        const params = fn.parameters.flatMap((p) => bindingNames(p.name, []));
        return f.updateBlock(node, statements(node.statements, plain, params));
      }
      if (ts.isIfStatement(node)) {
        return f.updateIfStatement(node, guard(node.expression, 'if (…) that does not return in both branches'),
          visit(node.thenStatement) as ts.Statement, node.elseStatement && (visit(node.elseStatement) as ts.Statement));
      }
      if (ts.isWhileStatement(node)) return f.updateWhileStatement(node, guard(node.expression, 'a while condition'), visit(node.statement) as ts.Statement);
      if (ts.isDoStatement(node)) return f.updateDoStatement(node, visit(node.statement) as ts.Statement, guard(node.expression, 'a do-while condition'));
      if (ts.isForStatement(node) && node.condition) {
        return f.updateForStatement(node, node.initializer && (visit(node.initializer) as ts.ForInitializer),
          guard(node.condition, 'a for condition'), node.incrementor && (visit(node.incrementor) as ts.Expression), visit(node.statement) as ts.Statement);
      }
      if (ts.isSwitchStatement(node)) {
        return f.updateSwitchStatement(node, guard(node.expression, 'switch'), visit(node.caseBlock) as ts.CaseBlock);
      }
      if (ts.isCaseClause(node)) {
        return f.updateCaseClause(node, guard(node.expression, 'switch'), node.statements.map((st) => visit(st) as ts.Statement));
      }
      if (ts.isConditionalExpression(node)) {
        return runtimeCall(f, 'cond', [visit(node.condition) as ts.Expression, thunk(f, visit(node.whenTrue) as ts.Expression), thunk(f, visit(node.whenFalse) as ts.Expression), site(node)]);
      }
      if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
        return runtimeCall(f, 'not', [visit(node.operand) as ts.Expression, site(node)]);
      }
      if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.PlusToken || node.operator === ts.SyntaxKind.MinusToken
        || node.operator === ts.SyntaxKind.TildeToken) && !ts.isNumericLiteral(node.operand)) {
        const op = node.operator === ts.SyntaxKind.PlusToken ? '+' : node.operator === ts.SyntaxKind.MinusToken ? '-' : '~';
        return runtimeCall(f, 'unary', [f.createStringLiteral(op), visit(node.operand) as ts.Expression, site(node)], RUNTIME_JS);
      }
      if (ts.isTypeOfExpression(node)) return runtimeCall(f, 'typeOf', [visit(node.expression) as ts.Expression, site(node)], RUNTIME_JS);
      if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.InKeyword || node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword)
        && !ts.isPrivateIdentifier(node.left)) {
        const op = node.operatorToken.kind === ts.SyntaxKind.InKeyword ? 'in' : 'instanceof';
        return runtimeCall(f, 'relation', [f.createStringLiteral(op), visit(node.left) as ts.Expression, visit(node.right) as ts.Expression, site(node)], RUNTIME_JS);
      }
      if (ts.isElementAccessExpression(node) && node.expression.kind !== ts.SyntaxKind.SuperKeyword && !isWriteTarget(node)
        && !(ts.isCallExpression(node.parent) && node.parent.expression === node) && !ts.isTaggedTemplateExpression(node.parent)
        && (!ts.isOptionalChain(node) || (node.questionDotToken && !chainContinues(node)))) {
        return runtimeCall(f, 'index', [visit(node.expression) as ts.Expression, visit(node.argumentExpression) as ts.Expression,
          node.questionDotToken ? f.createTrue() : f.createFalse(), site(node)], RUNTIME_JS);
      }
      if ((ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) && !isWriteTarget(node)) {
        const fn = ts.isSpreadAssignment(node) ? 'spreadMap' : ts.isArrayLiteralExpression(node.parent) ? 'spreadList' : 'spread';
        const operand = runtimeCall(f, fn, [visit(node.expression) as ts.Expression, site(node.expression)], RUNTIME_JS);
        return ts.isSpreadElement(node) ? f.updateSpreadElement(node, operand) : f.updateSpreadAssignment(node, operand);
      }
      if (ts.isCallExpression(node) && !node.questionDotToken && builtinName(node.expression)) {
        // The function as written (a local one shadowing a built-in keeps its meaning) and its `this`.
        const owner = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : f.createVoidZero();
        return runtimeCall(f, 'builtin', [f.createStringLiteral(builtinName(node.expression)!), node.expression, owner,
          f.createArrayLiteralExpression(node.arguments.map((a) => visit(a) as ts.Expression)), site(node)], RUNTIME_JS);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.questionDotToken && !chainContinues(node)
        && METHODS.has(node.expression.name.text)) {
        return runtimeCall(f, 'optionalMethod', [
          visit(node.expression.expression) as ts.Expression,
          f.createStringLiteral(node.expression.name.text),
          f.createArrayLiteralExpression(node.arguments.map((a) => visit(a) as ts.Expression)),
          site(node),
        ], RUNTIME_JS);
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'length' && node.questionDotToken && !chainContinues(node)) {
        return runtimeCall(f, 'optionalLength', [visit(node.expression) as ts.Expression, site(node)], RUNTIME_JS);
      }
      if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        if (BINARY[op]) return runtimeCall(f, BINARY[op]!, [visit(node.left) as ts.Expression, visit(node.right) as ts.Expression, site(node)]);
        if (LAZY[op]) return runtimeCall(f, LAZY[op]!, [visit(node.left) as ts.Expression, thunk(f, visit(node.right) as ts.Expression), site(node)]);
        if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken) {
          return runtimeCall(f, op === ts.SyntaxKind.PlusToken ? 'plus' : 'minus', [visit(node.left) as ts.Expression, visit(node.right) as ts.Expression, site(node)]);
        }
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)
        && node.expression.expression.text === 'Object' && node.expression.name.text === 'entries' && node.arguments.length === 1) {
        return runtimeCall(f, 'entries', [visit(node.arguments[0]) as ts.Expression, site(node)]);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && !node.questionDotToken
        && !node.expression.questionDotToken && METHODS.has(node.expression.name.text) && node.expression.expression.kind !== ts.SyntaxKind.SuperKeyword) {
        return runtimeCall(f, 'method', [
          visit(node.expression.expression) as ts.Expression,
          f.createStringLiteral(node.expression.name.text),
          f.createArrayLiteralExpression(node.arguments.map((a) => visit(a) as ts.Expression)),
          site(node),
        ]);
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'length' && !node.questionDotToken
        && !(ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) {
        return runtimeCall(f, 'length', [visit(node.expression) as ts.Expression, site(node)]);
      }
      if (ts.isTemplateExpression(node) && !ts.isTaggedTemplateExpression(node.parent)) {
        const strings = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
        return runtimeCall(f, 'template', [
          f.createArrayLiteralExpression(strings.map((s) => f.createStringLiteral(s))),
          f.createArrayLiteralExpression(node.templateSpans.map((span) => visit(span.expression) as ts.Expression)),
          site(node),
        ]);
      }
      return ts.visitEachChild(node, visit, context);
    };

    const pendingRegistrations: ts.Statement[] = [];
    const body = [...(ts.visitEachChild(sourceFile, visit, context) as ts.SourceFile).statements, ...pendingRegistrations];
    // const __helmts = require("<runtime>"); const __helmtsJs = require("<runtime-js>"); __helmts.loaded(__filename);
    const load = (name: string, file: string) => f.createVariableStatement(undefined, f.createVariableDeclarationList([
      f.createVariableDeclaration(name, undefined, undefined,
        f.createCallExpression(f.createIdentifier('require'), undefined, [f.createStringLiteral(file)])),
    ], ts.NodeFlags.Const));
    const prologue = [
      load(RUNTIME, path.join(RUNTIME_DIR, 'runtime')),
      load(RUNTIME_JS, path.join(RUNTIME_DIR, 'runtime-js')),
      load(ENTRIES, ENTRIES_MODULE),
      f.createExpressionStatement(runtimeCall(f, 'loaded', [f.createIdentifier('__filename')])),
    ];
    return f.updateSourceFile(sourceFile, [...prologue, ...body]);
  };
}

/** Compiles a chart source file to CommonJS with the lowering applied; the source map is inline. */
export function lowerSource(source: string, fileName: string, analysis: FileAnalysis): { code: string; map: string } {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      sourceMap: true,
      inlineSources: true,
    },
    transformers: { before: [chartTransformer(analysis)] },
  });
  // The parser recovers from syntax errors; a definition that does not parse must not run as guessed.
  const syntaxError = firstSyntaxError(out.diagnostics, fileName);
  if (syntaxError) throw new Error(syntaxError);
  const map = out.sourceMapText ?? '';
  const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`;
  return { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, inline), map };
}
