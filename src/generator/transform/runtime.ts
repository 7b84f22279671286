/**
 * What transformed chart code calls (`__helmts.cond(…)`, see chart-transform.ts).
 *
 * Every function keeps JavaScript's meaning on concrete values, so a
 * transformed definition renders the same objects as the source does. On a
 * symbolic value (a `.Values` read) it records the Go-template expression
 * with the same meaning, or throws a `ChartSourceError` naming the user's
 * file:line:column, the construct and what to write instead.
 */
import { canFail, type Expr, type ValueType } from '../expr';
import { goCompare, goLower, goTrim, goTrunc, goUpper } from '../go-strings';
import { caseWildcard, hasWildcard, truncWildcard, wildcardUse } from '../nondeterministic';
import { CondMarker, IncludeMarker, RangeMarker, WhenMarker, spreadable } from '../markers';
import { allocVar, asText, exprOf, registerToken, symbolicEntries, symbolicNode, symbolicValue, type TokenInfo } from '../symbolic';

/** A construct in a chart definition that cannot be turned into a template. */
export class ChartSourceError extends Error {
  constructor(
    readonly location: string,
    readonly construct: string,
    problem: string,
  ) {
    super(`${location}: \`${construct}\`: ${problem}`);
    this.name = 'ChartSourceError';
  }
}

/** Where (file:line:column) and what (the source text) a transformed call stands for. */
export type Site = [location: string, construct: string];

const loadedFiles = new Set<string>();

/** Called once by every transformed module. */
export function loaded(file: string): void {
  loadedFiles.add(file);
}

/** Whether a module under `dir` (absolute) was loaded through the transform. */
export function transformedUnder(dir: string): boolean {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  for (const f of loadedFiles) if (f.startsWith(prefix)) return true;
  return false;
}

/** Stops a build whose definition was loaded without the transform: its `?:` and `if` would be silently wrong. */
export function assertTransformed(chart: string, dir: string): void {
  if (transformedUnder(dir)) return;
  throw new Error(
    `chart ${chart}: no module under ${dir} was loaded through the helmts source transform, so ?:, if, ! and === on values ` +
      "would be evaluated once in TypeScript instead of becoming template logic. Import charts after `import 'helmts/src/generator/transform/register'` " +
      '(src/charts/index.ts does), or run Jest with the helmts Jest preset (src/loading/jest-transform.ts) for chart files.',
  );
}

const lit = (value: string | number | boolean | null): Expr => ({ kind: 'lit', value });
const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });
const isNil = (e: Expr): Expr => call('kindIs', lit('invalid'), e);
const notNil = (e: Expr): Expr => call('not', isNil(e));

export function describe(info: TokenInfo): string {
  const e = info.expr;
  if (e.kind === 'ref') {
    const head = e.root.type === 'values' ? '.Values' : e.root.type === 'builtin' ? `.${e.root.object}` : e.root.type === 'expr' ? '(…)' : `$${e.root.name}`;
    return `${[head, ...e.path].join('.')} (known only when Helm renders)`;
  }
  return 'a value known only when Helm renders';
}

export function symbolic(value: unknown): TokenInfo | undefined {
  if (value instanceof CondMarker || value instanceof WhenMarker || value instanceof RangeMarker || value instanceof IncludeMarker) {
    return undefined;
  }
  return exprOf(value);
}

export function isMarker(value: unknown): boolean {
  return value instanceof CondMarker || value instanceof WhenMarker || value instanceof RangeMarker || value instanceof IncludeMarker;
}

/** A Go boolean expression true exactly when the symbolic value is JavaScript-truthy. */
function truth(info: TokenInfo, site: Site): Expr {
  if (info.truth) return info.truth;
  switch (info.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      // Go's truthiness of a scalar is JavaScript's: "", 0, false and nil are false.
      return info.expr;
    case 'object':
    case 'array':
      // JavaScript counts every object, even `{}` and `[]`, as true: only a missing value is false.
      return notNil(info.expr);
    default:
      throw new ChartSourceError(
        site[0],
        site[1],
        `the condition reads ${describe(info)}, whose type the values schema does not fix; give the field a single type, or compare it explicitly (=== / !== undefined)`,
      );
  }
}

/** The JavaScript truth of a value that may be concrete. */
export function testOf(value: unknown, site: Site): { concrete: true; value: boolean } | { concrete: false; expr: Expr } {
  const info = symbolic(value);
  if (info) return { concrete: false, expr: truth(info, site) };
  if (isMarker(value)) {
    throw new ChartSourceError(site[0], site[1], 'a condition on a conditional object or helper result cannot be traced; test the values it depends on');
  }
  return { concrete: true, value: Boolean(value) };
}

