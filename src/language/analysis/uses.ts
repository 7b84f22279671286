/**
 * Default-deny: every use of a symbolic expression must match a traced row of the grammar (grammar.ts).
 * Each node of the functions an entry reaches is checked by its kind; a symbolic operand in a position no
 * row names is refused with that position. Effects are checked in effects.ts.
 */
import ts from 'typescript';
import { constructText, refusal, type LanguageDiagnostic } from '../diagnostics';
import { isFunctionNode, isOptionalType, typeKind, unwrap, type AnalysisContext, type FunctionNode } from './context';
import { NONE, SYM, type EntryFlow } from './taint';

const STRING_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'toUpperCase', 'toLowerCase', 'trim']);
/** Methods of a concrete list or map that compare, order or print its items (which may be stand-ins). */
const OBSERVING = new Set(['includes', 'indexOf', 'lastIndexOf', 'join', 'toString', 'toLocaleString', 'get', 'has', 'delete', 'sort', 'toSorted']);
/** Properties every JavaScript object inherits: a values field of one of these names reads the inherited one when unset. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));
/** What runs a string as code the analysis never sees. */
const EVAL = new Set(['eval', 'Function']);
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
  return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && ['map', 'flatMap', 'filter', 'concat'].includes(x.expression.name.text);
}

/** Whether a function is passed as a callback (an argument of a call). */
function isCallback(fn: ts.Node): boolean {
  return ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn as ts.Expression);
}

/** Whether an `if` sits where the lowering turns it into a branch (a function body, or an if's branch, all the way up). */
export function isLowerableIf(node: ts.IfStatement | ts.SwitchStatement): boolean {
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (ts.isBlock(p) && isFunctionNode(p.parent)) return !p.parent.asteriskToken && !(ts.getCombinedModifierFlags(p.parent) & ts.ModifierFlags.Async);
    if (ts.isIfStatement(p) && p.expression !== n) n = p;
    else if (ts.isBlock(p) && ts.isIfStatement(p.parent)) n = p.parent;
    // A statement of a case of a switch that becomes an if/else chain.
    else if (ts.isCaseOrDefaultClause(p) && (ts.isDefaultClause(p) || p.expression !== n) && lowerableSwitch(p.parent.parent) === undefined) n = p.parent.parent;
    else return false;
  }
}

/** The groups of a switch: labels sharing one body (`case 'a': case 'b': …`), `default` marked. */
export function switchGroups(node: ts.SwitchStatement): Array<{ labels: ts.Expression[]; isDefault: boolean; body: ts.Statement[]; clauses: ts.CaseOrDefaultClause[] }> {
  const groups: ReturnType<typeof switchGroups> = [];
  let pending: ts.CaseOrDefaultClause[] = [];
  for (const clause of node.caseBlock.clauses) {
    pending.push(clause);
    if (clause.statements.length === 0 && clause !== node.caseBlock.clauses[node.caseBlock.clauses.length - 1]) continue;
    const body = [...clause.statements];
    if (body.length && ts.isBreakStatement(body[body.length - 1]) && !(body[body.length - 1] as ts.BreakStatement).label) body.pop();
    groups.push({ labels: pending.flatMap((c) => (ts.isCaseClause(c) ? [c.expression] : [])), isDefault: pending.some(ts.isDefaultClause), body, clauses: pending });
    pending = [];
  }
  return groups;
}

const exits = (s: ts.Statement): boolean =>
  ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.some(exits))
  || (ts.isIfStatement(s) && !!s.elseStatement && exits(s.thenStatement) && exits(s.elseStatement));

