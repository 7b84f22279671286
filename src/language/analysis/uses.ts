/**
 * Default-deny: every use of a symbolic expression must match a traced row of the grammar (grammar.ts).
 * Each node of the functions an entry reaches is checked by its kind; a symbolic operand in a position no
 * row names is refused with that position. Effects are checked in effects.ts.
 */
import ts from 'typescript';
import { refusal, type LanguageDiagnostic } from '../diagnostics';
import { isFunctionNode, isOptionalType, typeKind, unwrap, type AnalysisContext, type FunctionNode } from './context';
import { NONE, SYM, type EntryFlow } from './taint';

const STRING_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'toUpperCase', 'toLowerCase', 'trim']);
/** Methods of a concrete list or map that compare, order or print its items (which may be stand-ins). */
const OBSERVING = new Set(['includes', 'indexOf', 'lastIndexOf', 'join', 'toString', 'toLocaleString', 'get', 'has', 'delete']);
/** Methods of JavaScript's lists whose callback result JavaScript reads (truth, order, or whether it is a list). */
const OBSERVED_CALLBACKS = new Set(['filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'sort', 'flatMap']);
const ARITHMETIC = new Set([
  ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken, ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.PercentEqualsToken,
]);
const COMPARE = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);
const LOGICAL_ASSIGN = new Set([ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);
/** JavaScript's own functions that answer once for a stand-in (refused), by the name written. */
const REFLECTION = /^(JSON\.|Object\.(keys|values|assign|getOwnPropertyNames|fromEntries|freeze|defineProperty)$|Array\.(isArray|from|of)$|Number\.is|isNaN$|isFinite$|structuredClone$)/;
const ARITH_CALLS = /^(Math\.|parseInt$|parseFloat$|Number\.parse)/;

/** `Math.max`, `JSON.stringify`, `Boolean` …: the name of a global built-in a callee writes, if it is one. */
function globalName(callee: ts.Expression): string | undefined {
  const x = unwrap(callee);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression)) return `${x.expression.text}.${x.name.text}`;
  return undefined;
}

/** Whether `.map()`/`.flatMap()` made the list (its items exist only when Helm renders). */
function isMappedList(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && ['map', 'flatMap'].includes(x.expression.name.text);
}

/** Whether a function is passed as a callback (an argument of a call). */
function isCallback(fn: ts.Node): boolean {
  return ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn as ts.Expression);
}

/** Whether an `if` sits where the lowering turns it into a branch (a function body, or an if's branch, all the way up). */
export function isLowerableIf(node: ts.IfStatement): boolean {
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (ts.isBlock(p) && isFunctionNode(p.parent)) return !p.parent.asteriskToken && !(ts.getCombinedModifierFlags(p.parent) & ts.ModifierFlags.Async);
    if (ts.isIfStatement(p) && p.expression !== n) n = p;
    else if (ts.isBlock(p) && ts.isIfStatement(p.parent)) n = p.parent;
    else return false;
  }
}