type Scalar = { expr: Expr; type: ValueType | 'undefined'; optional: boolean; info?: TokenInfo };

/** A value as a Go operand, if it is a scalar (a literal or a symbolic scalar). */
function scalar(value: unknown): Scalar | undefined {
  if (value === undefined) return { expr: lit(null), type: 'undefined', optional: true };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const info = symbolic(value);
    if (info) {
      if (info.type === 'object' || info.type === 'array' || info.type === 'unknown') return undefined;
      return { expr: info.expr, type: info.type, optional: info.optional ?? false, info };
    }
    return { expr: lit(value), type: typeof value === 'number' ? 'number' : (typeof value as ValueType), optional: false };
  }
  const info = symbolic(value);
  if (info && (info.type === 'integer' || info.type === 'number' || info.type === 'boolean' || info.type === 'string')) {
    return { expr: info.expr, type: info.type, optional: info.optional ?? false, info };
  }
  return undefined;
}

const numeric = (t: string) => t === 'integer' || t === 'number';

function sameType(a: Scalar, b: Scalar): ValueType | undefined {
  if (a.type === 'undefined' || b.type === 'undefined') return undefined;
  if (a.type === b.type) return a.type;
  if (numeric(a.type) && numeric(b.type)) return 'number';
  return undefined;
}

