/**
 * Helm's (sprig's) functions, typed: each runs concretely on real values and
 * becomes the Go function on symbolic ones, so it composes in template
 * literals, map values and conditions. (`trunc`, `replace`, `trimSuffix` are
 * in combinators.ts; `.includes`/`.startsWith`/`.toUpperCase()` and friends
 * are traced by the source transform.)
 */
import { createHash } from 'node:crypto';
import type { Expr, ValueType } from './expr';
import { goTruthy } from './go-truthy';
import { goCompare, goLower, goUpper } from './go-strings';
import { chartError } from '../language/chart-files';
import { CondMarker, IncludeMarker, RangeMarker, SpreadMarker, WhenMarker } from './markers';
import { exprOf, hasTokens, registerToken, symbolicEntries, symbolicNode } from './symbolic';
import { b64Wildcard, caseWildcard, hasWildcard, sha256Wildcard, wildcardUse } from './nondeterministic';

const lit = (value: string | number | boolean): Expr => ({ kind: 'lit', value });

function operand(value: unknown): Expr | undefined {
  const info = exprOf(value);
  if (info) return info.expr;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return lit(value);
  return undefined;
}

/** The shape of a string function's result on a random value (nondeterministic.ts); booleans of one stop the render. */
const WILDCARD_SHAPES: Record<string, (text: string) => string> = {
  upper: (t) => caseWildcard(t, false, goUpper),
  lower: (t) => caseWildcard(t, true, goLower),
  b64enc: b64Wildcard,
  sha256sum: sha256Wildcard,
};

function apply<T>(fn: string, type: ValueType, args: unknown[], concrete: () => T): T {
  if (!args.some((a) => exprOf(a))) {
    const random = args.find(hasWildcard);
    if (random === undefined) return concrete();
    const shape = WILDCARD_SHAPES[fn];
    if (!shape || args.length !== 1) throw wildcardUse(random, `${fn}()`);
    return shape(random) as T;
  }
  const exprs = args.map((a) => {
    const e = operand(a);
    if (!e) throw new Error(`${fn}: every argument must be a string, number or boolean (or a value read from .Values)`);
    return e;
  });
  return registerToken({ kind: 'call', fn, args: exprs }, type) as unknown as T;
}

/** Helm's `default`: `value` unless it is empty (unset, `""`, `0`, `false`, `[]`, `{}`), else `fallback`. */
export function orDefault<T>(value: T | undefined | null, fallback: T): T {
  const info = exprOf(value);
  if (!info) return goTruthy(value) ? (value as T) : fallback;
  const f = operand(fallback);
  if (!f) throw new Error('orDefault: the fallback must be a string, number or boolean');
  return registerToken({ kind: 'call', fn: 'default', args: [f, info.expr] }, info.type) as unknown as T;
}

/** Helm's `required`: fails the render with `message` when `value` is unset or `""`. */
export function required<T>(value: T | undefined | null, message: string): T {
  const info = exprOf(value);
  if (!info) {
    if (value === undefined || value === null || value === '') throw new Error(message);
    return value;
  }
  return registerToken({ kind: 'call', fn: 'required', args: [lit(message), info.expr] }, info.type, false) as unknown as T;
}

/** `upper` */
export const upper = (text: string): string => apply('upper', 'string', [text], () => goUpper(text));
/** `lower` */
export const lower = (text: string): string => apply('lower', 'string', [text], () => goLower(text));
/** `b64enc`: base64 of the UTF-8 bytes (Secrets' `data`). */
export const b64enc = (text: string): string => apply('b64enc', 'string', [text], () => Buffer.from(text, 'utf8').toString('base64'));
/** `sha256sum`: hex SHA-256 of the UTF-8 bytes. */
export const sha256sum = (text: string): string =>
  apply('sha256sum', 'string', [text], () => createHash('sha256').update(text, 'utf8').digest('hex'));
/** `contains`: whether `text` contains `part`. */
export const contains = (part: string, text: string): boolean => apply('contains', 'boolean', [part, text], () => text.includes(part));
/** `hasPrefix` */
export const hasPrefix = (text: string, prefix: string): boolean => apply('hasPrefix', 'boolean', [prefix, text], () => text.startsWith(prefix));
/** `hasSuffix` */
export const hasSuffix = (text: string, suffix: string): boolean => apply('hasSuffix', 'boolean', [suffix, text], () => text.endsWith(suffix));

/**
 * Go's `json.Marshal`: map keys sorted by UTF-8 bytes, `<`, `>`, `&`, U+2028 and U+2029 escaped (a negative zero is `0`, as JSON.stringify writes it). Written out
 * here, not through an object rebuilt in sorted order: JavaScript would put integer-like keys (`"9"`, `"10"`)
 * first, in numeric order, where Go writes `"10"` before `"9"`.
 */