function containsJump(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionNode(n)) return;
    if (ts.isBreakStatement(n) || ts.isContinueStatement(n) || ts.isYieldExpression(n) || ts.isAwaitExpression(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

export function checkUses(ctx: AnalysisContext, flow: EntryFlow, fn: FunctionNode, out: LanguageDiagnostic[]): void {
  const t = (e: ts.Expression) => flow.of(e);
  const sym = (e: ts.Expression) => t(e) === SYM;
  const tainted = (e: ts.Expression) => t(e) !== NONE;
  const kind = (e: ts.Expression) => typeKind(ctx, ctx.type(e));
  const refuse = (node: ts.Node, id: string, detail: string) => out.push(refusal(node, id, detail));

  const visit = (n: ts.Node): void => {
    if (isFunctionNode(n) && n !== fn) return; // checked as its own reached function
    check(n);
    ts.forEachChild(n, visit);
  };

  const check = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) && sym(n.expression) && !(ts.isCallExpression(n.parent) && n.parent.expression === n)) {
      if (n.name.text === 'length') {
        if (isMappedList(n.expression)) refuse(n, 'after-map', 'the length of a list made by .map() is known only when Helm renders');
        else if (kind(n.expression) === 'string') refuse(n, 'string-length', '.length of a string');
        else if (kind(n.expression) !== 'array') refuse(n, 'unknown', '.length of a value that is not a list');
        else if (n.questionDotToken && isOptionalType(ctx.type(n.expression))) refuse(n, 'optional-call', '?.length of a list that may be unset');
      }
    }
    if (ts.isPropertyAccessExpression(n) && sym(n.expression) && n.name.text !== 'length' && !ctx.type(n.expression).getProperty(n.name.text) && !ctx.checker.getIndexInfoOfType(ctx.type(n.expression), ts.IndexKind.String)) {
      const receiver = ctx.type(n.expression);
      if (receiver.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) refuse(n, 'unknown', `reading \`${n.name.text}\` of a value typed \`any\` (a field the Values type does not have)`);
    }
    if ((ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) && sym(n.expression)) {
      const target = ctx.type(n);
      const from = kind(n.expression);
      if (target.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) refuse(n, 'cast', `\`as ${n.type.getText()}\` on a value`);
      else if (typeKind(ctx, target) !== from && from !== 'mixed') refuse(n, 'cast', `\`as ${n.type.getText()}\` turns a ${from} into a ${typeKind(ctx, target)}`);
    }
    if (ts.isCallExpression(n)) checkCall(n);
    if (ts.isNewExpression(n) && (n.arguments ?? []).some(tainted) && !ctx.isModelClass(n.expression)) {
      refuse(n, 'external', `\`new ${n.expression.getText()}(…)\` with a value: only Kubernetes model classes take values`);
    }
    if (ts.isTemplateExpression(n)) {
      for (const span of n.templateSpans) {
        const e = span.expression;
        if (!tainted(e)) continue;
        const k = kind(e);
        if (t(e) !== SYM || (k !== 'string' && k !== 'number' && k !== 'boolean')) refuse(e, 'map-in-string', `\${${e.getText()}} is not a string, number or boolean`);
        else if (isOptionalType(ctx.type(e))) refuse(e, 'optional-in-string', `\${${e.getText()}} may be unset`);
      }
    }
    if (ts.isTaggedTemplateExpression(n) && flow.of(n) !== NONE) refuse(n, 'unknown', 'a tagged template with a value');
    if (ts.isBinaryExpression(n)) checkBinary(n);
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && tainted(n.operand) && n.operator !== ts.SyntaxKind.ExclamationToken) {
      refuse(n, 'arithmetic', `${ts.tokenToString(n.operator)} on a value`);
    }
    if (ts.isTypeOfExpression(n) && tainted(n.expression)) refuse(n, 'reflection', 'typeof a value is the type of its stand-in');
    if ((ts.isAwaitExpression(n) || ts.isYieldExpression(n)) && n.expression && tainted(n.expression)) refuse(n, 'unknown', 'await/yield of a value');
    if (ts.isElementAccessExpression(n)) checkIndex(n);
    if (ts.isIfStatement(n) && sym(n.expression)) {
      if (!isLowerableIf(n)) refuse(n.expression, 'if-statement', '`if` on a value inside a loop, block or `try`');
      else if (containsJump(n)) refuse(n.expression, 'loop', '`if` on a value whose branch breaks or continues a loop');
    }
    if ((ts.isWhileStatement(n) || ts.isDoStatement(n)) && tainted(n.expression)) refuse(n.expression, 'loop', 'a loop condition on a value');
    if (ts.isForStatement(n) && n.condition && tainted(n.condition)) refuse(n.condition, 'loop', 'a for condition on a value');
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && sym(n.expression)) refuse(n.expression, 'loop', `${ts.isForOfStatement(n) ? 'for…of' : 'for…in'} over a value`);
    if (ts.isSwitchStatement(n) && tainted(n.expression)) refuse(n.expression, 'switch', 'switch on a value');
    if (ts.isCaseClause(n) && tainted(n.expression)) refuse(n.expression, 'switch', 'a value in a case label');
    if (ts.isSpreadElement(n) && sym(n.expression)) {
      const x = unwrap(n.expression);
      if (!(ts.isArrayLiteralExpression(n.parent) && ts.isConditionalExpression(x))) refuse(n, 'loop', 'spreading a values list (or a string)');
    }
    if (ts.isSpreadAssignment(n) && sym(n.expression)) {
      const x = unwrap(n.expression);
      const conditional = ts.isConditionalExpression(x) || (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
        || (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'when')
        // b.files.glob(…).asConfig(): the generator's own spreadable maps.
        || (ts.isCallExpression(x) && ctx.calleeKind(x.expression) === 'generator' && !ctx.isHelper(x.expression));
      if (!conditional) refuse(n, 'spread-map', 'spreading a map known only when Helm renders');
    }
    if (ts.isComputedPropertyName(n) && tainted(n.expression)) refuse(n, 'lookup', 'a computed key from a value');
    if (ts.isArrayLiteralExpression(n)) {
      for (const el of n.elements) {
        if (!ts.isSpreadElement(el) && sym(el) && isOptionalType(ctx.type(el)) && ['string', 'number', 'boolean'].includes(kind(el))) {
          refuse(el, 'optional-in-list', `${el.getText()} may be unset (a list item Helm would print as "")`);
        }
      }
    }
    if (ts.isBindingElement(n)) checkBinding(n);
    if (ts.isParameter(n) && n.initializer && ts.isIdentifier(n.name) && isCallback(n.parent) && flow.of(n.name) !== NONE) {
      refuse(n, 'default-value', 'a parameter default on a value');
    }
  };

  const checkBinding = (n: ts.BindingElement) => {
    const pattern = n.parent;
    let decl: ts.Node = pattern.parent;
    while (ts.isBindingElement(decl)) decl = decl.parent.parent;
    const source = ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    const fromValue = source ? tainted(source) : ts.isParameter(decl) && [...identifiers(decl.name)].some((id) => flow.of(id) !== NONE);
    if (!fromValue) return;
    if (n.initializer) refuse(n, 'default-value', 'a destructuring default on a value');
    else if (n.dotDotDotToken && ts.isObjectBindingPattern(pattern)) refuse(n, 'reflection', 'an object rest element of a value (its other keys are known only when Helm renders)');
    else if (ts.isArrayBindingPattern(pattern) && source && sym(source)) refuse(n, 'loop', 'destructuring a values list');
  };

  const checkIndex = (n: ts.ElementAccessExpression) => {
    if (tainted(n.argumentExpression)) return refuse(n, 'lookup', `indexing with a value (${n.argumentExpression.getText()})`);
    if (!sym(n.expression)) return;
    const k = kind(n.expression);
    if (k === 'string') return refuse(n, 'string-length', 'indexing a string');
    const index = unwrap(n.argumentExpression);
    if (k === 'array' && ts.isNumericLiteral(index) && index.text === '0' && !isMappedList(n.expression)) return;
    if (k === 'object' && ts.isStringLiteral(index)) return; // v['some-key']: a field
    refuse(n, 'index', k === 'array' ? 'an index other than list[0]' : 'indexing a value');
  };

  const checkBinary = (n: ts.BinaryExpression) => {
    const op = n.operatorToken.kind;
    const l = tainted(n.left);
    const r = tainted(n.right);
    if (!l && !r) return;
    if (LOGICAL_ASSIGN.has(op)) return refuse(n, 'default-value', `${ts.tokenToString(op)} on a value`);
    if (ARITHMETIC.has(op)) return refuse(n, 'arithmetic', `${ts.tokenToString(op)} on a value`);
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) {
      if (kind(n.left) === 'string' && kind(n.right) === 'string' && t(n.left) !== 1 && t(n.right) !== 1) {
        if ((l && isOptionalType(ctx.type(n.left))) || (r && isOptionalType(ctx.type(n.right)))) return refuse(n, 'optional-in-string', 'a string that may be unset in +');
        return;
      }
      return refuse(n, 'arithmetic', '+ on a value that is not two strings');
    }
    if (op === ts.SyntaxKind.InKeyword) return refuse(n, 'lookup', '`in` on a value');
    if (op === ts.SyntaxKind.InstanceOfKeyword) return refuse(n, 'reflection', 'instanceof on a value');
    if (COMPARE.has(op)) {
      const scalar = (e: ts.Expression) => ['string', 'number', 'boolean'].includes(kind(e)) || unwrap(e).kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(unwrap(e)) && (unwrap(e) as ts.Identifier).text === 'undefined');
      const isNull = (e: ts.Expression) => unwrap(e).kind === ts.SyntaxKind.NullKeyword;
      const loose = op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if ((isNull(n.left) || isNull(n.right)) && !loose) return refuse(n, 'compare-null', 'Helm drops keys set to null, so === null cannot be told from undefined');
      if (isNull(n.left) || isNull(n.right)) return;
      const undef = (e: ts.Expression) => ts.isIdentifier(unwrap(e)) && (unwrap(e) as ts.Identifier).text === 'undefined';
      if (undef(n.left) || undef(n.right)) return; // presence of any value, maps and lists included
      if (!scalar(n.left) || !scalar(n.right)) return refuse(n, 'compare-object', 'a comparison of a map or list');
    }
  };

  const checkCall = (n: ts.CallExpression) => {
    const callee = unwrap(n.expression);
    const args = n.arguments;
    if (tainted(callee) && !ts.isPropertyAccessExpression(callee)) return refuse(n, 'unknown', 'calling a value');
    if (ts.isPropertyAccessExpression(callee) && sym(callee.expression)) return checkMethodOnValue(n, callee);
    const anyArg = args.some(tainted);
    if (ts.isPropertyAccessExpression(callee) && tainted(callee.expression) && OBSERVING.has(callee.name.text)) {
      return refuse(n, 'lookup', `.${callee.name.text}() of a list or map holding values compares or prints their stand-ins`);
    }
    if (ts.isPropertyAccessExpression(callee) && OBSERVED_CALLBACKS.has(callee.name.text) && ctx.calleeKind(callee) === 'lib') {
      // JavaScript itself reads what the callback returns (its truth, or whether it is a list): a value there answers once.
      const cb = args[0] && unwrap(args[0]);
      const fnNode = cb && (isFunctionNode(cb) ? cb : ctx.chartFunction(cb));
      if (fnNode && (flow.returns.get(fnNode) ?? NONE) !== NONE) return refuse(n, 'lookup', `.${callee.name.text}() whose callback returns a value known only when Helm renders`);
    }
    if (!anyArg) return;
    const target = ctx.chartFunction(callee);
    if (target) {
      target.parameters.forEach((p, i) => {
        const arg = args[i];
        if (p.initializer && arg && tainted(arg)) refuse(arg, 'default-value', `a value passed to the parameter \`${p.name.getText()} = ${p.initializer.getText()}\` of \`${callee.getText()}\``);
      });
      return;
    }
    if (ctx.isHelper(callee)) return checkHelperArgs(n);
    const where = ctx.calleeKind(callee);
    if (where === 'generator' && ts.isIdentifier(callee) && callee.text === 'sortedEntries') {
      const a = args[0];
      if (a && sym(a) && kind(a) !== 'map') return refuse(n, 'reflection', 'sortedEntries() of an object with fixed fields (traced on Record<string, T> maps)');
      const parent = n.parent;
      if (a && sym(a) && !(ts.isPropertyAccessExpression(parent) && parent.name.text === 'map' && ts.isCallExpression(parent.parent))) return refuse(n, 'reflection', 'sortedEntries() of a values map must be .map()ped directly');
      return;
    }
    if (where === 'generator') return;
    const name = globalName(callee);
    const onValue = ts.isPropertyAccessExpression(callee) && !(ts.isIdentifier(callee.expression) && ctx.calleeKind(callee.expression) === 'lib');
    if (where === 'lib' && onValue && ts.isPropertyAccessExpression(callee)) {
      // A method of a concrete list or string called with a value.
      const m = callee.name.text;
      const receiverKind = kind(callee.expression);
      if (receiverKind === 'string' && STRING_METHODS.has(m)) return;
      if (receiverKind === 'array' && m === 'includes' && ['string', 'boolean'].includes(typeKind(ctx, ctx.checker.getIndexTypeOfType(ctx.type(callee.expression), ts.IndexKind.Number) ?? ctx.type(callee.expression)))) return;
      if (receiverKind === 'array' && ['push', 'unshift', 'concat', 'splice', 'map', 'forEach', 'reduce'].includes(m)) return;
      return refuse(n, OBSERVING.has(m) || m === 'set' || m === 'add' ? 'lookup' : 'method', `.${m}() with a value`);
    }
    if (name === 'Boolean') return;
    if (name === 'String') {
      const a = args[0];
      if (a && tainted(a) && isOptionalType(ctx.type(a))) return refuse(n, 'optional-in-string', 'String() of a value that may be unset');
      if (a && (t(a) !== SYM || !['string', 'number', 'boolean'].includes(kind(a)))) return refuse(n, 'map-in-string', 'String() of a map or list');
      return;
    }
    if (name === 'Number') {
      const a = args[0];
      if (a && (kind(a) !== 'number' || isOptionalType(ctx.type(a)))) return refuse(n, 'arithmetic', 'Number() of a string or of a value that may be unset');
      return;
    }
    if (name === 'Object.entries') {
      const a = args[0];
      if (a && sym(a)) {
        if (kind(a) !== 'map') return refuse(n, 'reflection', 'Object.entries() of an object with fixed fields (traced on Record<string, T> maps)');
        return refuse(n, 'entries-order', 'Object.entries() of a map known only when Helm renders');
      }
      return;
    }
    if (name && (name.startsWith('Object.') || name === 'Object') && args.every((a) => t(a) !== SYM)) return; // a concrete object holding values
    if (name && REFLECTION.test(name)) return refuse(n, 'reflection', `${name}() of a value is evaluated once by JavaScript`);
    if (name && ARITH_CALLS.test(name)) return refuse(n, 'arithmetic', `${name}() of a value`);
    refuse(n, 'external', `\`${callee.getText()}\` is ${where === 'chart' ? 'a function the analysis cannot follow (call a named function of the chart)' : 'code outside the chart files'}, called with a value`);
  };

  const checkHelperArgs = (n: ts.CallExpression) => {
    const args = n.arguments[2];
    if (args && ts.isObjectLiteralExpression(unwrap(args))) {
      for (const p of (unwrap(args) as ts.ObjectLiteralExpression).properties) {
        if (p.name && ts.isIdentifier(p.name) && p.name.text === 'root') refuse(p, 'reserved-argument', 'a helper argument named `root` (the chart root the helper reads `.Values` from)');
      }
    }
  };

  const checkMethodOnValue = (n: ts.CallExpression, callee: ts.PropertyAccessExpression) => {
    const m = callee.name.text;
    const receiver = callee.expression;
    const k = kind(receiver);
    if (callee.questionDotToken && isOptionalType(ctx.type(receiver))) return refuse(n, 'optional-call', `?.${m}() on a value that may be unset`);
    if (ctx.calleeKind(callee) === 'generator') return; // b.files.get, b.capabilities.apiVersions.has, …
    if (isMappedList(receiver)) {
      if (m === 'map' || (m === 'join' && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0]) && n.arguments[0].text === '')) return;
      return refuse(n, 'after-map', `.${m}() on a list made by .map()`);
    }
    if (k === 'string' && STRING_METHODS.has(m)) return;
    if (k === 'array' && (m === 'map' || m === 'flatMap')) {
      const cb = n.arguments[0] && unwrap(n.arguments[0]);
      if (cb && isFunctionNode(cb) && optionalScalarResult(cb)) return refuse(n, 'optional-in-list', 'a .map() callback whose result may be unset (a list item Helm would print as "")');
      return;
    }
    if (k === 'array' && m === 'join' && n.arguments.length === 1 && ts.isStringLiteral(unwrap(n.arguments[0]))) {
      const item = ctx.checker.getIndexTypeOfType(ctx.type(receiver), ts.IndexKind.Number);
      if (item && typeKind(ctx, item) === 'string' && !isOptionalType(ctx.type(receiver))) return;
      return refuse(n, 'method', '.join() of a list that is not a list of strings that is always set');
    }
    if (k === 'array' && m === 'includes') {
      const item = ctx.checker.getIndexTypeOfType(ctx.type(receiver), ts.IndexKind.Number);
      if (item && ['string', 'boolean'].includes(typeKind(ctx, item))) return;
      return refuse(n, 'method', '.includes() on a list of numbers (Helm compares numbers by their Go type)');
    }
    refuse(n, 'method', `.${m}() on ${k === 'mixed' ? 'a value' : k === 'array' ? 'a list' : k === 'map' || k === 'object' ? 'a map' : `a ${k}`} known only when Helm renders`);
  };

  /** Whether a callback returns a symbolic scalar that may be unset. */
  function optionalScalarResult(cb: FunctionNode): boolean {
    const signature = ctx.checker.getSignatureFromDeclaration(cb);
    const result = signature && ctx.checker.getReturnTypeOfSignature(signature);
    return !!result && (flow.returns.get(cb) ?? NONE) === SYM && isOptionalType(result) && ['string', 'number', 'boolean'].includes(typeKind(ctx, result));
  }

  if (fn.body) visit(fn.body);
  fn.parameters.forEach(visit);
}

function* identifiers(name: ts.BindingName): Generator<ts.Identifier> {
  if (ts.isIdentifier(name)) yield name;
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) yield* identifiers(e.name);
}