const BOOL_FNS = new Set(['not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'kindIs', 'has', 'contains', 'hasPrefix', 'hasSuffix', 'hasKey', 'empty']);

/** A Go `bool` with the truthiness of `e` (`ternary` needs one; `if`, `not`, `and` and `or` take any value). */
export function boolify(e: Expr): Expr {
  if (e.kind === 'call' && BOOL_FNS.has(e.fn)) return e;
  if (e.kind === 'call' && (e.fn === 'and' || e.fn === 'or') && e.args.every((a) => typeof a === 'object' && boolify(a) === a)) return e;
  if (e.kind === 'lit' && typeof e.value === 'boolean') return e;
  return call('not', call('empty', e));
}

/** `test ? then : otherwise` where the test is symbolic: a `ternary` token for scalars, else a block. */
function branch(test: Expr, then: unknown, otherwise: unknown): unknown {
  const a = scalar(then);
  const b = scalar(otherwise);
  if (a && b && a.type !== 'undefined' && b.type !== 'undefined') {
    const type = sameType(a, b);
    const truthOf = (s: Scalar) => (s.info ? s.info.truth ?? (s.info.type === 'object' || s.info.type === 'array' ? notNil(s.expr) : s.expr) : lit(Boolean((s.expr as { value: unknown }).value)));
    // sprig's `ternary` evaluates both branches: a branch Helm may fail on (a function of an unset value) needs an `if`.
    const pick = (x: Expr, y: Expr): Expr => (canFail(x) || canFail(y) ? { kind: 'cond', test, then: x, else: y } : { kind: 'call', fn: 'ternary', args: [x, y, boolify(test)] });
    return registerToken(pick(a.expr, b.expr), type ?? 'unknown', a.optional || b.optional, {
      truth: pick(truthOf(a), truthOf(b)),
      json: !type,
    });
  }
  return spreadable(new CondMarker(test, then, otherwise));
}

/** `test ? then() : otherwise()` (also `if`/`else` statements that return). */
export function cond<A, B>(test: unknown, then: () => A, otherwise: () => B, site: Site): A | B {
  const t = testOf(test, site);
  if (t.concrete) return t.value ? then() : otherwise();
  return branch(t.expr, then(), otherwise()) as A | B;
}

/** `!value` */
export function not(value: unknown, site: Site): boolean {
  const t = testOf(value, site);
  if (t.concrete) return !t.value;
  return registerToken(call('not', t.expr), 'boolean') as unknown as boolean;
}

/**
 * Go's `and`/`or` short-circuit and return an operand, as JavaScript's `&&`/`||` do; their truthiness
 * agrees with JavaScript's on scalars, so scalar operands map onto them directly.
 */
function shortCircuit(fn: 'and' | 'or', a: unknown, b: unknown): unknown {
  const x = scalar(a);
  const y = scalar(b);
  const ai = symbolic(a);
  const bi = symbolic(b);
  const structured = (i?: TokenInfo) => i !== undefined && (i.type === 'object' || i.type === 'array');
  const special = (i?: TokenInfo) => structured(i) || (i?.type === 'unknown' && i.truth !== undefined);
  if ((special(ai) && (y || special(bi))) || (x?.info && special(bi))) {
    // A map or list is truthy when set: `list && list.length > 0` tests presence first (Go's and/or short-circuit).
    const truthOf = (v: unknown, i?: TokenInfo): Expr | undefined =>
      i ? i.truth ?? (structured(i) ? notNil(i.expr) : i.expr) : scalar(v)?.type === 'undefined' ? undefined : lit(Boolean(v));
    const at = truthOf(a, ai);
    const bt = truthOf(b, bi);
    const ae = ai?.expr;
    const be = bi?.expr ?? scalar(b)?.expr;
    if (!at || !bt || !ae || !be) return undefined;
    const value = fn === 'and' ? call('ternary', be, ae, boolify(at)) : call('ternary', ae, be, boolify(at));
    return registerToken(value, 'unknown', true, { truth: call(fn, at, bt), json: true });
  }
  if (!x?.info || !y || y.type === 'undefined' || !(x.info.type === 'string' || numeric(x.info.type) || x.info.type === 'boolean')) return undefined;
  const type = sameType(x, y);
  const truthOf = (s: Scalar) => s.info?.truth ?? s.expr;
  return registerToken(call(fn, x.expr, y.expr), type ?? 'unknown', x.optional || y.optional, {
    truth: call(fn, truthOf(x), truthOf(y)),
    json: !type,
  });
}

/** `a && b` */
export function and<A, B>(a: A, b: () => B, site: Site): A | B {
  const t = testOf(a, site);
  if (t.concrete) return t.value ? b() : a;
  const right = b();
  return (shortCircuit('and', a, right) ?? branch(t.expr, right, a)) as A | B;
}

/** `a || b` */
export function or<A, B>(a: A, b: () => B, site: Site): A | B {
  const t = testOf(a, site);
  if (t.concrete) return t.value ? a : b();
  const right = b();
  return (shortCircuit('or', a, right) ?? branch(t.expr, a, right)) as A | B;
}

/** `a ?? b` */
export function coalesce<A, B>(a: A, b: () => B, site: Site): A | B {
  const info = symbolic(a);
  if (!info) {
    if (isMarker(a)) throw new ChartSourceError(site[0], site[1], 'a conditional object cannot be the left side of ??');
    return (a ?? b()) as A | B;
  }
  const fallback = b();
  const node = symbolicNode(a);
  // `list ?? []` and `map ?? {}`: the value itself, never unset (`default (list) x`), so `.map()` and `.includes()` apply.
  if (node && node.optional && ((node.type === 'array' && Array.isArray(fallback) && fallback.length === 0 && !symbolicNode(fallback))
    || (node.type === 'object' && isPlainEmpty(fallback)))) {
    const empty = call(node.type === 'array' ? 'list' : 'dict');
    return symbolicValue({ type: 'expr', expr: call('default', empty, info.expr) }, [], node.schema, node.rootSchema, false) as A;
  }
  const result = branch(isNil(info.expr), fallback, a);
  // `x ?? fallback` is unset only when the fallback may be: `v.tag ?? ''` is always set.
  const r = typeof result === 'string' ? exprOf(result) : undefined;
  if (r?.optional && scalar(fallback)?.optional === false) return registerToken(r.expr, r.type, false, { truth: r.truth, json: r.json }) as A | B;
  return result as A | B;
}

const isPlainEmpty = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !symbolicNode(v) && !isMarker(v) && Object.keys(v).length === 0;

/** A guard where a condition cannot be traced (`if` that is not a returning branch, loops, `switch`). */
export function test(value: unknown, site: Site, why: string): unknown {
  const info = symbolic(value);
  if (info || isMarker(value)) {
    const advice = why.startsWith('if')
      ? 'make both branches return (if (…) return a; return b;) or use ?:, and build objects instead of changing them'
      : why === 'switch'
        ? 'write if (…) return …; chains or ?:'
        : 'loops run in TypeScript; use .map() over a values list, or ?: / when()';
    throw new ChartSourceError(site[0], site[1], `${why} on ${info ? describe(info) : 'a conditional value'} cannot be traced into a template; ${advice}`);
  }
  return value;
}

const boolToken = (expr: Expr) => registerToken(expr, 'boolean') as unknown as boolean;

function comparable(value: unknown, site: Site, op: string): Scalar {
  const s = scalar(value);
  if (s) return s;
  if (value === null) {
    throw new ChartSourceError(site[0], site[1], `Helm drops keys set to null, so ${op} null cannot be told from undefined; compare with undefined (=== undefined)`);
  }
  const info = symbolic(value);
  throw new ChartSourceError(
    site[0],
    site[1],
    `${op} compares ${info ? describe(info) : 'an object'}, a map or list; compare one of its fields, or test it with ?: / when()`,
  );
}

/** Go comparison of two scalars where at least one is symbolic; missing values compare as JavaScript's `undefined`. */
function compare(fn: 'eq' | 'lt' | 'le' | 'gt' | 'ge', a: Scalar, b: Scalar, site: Site, op: string): Expr {
  if (a.type === 'undefined' || b.type === 'undefined') {
    if (fn !== 'eq') return lit(false);
    const other = a.type === 'undefined' ? b : a;
    return other.type === 'undefined' ? lit(true) : isNil(other.expr);
  }
  const type = sameType(a, b);
  if (!type) throw new ChartSourceError(site[0], site[1], `${op} compares a ${a.type} with a ${b.type}; convert one side first`);
  if (fn !== 'eq' && type === 'boolean') throw new ChartSourceError(site[0], site[1], `${op} on booleans; compare numbers or strings`);
  // Helm reads YAML numbers as float64 and --set ones as int64: compare as float64.
  const operand = (s: Scalar) => (numeric(type) ? call('float64', s.expr) : s.expr);
  const core = call(fn, operand(a), operand(b));
  const guards = [a, b].filter((s) => s.optional).map((s) => s.expr);
  if (guards.length === 0) return core;
  const present = call('and', ...guards.map(notNil), core);
  // undefined === undefined in JavaScript.
  if (fn === 'eq' && guards.length === 2) return call('or', call('and', ...guards.map(isNil)), present);
  return present;
}

function comparison(fn: 'eq' | 'lt' | 'le' | 'gt' | 'ge', a: unknown, b: unknown, site: Site, op: string, concrete: () => boolean): boolean {
  if (!symbolic(a) && !symbolic(b) && !isMarker(a) && !isMarker(b)) return concrete();
  // `x === undefined` of any value, maps and lists included: presence.
  if (fn === 'eq' && (a === undefined || b === undefined) && symbolic(a === undefined ? b : a)) return boolToken(isNil(symbolic(a === undefined ? b : a)!.expr));
  return boolToken(compare(fn, comparable(a, site, op), comparable(b, site, op), site, op));
}

export const eq = (a: unknown, b: unknown, site: Site) => comparison('eq', a, b, site, '===', () => a === b);
export const looseEq = (a: unknown, b: unknown, site: Site) =>
  // `x == null` (or `null == x`) is the idiom for "unset"; Helm has no null distinct from absent.
  b === null && symbolic(a) ? boolToken(isNil(symbolic(a)!.expr))
    : a === null && symbolic(b) ? boolToken(isNil(symbolic(b)!.expr))
      : comparison('eq', a, b, site, '==', () => a == b);
export const ne = (a: unknown, b: unknown, site: Site) => negate(eq(a, b, site));
export const looseNe = (a: unknown, b: unknown, site: Site) => negate(looseEq(a, b, site));
/** `a - b` as Go orders them: strings by UTF-8 bytes, numbers as numbers. */
const order = (a: unknown, b: unknown): number =>
  typeof a === 'string' && typeof b === 'string' ? goCompare(a, b) : (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : a === b ? 0 : NaN;
export const lt = (a: unknown, b: unknown, site: Site) => comparison('lt', a, b, site, '<', () => order(a, b) < 0);
export const le = (a: unknown, b: unknown, site: Site) => comparison('le', a, b, site, '<=', () => order(a, b) <= 0);
export const gt = (a: unknown, b: unknown, site: Site) => comparison('gt', a, b, site, '>', () => order(a, b) > 0);
export const ge = (a: unknown, b: unknown, site: Site) => comparison('ge', a, b, site, '>=', () => order(a, b) >= 0);

function negate(value: boolean): boolean {
  const info = symbolic(value);
  return info ? boolToken(call('not', info.expr)) : !value;
}

/** An integer operand of traced arithmetic: a symbolic integer that is always set, or a literal integer. */
function integer(value: unknown, site: Site, op: string): Expr {
  const info = symbolic(value);
  if (info && info.type === 'integer' && !info.optional) return info.expr;
  if (!info && typeof value === 'number' && Number.isSafeInteger(value)) return lit(value);
  const what = info ? (info.type === 'number' ? `${describe(info)}, a number that may have a fraction` : describe(info)) : JSON.stringify(value) ?? String(value);
  throw new ChartSourceError(site[0], site[1], `${op} is traced on integers that are always set (a field marked /** @asType integer */, a .length, an index); ${what} is not one: compute it in the values`);
}

/**
 * Integer arithmetic as JavaScript does it: Helm's int64 `add`/`sub`/`max`/`min` computes exactly, and
 * `float64` rounds the result to a double as JavaScript's number does (beyond 2^53 too); `toJson` prints it.
 */
export function integerOp(fn: 'add' | 'sub' | 'max' | 'min', args: unknown[], site: Site, op: string): number {
  return registerToken(call('float64', call(fn, ...args.map((a) => integer(a, site, op)))), 'integer') as unknown as number;
}

const isNumberLike = (value: unknown) => {
  const info = symbolic(value);
  return info ? info.type === 'integer' || info.type === 'number' : typeof value === 'number';
};

/** `a + b`: numbers known only when Helm renders are added by Helm; strings (token strings too) concatenate. */
export function plus(a: unknown, b: unknown, site: Site): unknown {
  if ((symbolic(a) || symbolic(b)) && isNumberLike(a) && isNumberLike(b)) return integerOp('add', [a, b], site, '+');
  if ((symbolicNode(a) && typeof a === 'object') || (symbolicNode(b) && typeof b === 'object') || isMarker(a) || isMarker(b) || (symbolic(a) && isNumberLike(a)) || (symbolic(b) && isNumberLike(b))) {
    throw new ChartSourceError(site[0], site[1], '+ of a value known only when Helm renders that is not two strings or two integers; write a template literal (`${a}${b}`)');
  }
  return (a as string) + (b as string);
}

/** `a - b` */
export function minus(a: unknown, b: unknown, site: Site): unknown {
  if (symbolic(a) || symbolic(b) || isMarker(a) || isMarker(b)) return integerOp('sub', [a, b], site, '-');
  return (a as number) - (b as number);
}

const GO_METHODS: Record<string, (s: string) => string> = { toUpperCase: goUpper, toLowerCase: goLower, trim: goTrim };

/** String and list methods with a Go counterpart; `args` literal or symbolic strings. */
const STRING_METHODS: Record<string, (self: Expr, args: Expr[]) => { expr: Expr; type: ValueType }> = {
  includes: (s, [x]) => ({ expr: call('contains', x, s), type: 'boolean' }),
  startsWith: (s, [x]) => ({ expr: call('hasPrefix', x, s), type: 'boolean' }),
  endsWith: (s, [x]) => ({ expr: call('hasSuffix', x, s), type: 'boolean' }),
  toUpperCase: (s) => ({ expr: call('upper', s), type: 'string' }),
  toLowerCase: (s) => ({ expr: call('lower', s), type: 'string' }),
  trim: (s) => ({ expr: call('trim', s), type: 'string' }),
};

const ADVICE: Record<string, string> = {
  slice: 'use .slice(0, n) or trunc(text, n) for a prefix',
  substring: 'use .slice(0, n) or trunc(text, n) for a prefix',
  replace: 'use .replaceAll(old, new) (JavaScript\'s .replace() changes the first only)',
  replaceAll: 'use replace(text, old, new) from the generator',
  split: 'use .split(sep) with a literal separator',
  filter: 'filter in the values (or wrap the item in ?: inside .map())',
  find: 'index the values by key in the values type instead',
  join: 'build the string in a template literal',
  indexOf: 'use .includes()',
  toString: 'use a template literal',
};

/** The items of a values list as the items of a list literal: one `range` over it, each item placed as it is. */
export function listItems(list: unknown): unknown[] {
  return (list as unknown[]).map((item) => item);
}

/** The ranges `.filter()` made: their body is `if test` around the one item (`.map()` after it maps that item). */
const filters = new WeakSet<RangeMarker>();

/** `list.filter(keep)` on a values list: `range` + `if`, the item spliced when `keep` is JavaScript-truthy. */
function filterList(list: unknown, keep: (item: unknown, index: unknown) => unknown, site: Site): unknown[] {
  const wrap = (item: unknown, index: unknown): unknown => {
    const t = testOf(keep(item, index), site);
    return t.concrete ? (t.value ? [item] : []) : new CondMarker(t.expr, [item], []);
  };
  const ranges = (list as { flatMap(f: (...a: unknown[]) => unknown): RangeMarker[] }).flatMap(keep.length > 1 ? (x, i) => wrap(x, i) : (x) => wrap(x, undefined));
  ranges.forEach((r) => filters.add(r));
  return ranges;
}

/** `a.concat(b, …)` where a list is known only when Helm renders: JavaScript's concat, values lists spliced by `range`. */
function concatLists(self: unknown, args: unknown[]): unknown[] {
  const items = (x: unknown): unknown[] => (symbolicNode(x)?.type === 'array' ? listItems(x) : Array.isArray(x) ? [...x] : [x]);
  return [...items(self), ...args.flatMap(items)];
}

/** `(0, n)` with a literal n ≥ 0: the arguments of a prefix `.slice()`/`.substring()`. */
const isPrefix = (args: unknown[]) => args.length === 2 && args[0] === 0 && Number.isSafeInteger(args[1]) && (args[1] as number) >= 0;

/** `.slice(0, n)`, `.substring(0, n)`, `.replaceAll(a, b)` and `.split(sep)` of a string known only when Helm renders. */
function stringMethod(info: TokenInfo, name: string, args: unknown[], site: Site): unknown {
  if (info.optional) throw new ChartSourceError(site[0], site[1], `.${name}() of ${describe(info)}, which may be unset (JavaScript throws); write (x ?? '').${name}(…)`);
  if (name === 'slice' || name === 'substring') {
    if (!isPrefix(args)) throw new ChartSourceError(site[0], site[1], `.${name}() is traced as a prefix only, .${name}(0, n) with a literal n ≥ 0 (sprig's trunc); write trunc(text, n)`);
    return registerToken(call('trunc', lit(args[1] as number), info.expr), 'string');
  }
  const literal = args.every((a) => typeof a === 'string' && !symbolic(a));
  if (name === 'replaceAll') {
    if (args.length !== 2 || !literal || args[0] === '' || (args[1] as string).includes('$')) {
      throw new ChartSourceError(site[0], site[1], ".replaceAll(a, b) is traced with literal strings, a not empty and b without `$` (a pattern to JavaScript); write replace(text, a, b)");
    }
    return registerToken(call('replace', lit(args[0] as string), lit(args[1] as string), info.expr), 'string');
  }
  if (args.length !== 1 || !literal || args[0] === '') {
    throw new ChartSourceError(site[0], site[1], ".split(sep) is traced with one literal separator that is not empty (Go splits an empty one into UTF-8 characters, JavaScript into UTF-16 units)");
  }
  return symbolicValue({ type: 'expr', expr: call('splitList', lit(args[0] as string), info.expr) }, [], { type: 'array', items: { type: 'string' } }, {}, false);
}

/** A list built by `.map()` over values: its items exist only when Helm renders. */
const renderTimeList = (value: unknown) => Array.isArray(value) && !symbolicNode(value) && value.some((x) => x instanceof RangeMarker || x instanceof WhenMarker || x instanceof CondMarker);

/** `self.method(...args)` for the methods a template may call on a string or list. */
export function method(self: unknown, name: string, args: unknown[], site: Site): unknown {
  if (renderTimeList(self) && name === 'join' && args[0] === '' && (self as unknown[]).length === 1) {
    // `list.map((x) => \`…\`).join('')`: the range's text, for NOTES.txt.
    const range = (self as unknown[])[0];
    if (range instanceof RangeMarker && typeof range.body === 'string') {
      const body = exprOf(range.body)?.expr ?? lit(range.body);
      return registerToken({ kind: 'rangeText', source: range.source, varName: range.varName, body }, 'string');
    }
  }
  if (renderTimeList(self) && name === 'map' && (self as unknown[]).length === 1 && (self as unknown[])[0] instanceof RangeMarker && !((self as RangeMarker[])[0]).flat) {
    // `.map(f).map(g)`: one range whose body is g of f's body.
    const r = (self as RangeMarker[])[0];
    const fn = args[0] as (item: unknown, index: unknown) => unknown;
    const keyVar = r.keyVar ?? (fn.length > 1 ? allocVar('i') : undefined);
    const index = keyVar ? registerToken({ kind: 'ref', root: { type: 'var', name: keyVar }, path: [] }, 'integer') : undefined;
    return [new RangeMarker(r.source, r.varName, fn(r.body, index), false, keyVar)];
  }
  if (renderTimeList(self) && name === 'map' && (self as unknown[]).length === 1 && filters.has((self as RangeMarker[])[0])) {
    // `.filter(keep).map(f)`: the same range and `if`, around f of the item.
    const r = (self as RangeMarker[])[0];
    const body = r.body as CondMarker;
    const fn = args[0] as (item: unknown) => unknown;
    if (fn.length > 1) throw new ChartSourceError(site[0], site[1], '.map((x, i) => …) after .filter(): the index counts the filtered items, which only Helm knows; use the index of .filter((x, i) => …)');
    const mapped = body instanceof CondMarker ? new CondMarker(body.test, [fn((body.then as unknown[])[0])], []) : (body as unknown[]).map((x) => fn(x));
    const out = new RangeMarker(r.source, r.varName, mapped, true, r.keyVar);
    filters.add(out);
    return [out];
  }
  if (renderTimeList(self) && name === 'concat') return concatLists(self, args);
  if (renderTimeList(self) && name !== 'concat') {
    throw new ChartSourceError(site[0], site[1], `.${name}() on a list made by .map() over values (its items exist only when Helm renders) cannot be traced; test the values list itself`);
  }
  const info = symbolic(self);
  const symbolicArg = args.some((a) => symbolic(a) || isMarker(a));
  if (!info && !isMarker(self)) {
    if (symbolicArg && Array.isArray(self) && name === 'includes' && self.every((x) => typeof x === 'string')) {
      const needle = comparable(args[0], site, '.includes()');
      return boolToken(call('has', needle.expr, call('list', ...self.map((x) => lit(x as string)))));
    }
    if (symbolicArg && typeof self === 'string' && Object.hasOwn(STRING_METHODS, name)) {
      const a = args.map((x) => comparable(x, site, `.${name}()`).expr);
      const r = STRING_METHODS[name](lit(self), a);
      return registerToken(r.expr, r.type);
    }
    if (name === 'concat' && Array.isArray(self) && args.some((a) => symbolicNode(a)?.type === 'array' || renderTimeList(a))) return concatLists(self, args);
    if (symbolicArg && !['map', 'flatMap', 'push', 'concat'].includes(name)) {
      throw new ChartSourceError(site[0], site[1], `.${name}() with an argument known only when Helm renders cannot be traced`);
    }
    // The traced string methods follow Go on real text too (go-strings.ts), so both sides agree on non-ASCII.
    if (typeof self === 'string' && Object.hasOwn(GO_METHODS, name)) {
      // A random value (b.randAlphaNum(5)…, nondeterministic.ts): the case maps its shape; trim leaves it alone.
      if (hasWildcard(self)) return name === 'trim' ? self : caseWildcard(self, name === 'toLowerCase', GO_METHODS[name]);
      return GO_METHODS[name](self);
    }
    if (typeof self === 'string' && (name === 'slice' || name === 'substring') && isPrefix(args)) {
      return hasWildcard(self) ? truncWildcard(self, args[1] as number, goTrunc) : goTrunc(self, args[1] as number);
    }
    const random = [self, ...args].find(hasWildcard);
    if (random !== undefined) throw new ChartSourceError(site[0], site[1], wildcardUse(random, `.${name}()`).message);
    return (self as Record<string, (...a: unknown[]) => unknown>)[name](...args);
  }
  if (!info) {
    throw new ChartSourceError(site[0], site[1], `.${name}() on a value chosen by ?:, ??, || or && (or on a helper result) cannot be traced; `
      + `call it on each side (\`a ? x.${name}(…) : y.${name}(…)\`), or for a list that may be unset write \`(list ?? []).${name}(…)\``);
  }
  if (info.type === 'array' && name === 'includes') {
    const items = symbolicNode(self)?.schema.items as { type?: string } | undefined;
    const needle = comparable(args[0], site, '.includes()');
    if (items?.type !== 'string' && items?.type !== 'boolean') {
      throw new ChartSourceError(site[0], site[1], '.includes() is traced on lists of strings or booleans only (Helm compares numbers by their Go type)');
    }
    return boolToken(call('has', needle.expr, info.expr));
  }
  if (info.type === 'string' && (name === 'slice' || name === 'substring' || name === 'replaceAll' || name === 'split')) return stringMethod(info, name, args, site);
  if (name === 'toString' && args.length === 0 && (info.type === 'string' || numeric(info.type) || info.type === 'boolean')) {
    // `x.toString()` is `String(x)`: numbers printed as JavaScript prints them (`toJson`).
    if (info.optional) throw new ChartSourceError(site[0], site[1], `.toString() of ${describe(info)}, which may be unset (JavaScript throws); write String(x ?? '')`);
    return info.type === 'string' ? self : registerToken(asText(info), 'string');
  }
  if (info.type === 'string' && Object.hasOwn(STRING_METHODS, name)) {
    const a = args.map((x) => comparable(x, site, `.${name}()`).expr);
    const r = STRING_METHODS[name](info.expr, a);
    return registerToken(r.expr, r.type);
  }
  if (info.type === 'array' && name === 'join' && typeof args[0] === 'string') {
    const items = symbolicNode(self)?.schema.items as { type?: string } | undefined;
    if (items?.type !== 'string') throw new ChartSourceError(site[0], site[1], '.join() is traced on lists of strings only (Go prints numbers differently)');
    return registerToken(call('join', lit(args[0]), info.expr), 'string');
  }
  if (info.type === 'array' && name === 'filter' && typeof args[0] === 'function' && args.length === 1) {
    return filterList(self, args[0] as (item: unknown, index: unknown) => unknown, site);
  }
  if (info.type === 'array' && name === 'concat') return concatLists(self, args);
  if (info.type === 'array' && (name === 'map' || name === 'flatMap')) {
    return (self as Record<string, (...a: unknown[]) => unknown>)[name](...args);
  }
  throw new ChartSourceError(
    site[0],
    site[1],
    `.${name}() on ${describe(info)} cannot be traced into a template${ADVICE[name] ? `; ${ADVICE[name]}` : ''}`,
  );
}

/** `self.length` */
export function length(self: unknown, site: Site): number {
  if (renderTimeList(self)) {
    throw new ChartSourceError(site[0], site[1], '.length of a list made by .map() over values is known only when Helm renders; take the length of the values list itself');
  }
  const info = symbolic(self);
  if (!info) return (self as { length: number }).length;
  if (info.type === 'array') {
    const expr = info.optional ? call('len', call('default', call('list'), info.expr)) : call('len', info.expr);
    return registerToken(expr, 'integer') as unknown as number;
  }
  throw new ChartSourceError(
    site[0],
    site[1],
    `.length of ${describe(info)}: ${info.type === 'string' ? 'Go counts bytes where JavaScript counts UTF-16 units; compare the string itself, or use trunc()' : 'only lists have a traced length'}`,
  );
}

/** A template literal: `strings[0] + values[0] + strings[1] + …`. */
export function template(strings: string[], values: unknown[], site: Site): string {
  let out = strings[0];
  values.forEach((value, i) => {
    if (isMarker(value) || (symbolicNode(value) && !scalar(value))) {
      const info = symbolic(value);
      throw new ChartSourceError(
        site[0],
        site[1],
        info
          ? `${describe(info)} is a map or list and cannot be placed in a string; use one of its fields`
          : value instanceof CondMarker
            ? 'a conditional placed in a string must have a string (or number) in both branches'
            : 'a conditional object or map-valued helper cannot be placed in a string',
      );
    }
    const info = symbolic(value);
    // A boolean read from the values prints as true/false in Go's %v, as in JavaScript.
    const text = info && info.type === 'boolean' && symbolicNode(value) ? registerToken(info.expr, 'boolean') : value;
    out += `${text as string}${strings[i + 1]}`;
  });
  // A template literal is a string: `${flag}` alone is the text "true"/"false", `${n}` the number's text.
  const whole = exprOf(out);
  if (whole && whole.type !== 'string' && whole.expr.kind !== 'concat') return registerToken(asText(whole), 'string');
  return out;
}

/** `Object.entries(x)`: on a values map, a list whose `.map()` is a `range $key, $value`; concretely sorted by key, as Helm ranges. */
export function entries(value: unknown, site: Site): unknown {
  if (symbolicNode(value)) {
    try {
      return symbolicEntries(value);
    } catch (error) {
      throw new ChartSourceError(site[0], site[1], (error as Error).message.replace(/^.*?: (?=\.Values|\$)/, ''));
    }
  }
  if (isMarker(value)) throw new ChartSourceError(site[0], site[1], 'Object.entries() of a conditional object or helper result cannot be traced');
  return Object.entries(value as object).sort(([a], [b]) => goCompare(a, b));
}
