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
import { exprOf, registerToken } from './symbolic';
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

/** Go's `json.Marshal`: keys sorted by bytes, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: unknown): string {
  // Written out key by key: a JavaScript object would list integer-like keys ("9", "10") first again.
  const write = (input: unknown): string | undefined => {
    const v = input && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function' ? (input as { toJSON(): unknown }).toJSON() : input;
    if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? 'null').join(',')}]`;
    if (v && typeof v === 'object') {
      const fields = Object.keys(v).sort(goCompare).flatMap((k) => {
        const text = write((v as Record<string, unknown>)[k]);
        return text === undefined ? [] : [`${JSON.stringify(k)}:${text}`];
      });
      return `{${fields.join(',')}}`;
    }
    return JSON.stringify(v) as string | undefined;
  };
  return (write(value) ?? 'null').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** `toJson` of a values map or list (or a literal one), as a string. */
export function toJson(value: unknown): string {
  const info = exprOf(value);
  if (info) return registerToken({ kind: 'call', fn: 'toJson', args: [info.expr] }, 'string') as unknown as string;
  return goJson(value);
}