/** Why a switch on a value cannot become an if/else chain (undefined when it can). */
export function lowerableSwitch(node: ts.SwitchStatement): string | undefined {
  let x = unwrap(node.expression);
  while (ts.isPropertyAccessExpression(x) || (ts.isElementAccessExpression(x) && ts.isStringLiteral(x.argumentExpression))) x = unwrap(x.expression);
  if (!ts.isIdentifier(x)) return 'a switch on a computed expression (put it in a `const` first)';
  if (!isLowerableIf(node as unknown as ts.IfStatement)) return 'a switch on a value inside a loop, block or `try`';
  const groups = switchGroups(node);
  for (const [i, g] of groups.entries()) {
    const last = i === groups.length - 1;
    const ended = g.body.length < g.clauses[g.clauses.length - 1].statements.length || (g.body.length > 0 && exits(g.body[g.body.length - 1]));
    if (!ended && !last) return 'a case that falls through into the next one (end it with `break` or `return`, or group empty labels)';
    if (g.body.some(containsJump)) return 'a `break` or `continue` inside a case other than its last statement';
  }
  return undefined;
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
  /**
   * Whether a symbolic scalar may be unset although TypeScript may type it as set: an optional field, `list[0]`
   * (of an empty list), a `Record`'s field (`map.key`, `map['key']`), and `x!` of any of these.
   */
  const mayBeUnset = (e: ts.Expression): boolean => {
    let x = e;
    while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
    if (ts.isElementAccessExpression(x) && sym(x.expression) && kind(x.expression) === 'array') return !guardedNonEmpty(x, x.expression);
    if ((ts.isElementAccessExpression(x) || ts.isPropertyAccessExpression(x)) && sym(x.expression) && kind(x.expression) === 'map') return true;
    return isOptionalType(ctx.type(x));
  };
  /** `list[0]` (unguarded) or a `Record`'s field: unset on some values, though TypeScript types it as set (no `?.` is needed). */
  const unsetButTypedSet = (e: ts.Expression): boolean => {
    let x = e;
    while (ts.isParenthesizedExpression(x)) x = x.expression;
    if (isOptionalType(ctx.type(x))) return false;
    if (ts.isElementAccessExpression(x) && sym(x.expression) && kind(x.expression) === 'array') return !guardedNonEmpty(x, x.expression);
    return (ts.isElementAccessExpression(x) || ts.isPropertyAccessExpression(x)) && sym(x.expression) && kind(x.expression) === 'map' && ['object', 'map', 'array'].includes(kind(x));
  };

  const visit = (n: ts.Node): void => {
    if (isFunctionNode(n) && n !== fn) return; // checked as its own reached function
    check(n);
    ts.forEachChild(n, visit);
  };

  const check = (n: ts.Node): void => {
    if (ts.isNonNullExpression(n) && sym(n.expression) && mayBeUnset(n.expression)) {
      refuse(n, 'non-null', `\`${n.getText()}\` asserts a value that may be unset`);
    }
    if ((ts.isPropertyAccessExpression(n) || (ts.isElementAccessExpression(n) && ts.isStringLiteral(unwrap(n.argumentExpression)))) && !n.questionDotToken
      && !(ts.isCallExpression(n.parent) && n.parent.expression === n) && sym(n.expression) && unsetButTypedSet(n.expression)) {
      refuse(n, 'unset-parent', `\`${n.expression.getText()}\` may be unset (an empty list, a missing key) although its type says it is set`);
    }
    if (ts.isIdentifier(n) && EVAL.has(n.text) && isEvalReference(n) && ctx.calleeKind(n) === 'lib') refuse(n, 'eval', `\`${n.text}\` runs text as code`);
    if (ts.isPropertyAccessExpression(n) && EVAL.has(n.name.text) && ctx.calleeKind(n) === 'lib') refuse(n, 'eval', `\`${n.getText()}\` runs text as code`);
    if (ts.isElementAccessExpression(n) && ts.isStringLiteral(unwrap(n.argumentExpression)) && EVAL.has((unwrap(n.argumentExpression) as ts.StringLiteral).text)
      && ctx.type(n.expression).getProperty((unwrap(n.argumentExpression) as ts.StringLiteral).text)?.declarations?.some((d) => /\/typescript\/lib\/lib\.|lib\.[\w.]*\.d\.ts$/.test(d.getSourceFile().fileName))) {
      refuse(n, 'eval', `\`${n.getText()}\` runs text as code`);
    }
    if (ts.isPropertyAccessExpression(n) && sym(n.expression) && INHERITED.has(n.name.text) && !(ts.isCallExpression(n.parent) && n.parent.expression === n)) {
      refuse(n, 'reserved-name', `the field \`${n.name.text}\``);
    }
    if (ts.isElementAccessExpression(n) && sym(n.expression) && ts.isStringLiteral(unwrap(n.argumentExpression)) && INHERITED.has((unwrap(n.argumentExpression) as ts.StringLiteral).text)) {
      refuse(n, 'reserved-name', `the field \`${(unwrap(n.argumentExpression) as ts.StringLiteral).text}\``);
    }
    if (ts.isPropertyAccessExpression(n) && sym(n.expression) && !(ts.isCallExpression(n.parent) && n.parent.expression === n)) {
      if (n.name.text === 'length') {
        if (isMappedList(n.expression)) refuse(n, 'after-map', 'the length of a list made by .map(), .filter() or .concat() is known only when Helm renders');
        else if (kind(n.expression) === 'string') refuse(n, 'string-length', '.length of a string');
        else if (kind(n.expression) !== 'array' && !hasLengthField(ctx, ctx.type(n.expression))) refuse(n, 'unknown', '.length of a value that is not a list');
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
        else if (mayBeUnset(e)) refuse(e, 'optional-in-string', `\${${e.getText()}} may be unset`);
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
    if (ts.isSwitchStatement(n) && tainted(n.expression)) {
      const why = sym(n.expression) ? lowerableSwitch(n) : 'a switch on an object or list holding values';
      if (why) refuse(n.expression, 'switch', why);
    }
    if (ts.isCaseClause(n) && tainted(n.expression)) refuse(n.expression, 'switch', 'a value in a case label');
    if (ts.isSpreadElement(n) && sym(n.expression)) {
      const x = unwrap(n.expression);
      const k = kind(n.expression);
      if (!ts.isArrayLiteralExpression(n.parent)) refuse(n, 'loop', 'spreading a values list into the arguments of a call');
      else if (ts.isConditionalExpression(x)) { /* [...(a ? [x] : [])]: a conditional spread */ }
      else if (k === 'string') refuse(n, 'string-length', 'spreading a string into its characters');
      else if (k !== 'array') refuse(n, 'loop', 'spreading a value that is not a list');
      else if (isOptionalType(ctx.type(unwrap(n.expression)))) refuse(n, 'optional-call', 'spreading a list that may be unset (write `...(list ?? [])`)');
    }
    if (ts.isSpreadAssignment(n) && sym(n.expression)) {
      const x = unwrap(n.expression);
      const conditional = ts.isConditionalExpression(x) || (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
        || (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'when')
        // b.files.glob(…).asConfig(): the generator's own spreadable maps.
        || (ts.isCallExpression(x) && ctx.calleeKind(x.expression) === 'generator' && !ctx.isHelper(x.expression));
      if (!conditional) {
        const why = mapSpreadProblem(n.expression, true) ?? mergeProblem(n.parent) ?? deepSpreadProblem(n);
        if (why) refuse(n, 'spread-map', why);
      }
    }
    if (ts.isComputedPropertyName(n) && tainted(n.expression)) {
      const k = kind(n.expression);
      const obj = n.parent.parent;
      if (t(n.expression) !== SYM || (k !== 'string' && k !== 'number')) refuse(n, 'lookup', 'a computed key from a value that is not a string or number');
      else if (isOptionalType(ctx.type(unwrap(n.expression)))) refuse(n, 'optional-in-string', `the key [${n.expression.getText()}] may be unset (JavaScript would name it "undefined")`);
      else if (!ts.isObjectLiteralExpression(obj) || !ts.isPropertyAssignment(n.parent)) refuse(n, 'lookup', 'a computed key from a value on a method or accessor');
      else {
        const why = mergeProblem(obj);
        if (why) refuse(n, 'lookup', why.replace(/next to a spread map( known only when Helm renders)?/, 'next to a key computed from a value'));
      }
    }
    if (ts.isArrayLiteralExpression(n)) {
      for (const el of n.elements) {
        if (!ts.isSpreadElement(el) && sym(el) && mayBeUnset(el) && ['string', 'number', 'boolean'].includes(kind(el))) {
          refuse(el, 'optional-in-list', `${el.getText()} may be unset (a list item Helm would print as "")`);
        }
      }
    }
    if (ts.isBindingElement(n)) checkBinding(n);
    if (ts.isParameter(n) && n.initializer && ts.isIdentifier(n.name) && isCallback(n.parent) && flow.of(n.name) !== NONE) {
      refuse(n, 'default-value', 'a parameter default on a value');
    }
  };

  /** A scalar kind (string, number, boolean) of a type. */
  const isScalarType = (type: ts.Type) => ['string', 'number', 'boolean'].includes(typeKind(ctx, type));

  /** Why a spread map only Helm knows cannot be merged key by key (undefined when it can: its values are scalars). */
  const mapSpreadProblem = (e: ts.Expression, allowStructures = false): string | undefined => {
    const type = ctx.type(e);
    const k = typeKind(ctx, type);
    if (k !== 'map' && k !== 'object') return `spreading ${k === 'mixed' ? 'a value' : `a ${k}`} (only maps have keys)`;
    if (!allowStructures && holdsStructures(e)) return 'spreading a map whose values are maps or lists (JavaScript replaces them where Helm would merge them)';
    return undefined;
  };

  /** Whether the map an expression holds may have maps or lists as values. */
  const holdsStructures = (e: ts.Expression): boolean => {
    const nonNull = ctx.checker.getNonNullableType(ctx.type(e));
    const index = ctx.checker.getIndexTypeOfType(nonNull, ts.IndexKind.String);
    const fields = nonNull.getProperties().map((p) => ctx.checker.getTypeOfSymbolAtLocation(p, e));
    return (!!index && !isScalarType(index)) || fields.some((t) => !isScalarType(t));
  };

  /** A values map holding maps or lists merges shallowly only as the one map of its literal, next to plain keys. */
  const deepSpreadProblem = (n: ts.SpreadAssignment): string | undefined => {
    const obj = n.parent;
    const spreads = obj.properties.filter((p) => ts.isSpreadAssignment(p) && sym(p.expression));
    const deep = spreads.filter((p) => holdsStructures((p as ts.SpreadAssignment).expression));
    if (deep.length === 0 || obj.properties.length === 1) return undefined;
    if (spreads.length > 1) return 'two spread maps in one object, one holding maps or lists (Helm would merge what JavaScript replaces): spread one, and place the other\'s keys one by one';
    if (obj.properties.some((p) => p.name && ts.isComputedPropertyName(p.name))) return 'a key computed from a value next to a spread map holding maps or lists';
    if (ctx.isHelper(ts.isCallExpression(unwrap(n.expression)) ? (unwrap(n.expression) as ts.CallExpression).expression : n.expression)) return 'spreading a map helper whose values are maps or lists next to other keys';
    return undefined;
  };

  /** Why an object literal spreading a map only Helm knows cannot be merged by Helm (`mergeOverwrite` of `dict`s). */
  const mergeProblem = (obj: ts.ObjectLiteralExpression): string | undefined => {
    for (const p of obj.properties) {
      if (ts.isSpreadAssignment(p)) {
        const x = unwrap(p.expression);
        if (sym(p.expression) && (ts.isConditionalExpression(x) || ts.isBinaryExpression(x) || ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'when')) {
          return 'a conditional spread next to a spread map known only when Helm renders';
        }
        if (!sym(p.expression) && mapSpreadProblem(p.expression)) return `spreading \`${constructText(p.expression)}\`, whose values are not all strings, numbers or booleans, next to a spread map`;
        continue;
      }
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      if (!value) return 'a method or accessor next to a spread map known only when Helm renders';
      if (!isScalarType(ctx.type(value))) return `the key \`${p.name!.getText()}\` holds a map or list, next to a spread map (Helm would merge it into the map's)`;
      if (tainted(value) && isOptionalType(ctx.type(value))) return `the key \`${p.name!.getText()}\` may be unset, next to a spread map (write \`${value.getText()} ?? ''\`)`;
    }
    return undefined;
  };

  const checkBinding = (n: ts.BindingElement) => {
    const pattern = n.parent;
    let decl: ts.Node = pattern.parent;
    while (ts.isBindingElement(decl)) decl = decl.parent.parent;
    const source = ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    const fromValue = source ? tainted(source) : ts.isParameter(decl) && [...identifiers(decl.name)].some((id) => flow.of(id) !== NONE);
    if (!fromValue) return;
    const key = n.propertyName ?? n.name;
    if (ts.isObjectBindingPattern(pattern) && (ts.isIdentifier(key) || ts.isStringLiteral(key)) && INHERITED.has(key.text)) refuse(n, 'reserved-name', `the field \`${key.text}\``);
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
    if ((k === 'object' || k === 'map') && ts.isStringLiteral(index)) return; // v['some-key'], labels['a']: a field
    refuse(n, 'index', k === 'array' ? 'an index other than list[0]' : 'indexing a value');
  };

  const checkBinary = (n: ts.BinaryExpression) => {
    const op = n.operatorToken.kind;
    const l = tainted(n.left);
    const r = tainted(n.right);
    if (!l && !r) return;
    if (LOGICAL_ASSIGN.has(op)) return refuse(n, 'default-value', `${ts.tokenToString(op)} on a value`);
    const numbers = kind(n.left) === 'number' && kind(n.right) === 'number' && t(n.left) !== 1 && t(n.right) !== 1;
    if (op === ts.SyntaxKind.MinusToken && numbers) {
      if ((l && isOptionalType(ctx.type(unwrap(n.left)))) || (r && isOptionalType(ctx.type(unwrap(n.right))))) return refuse(n, 'arithmetic', '- of a number that may be unset (JavaScript gives NaN)');
      return; // integers: checked as Helm renders (the schema knows @asType integer)
    }
    if (ARITHMETIC.has(op)) return refuse(n, 'arithmetic', `${ts.tokenToString(op)} on a value`);
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) {
      if (kind(n.left) === 'string' && kind(n.right) === 'string' && t(n.left) !== 1 && t(n.right) !== 1) {
        if ((l && mayBeUnset(n.left)) || (r && mayBeUnset(n.right))) return refuse(n, 'optional-in-string', 'a string that may be unset in +');
        return;
      }
      if (op === ts.SyntaxKind.PlusToken && numbers) {
        if ((l && isOptionalType(ctx.type(unwrap(n.left)))) || (r && isOptionalType(ctx.type(unwrap(n.right))))) return refuse(n, 'arithmetic', '+ of a number that may be unset (JavaScript gives NaN)');
        return;
      }
      return refuse(n, 'arithmetic', op === ts.SyntaxKind.PlusEqualsToken ? '+= on a value' : '+ on a value that is not two strings or two numbers');
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
      // Refused where the recursion is entered (not at the recursive call inside it): a condition of the recursive
      // function reads a parameter given a value, and the symbolic run follows both branches, so it never ends.
      const steering = calls(ctx, target, fn) ? undefined : recursiveOnValue(ctx, target, args.map(tainted));
      if (steering) return refuse(n, 'recursion', `\`${callee.getText()}\` recurses on \`${steering}\`, a value known only when Helm renders (the template would have to unroll it)`);
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
      if (a && tainted(a) && mayBeUnset(a)) return refuse(n, 'optional-in-string', 'String() of a value that may be unset');
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
    if (name === 'Object.keys' && args.length === 1 && sym(args[0])) {
      if (kind(args[0]) !== 'map') return refuse(n, 'reflection', 'Object.keys() of an object with fixed fields (traced on Record<string, T> maps)');
      if (isOptionalType(ctx.type(unwrap(args[0])))) return refuse(n, 'optional-call', 'Object.keys() of a map that may be unset (write `Object.keys(map ?? {})`)');
      return;
    }
    if (name && (name.startsWith('Object.') || name === 'Object') && args.every((a) => t(a) !== SYM)) return; // a concrete object holding values
    if (name && REFLECTION.test(name)) return refuse(n, 'reflection', `${name}() of a value is evaluated once by JavaScript`);
    if ((name === 'Math.max' || name === 'Math.min') && args.length > 0 && args.every((a) => !ts.isSpreadElement(a) && kind(a) === 'number' && !(tainted(a) && isOptionalType(ctx.type(unwrap(a)))))) return;
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
      const made = ((unwrap(receiver) as ts.CallExpression).expression as ts.PropertyAccessExpression).name.text;
      const cb = n.arguments[0] && unwrap(n.arguments[0]);
      if (m === 'map' && made === 'filter' && cb && isFunctionNode(cb) && cb.parameters.length > 1) {
        return refuse(n, 'after-map', '.map((x, i) => …) after .filter(): the index counts the filtered items, which only Helm knows');
      }
      if (m === 'concat' || (m === 'map' && made !== 'concat')) return;
      if (m === 'join' && made !== 'concat' && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0]) && n.arguments[0].text === '') return;
      return refuse(n, 'after-map', `.${m}() on a list made by .${made}()`);
    }
    if (k === 'string' && STRING_METHODS.has(m)) return;
    const chosen = unwrap(receiver);
    if (k === 'array' && (m === 'map' || m === 'flatMap') && (ts.isConditionalExpression(chosen) || (ts.isBinaryExpression(chosen)
      && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(chosen.operatorToken.kind)
      // `(list ?? []).map(f)` is traced (`default (list) list`).
      && !(chosen.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && ts.isArrayLiteralExpression(unwrap(chosen.right)) && (unwrap(chosen.right) as ts.ArrayLiteralExpression).elements.length === 0)))) {
      return refuse(n, 'method', `.${m}() of a list chosen by ${ts.isConditionalExpression(chosen) ? '?:' : ts.tokenToString(chosen.operatorToken.kind)} (write the choice around the calls: \`a !== undefined ? a.${m}(f) : b.${m}(f)\`)`);
    }
    if (['string', 'number', 'boolean'].includes(k) && m === 'toString' && n.arguments.length === 0) return;
    if (k === 'string' && ['slice', 'substring', 'replaceAll', 'split'].includes(m)) {
      const a = n.arguments.map(unwrap);
      const text = (e: ts.Expression | undefined) => e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined;
      const ok = m === 'split' ? a.length === 1 && !!text(a[0])
        : m === 'replaceAll' ? a.length === 2 && !!text(a[0]) && text(a[1]) !== undefined && !text(a[1])!.includes('$')
          : a.length === 2 && ts.isNumericLiteral(a[0]) && a[0].text === '0' && ts.isNumericLiteral(a[1]) && Number.isSafeInteger(Number(a[1].text));
      if (ok) return;
      return refuse(n, 'method', m === 'split' ? '.split() with a separator that is not a literal, non-empty string'
        : m === 'replaceAll' ? '.replaceAll() with arguments that are not literal strings (the first not empty, the second without `$`)'
          : `.${m}() other than .${m}(0, n) with a literal n (a prefix: sprig's trunc)`);
    }
    if (k === 'array' && (m === 'filter' || m === 'concat')) return;
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

  if (fn.asteriskToken || ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) {
    refuse(fn, 'async', `${fn.asteriskToken ? 'a generator' : 'an async function'} runs in the template`);
  }
  if (fn.body) visit(fn.body);
  fn.parameters.forEach(visit);
}

/** `list.length > 0` (`>= 1`, `!== 0`, `!= 0`, or `list.length` itself) for the list written as `list`. */
function testsNonEmpty(test: ts.Expression, list: string): boolean {
  const x = unwrap(test);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return testsNonEmpty(x.left, list) || testsNonEmpty(x.right, list);
  const isLength = (e: ts.Expression) => {
    const y = unwrap(e);
    return ts.isPropertyAccessExpression(y) && y.name.text === 'length' && unwrap(y.expression).getText() === list;
  };
  if (isLength(x)) return true;
  // `list[0]`, `list[0]?.field`, `list[0] !== undefined`: the first item itself is tested.
  let base: ts.Expression = ts.isBinaryExpression(x) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(x.operatorToken.kind) ? unwrap(x.left) : x;
  while ((ts.isPropertyAccessExpression(base) || ts.isElementAccessExpression(base)) && base.getText() !== `${list}[0]`) base = unwrap(base.expression);
  if (base.getText() === `${list}[0]`) return true;
  if (!ts.isBinaryExpression(x) || !isLength(x.left)) return false;
  const n = unwrap(x.right);
  const k = x.operatorToken.kind;
  if (!ts.isNumericLiteral(n)) return false;
  return (k === ts.SyntaxKind.GreaterThanToken && n.text === '0') || (k === ts.SyntaxKind.GreaterThanEqualsToken && n.text === '1')
    || ((k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken) && n.text === '0');
}

/** Whether `node` (a read of `list[0]`) only runs where a condition above it says the list is not empty. */
function guardedNonEmpty(node: ts.Node, listExpr: ts.Expression): boolean {
  const list = unwrap(listExpr).getText();
  let child: ts.Node = node;
  for (let p = node.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
    if (ts.isConditionalExpression(p) && child === p.whenTrue && testsNonEmpty(p.condition, list)) return true;
    if (ts.isIfStatement(p) && child === p.thenStatement && testsNonEmpty(p.expression, list)) return true;
    if (ts.isBinaryExpression(p) && child === p.right && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && testsNonEmpty(p.left, list)) return true;
  }
  return false;
}

function fnName(fn: FunctionNode): string {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  return ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : 'the function';
}

const calleeCache = new WeakMap<FunctionNode, FunctionNode[]>();
const reachCache = new WeakMap<FunctionNode, Set<FunctionNode>>();

/** The chart functions `fn` calls directly (cached per function: a watch rebuild makes a new program). */
function calleesOf(ctx: AnalysisContext, fn: FunctionNode): FunctionNode[] {
  const cached = calleeCache.get(fn);
  if (cached) return cached;
  const out: FunctionNode[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const g = ctx.chartFunction(n.expression);
      if (g) out.push(g);
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  calleeCache.set(fn, out);
  return out;
}

/** Whether calling `from` may call `to` (through the chart's own functions; `from` itself counts). */
function calls(ctx: AnalysisContext, from: FunctionNode, to: FunctionNode): boolean {
  let reach = reachCache.get(from);
  if (!reach) {
    reach = new Set<FunctionNode>();
    const stack = [from];
    while (stack.length > 0 && reach.size < 2000) {
      const f = stack.pop()!;
      if (reach.has(f)) continue;
      reach.add(f);
      stack.push(...calleesOf(ctx, f));
    }
    reachCache.set(from, reach);
  }
  return reach.has(to);
}

/** `eval` read as a value or called (not a property name or a declaration of a local `eval`), `Function` called. */
function isEvalReference(n: ts.Identifier): boolean {
  const p = n.parent;
  if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)
    || (ts.isBindingElement(p) && (p.name === n || p.propertyName === n)) || (ts.isVariableDeclaration(p) && p.name === n)) return false;
  if (n.text === 'Function') return (ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === n;
  return true;
}

/** Whether an object type declares a field named `length` (a values field, not a list's length). */
function hasLengthField(ctx: AnalysisContext, type: ts.Type): boolean {
  return (type.isUnion() ? type.types : [type]).some((t) => {
    const k = typeKind(ctx, t);
    return (k === 'object' || k === 'map') && t.getProperty('length') !== undefined;
  });
}

function* identifiers(name: ts.BindingName): Generator<ts.Identifier> {
  if (ts.isIdentifier(name)) yield name;
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) yield* identifiers(e.name);
}

/**
 * The parameter of a recursive chart function, passed a value, that a condition of its body reads (`n <= 0 ? … :
 * f(n - 1)`): the symbolic run takes both branches, so the recursion would never end.
 */
function recursiveOnValue(ctx: AnalysisContext, fn: FunctionNode, tainted: boolean[]): string | undefined {
  if (!tainted.some(Boolean) || !calleesOf(ctx, fn).some((g) => calls(ctx, g, fn))) return undefined;
  const params = new Set(fn.parameters.flatMap((p, i) => (tainted[i] || (p.dotDotDotToken && tainted.slice(i).some(Boolean)) ? [...identifiers(p.name)].map((id) => ctx.symbolOf(id)) : [])));
  let found: string | undefined;
  const inCondition = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && params.has(ctx.symbolOf(n))) found = n.text;
    else ts.forEachChild(n, inCondition);
  };
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isConditionalExpression(n)) inCondition(n.condition);
    else if (ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isSwitchStatement(n)) inCondition(n.expression);
    else if (ts.isForStatement(n) && n.condition) inCondition(n.condition);
    else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(n.operatorToken.kind)) inCondition(n.left);
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}
