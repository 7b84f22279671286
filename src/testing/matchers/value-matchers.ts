/**
 * Path-based matchers (helm-unittest: equal, matchRegex, contains, exists, isNullOrEmpty,
 * isType, isSubset, lengthEqual, greaterOrEqual, lessOrEqual, isKind, isAPIVersion).
 * Each applies to one document, or to every document of a template output / render.
 */
import { assertDocuments, pathOutcome, type Context, type Result } from './core';
import { evaluatePath } from '../path';

export type ValueType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export function typeName(value: unknown): ValueType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'object' ? t : 'undefined';
}

/** Go's zero values, as helm-unittest's isNullOrEmpty: null, "", 0, false, [], {}. */
export function isNullOrEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** `actual` contains `subset` (objects: every key recursively; arrays: same length, element-wise). */
export function isSubset(ctx: Context, actual: unknown, subset: unknown): boolean {
  if (Array.isArray(subset)) {
    return Array.isArray(actual) && actual.length === subset.length && subset.every((s, i) => isSubset(ctx, actual[i], s));
  }
  if (subset !== null && typeof subset === 'object' && Object.getPrototypeOf(subset) === Object.prototype) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(subset).every(([k, v]) => Object.prototype.hasOwnProperty.call(a, k) && isSubset(ctx, a[k], v));
  }
  return ctx.equals(actual, subset);
}

function toRegExp(pattern: RegExp | string): RegExp {
  const re = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
  return new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
}

const notA = (what: string) => (value: unknown) => `value is ${typeName(value)}, not ${what}`;

export const valueMatchers = {
  /** helm-unittest `equal` (and `notEqual` with `.not`). Asymmetric matchers work as `expected`. */
  toHaveValue(this: Context, received: unknown, path: string, expected: unknown): Result {
    return assertDocuments(this, received, {
      matcher: 'toHaveValue', params: 'path, expected', path, expected, diff: true,
      evaluate: (doc) => pathOutcome(doc, path, (v) => this.equals(v, expected)),
    });
  },

  /** helm-unittest `matchRegex` / `notMatchRegex`. */
  toMatchValueRegex(this: Context, received: unknown, path: string, pattern: RegExp | string): Result {
    const re = toRegExp(pattern);
    return assertDocuments(this, received, {
      matcher: 'toMatchValueRegex', params: 'path, pattern', path, expected: re,
      evaluate: (doc) => pathOutcome(doc, path, (v) => (typeof v === 'string' ? re.test(v) : notA('a string')(v))),
    });
  },

  /** helm-unittest `contains` / `notContains`; `count` requires exactly that many equal items. */
  toContainValue(this: Context, received: unknown, path: string, item: unknown, options: { count?: number } = {}): Result {
    const times = options.count === undefined ? '' : ` exactly ${options.count} time(s)`;
    return assertDocuments(this, received, {
      matcher: 'toContainValue', params: 'path, item', path, expected: item,
      expectedText: `an array containing ${this.utils.printExpected(item)}${times}`,
      evaluate: (doc) =>
        pathOutcome(doc, path, (v) => {
          if (!Array.isArray(v)) return notA('an array')(v);
          const n = v.filter((e) => this.equals(e, item)).length;
          return options.count === undefined ? n > 0 : n === options.count;
        }),
    });
  },

  /** helm-unittest `exists` / `notExists`. */
  toHavePath(this: Context, received: unknown, path: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toHavePath', params: 'path', path, expected: undefined, expectedText: 'path to exist',
      evaluate: (doc) => {
        const matches = evaluatePath(doc, path);
        if (matches.length === 0) return { pass: false, notPass: true, actualText: '<path not found>' };
        const actual = matches.length === 1 ? matches[0].value : matches.map((m) => m.value);
        return { pass: true, notPass: false, actual, note: 'the path exists' };
      },
    });
  },

  /** helm-unittest `isNullOrEmpty` / `isNotNullOrEmpty`; a missing path counts as null. */
  toBeNullOrEmptyAt(this: Context, received: unknown, path: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toBeNullOrEmptyAt', params: 'path', path, expected: undefined,
      expectedText: 'null or empty (missing, null, "", 0, false, [], {})',
      evaluate: (doc) => pathOutcome(doc, path, isNullOrEmpty, { value: null }),
    });
  },

  /** helm-unittest `isType` / `isNotType`. */
  toHaveTypeAt(this: Context, received: unknown, path: string, type: ValueType): Result {
    return assertDocuments(this, received, {
      matcher: 'toHaveTypeAt', params: 'path, type', path, expected: type, expectedText: `type ${type}`,
      evaluate: (doc) => {
        const outcome = pathOutcome(doc, path, (v) => typeName(v) === type);
        if (outcome.actualText === undefined) outcome.actualText = `type ${typeName(outcome.actual)}: ${this.utils.printReceived(outcome.actual)}`;
        return outcome;
      },
    });
  },

  /** helm-unittest `isSubset` / `isNotSubset`. */
  toContainSubset(this: Context, received: unknown, path: string, subset: unknown): Result {
    return assertDocuments(this, received, {
      matcher: 'toContainSubset', params: 'path, subset', path, expected: subset, diff: true,
      evaluate: (doc) => pathOutcome(doc, path, (v) => isSubset(this, v, subset)),
    });
  },

  /** helm-unittest `lengthEqual` (arrays). */
  toHaveLengthAt(this: Context, received: unknown, path: string, length: number): Result {
    return assertDocuments(this, received, {
      matcher: 'toHaveLengthAt', params: 'path, length', path, expected: length, expectedText: `length ${length}`,
      evaluate: (doc) => {
        const outcome = pathOutcome(doc, path, (v) => (Array.isArray(v) ? v.length === length : notA('an array')(v)));
        if (Array.isArray(outcome.actual)) outcome.actualText = `length ${outcome.actual.length}: ${this.utils.printReceived(outcome.actual)}`;
        return outcome;
      },
    });
  },

  /** helm-unittest `greaterOrEqual` (numbers). */
  toBeGreaterOrEqualAt(this: Context, received: unknown, path: string, min: number): Result {
    return assertDocuments(this, received, {
      matcher: 'toBeGreaterOrEqualAt', params: 'path, min', path, expected: min, expectedText: `>= ${this.utils.printExpected(min)}`,
      evaluate: (doc) => pathOutcome(doc, path, (v) => (typeof v === 'number' ? v >= min : notA('a number')(v))),
    });
  },

  /** helm-unittest `lessOrEqual` (numbers). */
  toBeLessOrEqualAt(this: Context, received: unknown, path: string, max: number): Result {
    return assertDocuments(this, received, {
      matcher: 'toBeLessOrEqualAt', params: 'path, max', path, expected: max, expectedText: `<= ${this.utils.printExpected(max)}`,
      evaluate: (doc) => pathOutcome(doc, path, (v) => (typeof v === 'number' ? v <= max : notA('a number')(v))),
    });
  },

  /** helm-unittest `isKind`. */
  toBeKind(this: Context, received: unknown, kind: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toBeKind', params: 'kind', path: 'kind', expected: kind,
      evaluate: (doc) => pathOutcome(doc, 'kind', (v) => v === kind),
    });
  },

  /** helm-unittest `isAPIVersion`. */
  toHaveApiVersion(this: Context, received: unknown, apiVersion: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toHaveApiVersion', params: 'apiVersion', path: 'apiVersion', expected: apiVersion,
      evaluate: (doc) => pathOutcome(doc, 'apiVersion', (v) => v === apiVersion),
    });
  },
};