function goJson(value: unknown): string {
  const write = (input: unknown, key: string): string | undefined => {
    const v = input && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function' ? (input as { toJSON(k: string): unknown }).toJSON(key) : input;
    if (Array.isArray(v)) return `[${v.map((x, i) => write(x, String(i)) ?? 'null').join(',')}]`;
    if (v && typeof v === 'object') {
      const parts: string[] = [];
      for (const k of Object.keys(v).sort(goCompare)) {
        const x = write((v as Record<string, unknown>)[k], k);
        if (x !== undefined) parts.push(`${JSON.stringify(k)}:${x}`);
      }
      return `{${parts.join(',')}}`;
    }
    return JSON.stringify(v) as string | undefined;
  };
  return (write(value, '') ?? 'null').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Whether a literal map or list holds a value known only when Helm renders (or a conditional, a range …). */
function holdsSymbolic(value: unknown, seen = new Set<unknown>()): boolean {
  if (exprOf(value) || isMarker(value)) return true;
  if (!value || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((x) => holdsSymbolic(x, seen));
}

const isMarker = (v: unknown) => v instanceof CondMarker || v instanceof WhenMarker || v instanceof RangeMarker || v instanceof IncludeMarker || v instanceof SpreadMarker;

/**
 * A literal map or list holding values, as the Go value `toJson` prints as JSON.stringify would: `dict` and
 * `list` of the values' own expressions (so Go escapes them), keys JavaScript leaves out (undefined) left out.
 */
function jsonValue(input: unknown, key: string): Expr | undefined {
  const info = exprOf(input);
  if (info) {
    if (info.optional) {
      throw chartError(`toJson() of a literal holding ${describeValue(info.expr)}, which may be unset: JSON.stringify leaves an unset field out where Helm writes null; write \`x ?? ''\` (or a default of the field's type), or test it with ?: and call toJson() in each branch`);
    }
    // A number from the values that is -0.0 in Helm: JSON.stringify writes `0`, Go's json.Marshal `-0`.
    if (info.type === 'integer' || info.type === 'number') return { kind: 'call', fn: 'ternary', args: [lit(0), info.expr, { kind: 'call', fn: 'eq', args: [{ kind: 'call', fn: 'float64', args: [info.expr] }, { kind: 'call', fn: 'float64', args: [lit(0)] }] }] };
    return info.expr;
  }
  if (isMarker(input)) {
    throw chartError('toJson() of a literal holding a conditional, a helper result or a .map() over values cannot be traced; call toJson() in each branch of the ?:, or toJson() of the values list or map itself');
  }
  const v = input && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function' ? (input as { toJSON(k: string): unknown }).toJSON(key) : input;
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return { kind: 'lit', value: null };
  if (typeof v === 'string' || typeof v === 'boolean') return lit(v);
  // JSON.stringify writes a negative zero as `0`; so does the Go literal `0`.
  if (typeof v === 'number') return lit(Object.is(v, -0) ? 0 : v);
  if (typeof v === 'bigint') throw chartError('toJson() of a bigint: JSON.stringify refuses it');
  if (Array.isArray(v)) return { kind: 'call', fn: 'list', args: v.map((x, i) => jsonValue(x, String(i)) ?? { kind: 'lit', value: null }) };
  const args: Expr[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (hasTokens(k)) throw chartError('toJson() of a literal whose key is a value known only when Helm renders; build the map in the values');
    const e = jsonValue(x, k);
    if (e) args.push(lit(k), e);
  }
  return { kind: 'call', fn: 'dict', args };
}

function describeValue(e: Expr): string {
  if (e.kind !== 'ref') return 'a value known only when Helm renders';
  const head = e.root.type === 'values' ? '.Values' : e.root.type === 'builtin' ? `.${e.root.object}` : e.root.type === 'var' ? `$${e.root.name}` : '(…)';
  return `${[head, ...e.path].join('.')} (known only when Helm renders)`;
}

/** `toJson` of a values map or list, or of a literal one (which may hold values), as a string. */
export function toJson(value: unknown): string {
  const info = exprOf(value);
  if (info) return registerToken({ kind: 'call', fn: 'toJson', args: [info.expr] }, 'string') as unknown as string;
  if (holdsSymbolic(value)) return registerToken({ kind: 'call', fn: 'toJson', args: [jsonValue(value, '') ?? { kind: 'lit', value: null }] }, 'string') as unknown as string;
  return goJson(value);
}

/**
 * The entries of a map in the order Helm ranges over it: keys sorted as Go sorts strings (UTF-8 bytes, so
 * `'10'` before `'9'` before `'a'`). On a values map, `sortedEntries(map).map(([k, v]) => …)` is
 * `range $k, $v := map`; concretely the same sorted list. (`Object.entries` of a values map is refused:
 * JavaScript's order is another.)
 */
export function sortedEntries<T>(map: Readonly<Record<string, T>>): Array<[string, T]> {
  if (symbolicNode(map)) {
    const entries = symbolicEntries(map);
    if (!entries) throw chartError('sortedEntries() takes a map (Record<string, T>), not a list or a scalar');
    return entries as unknown as Array<[string, T]>;
  }
  if (exprOf(map) || isMarker(map)) throw chartError('sortedEntries() of a conditional object, a helper result or a scalar cannot be traced; give it a values map (Record<string, T>)');
  return Object.entries(map ?? {}).sort(([a], [b]) => goCompare(a, b));
}
