/**
 * The document-wise path matchers (`toEach…`): the toolkit's own variants of helm-unittest's equal,
 * matchRegex, contains, exists, isNullOrEmpty, isType, isSubset, lengthEqual, greaterOrEqual,
 * lessOrEqual, isKind and isAPIVersion (whose exact forms are unittest-matchers.ts). Each applies
 * to one document or to every document given (a render: all its documents, not per template); a
 * missing path fails both forms (a misspelt path never passes `.not`), an empty set fails both
 * forms, equality is Jest's `equals` (asymmetric matchers anywhere), `toEachContainSubset`
 * recurses and `toEachBeNullOrEmptyAt` counts a missing path as null.
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
  /** Document-wise `equal` (and `notEqual` with `.not`). Asymmetric matchers work as `expected`. */
  toEachHaveValue(this: Context, received: unknown, path: string, expected: unknown): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachHaveValue', params: 'path, expected', path, expected, diff: true,
      evaluate: (doc) => pathOutcome(doc, path, (v) => this.equals(v, expected)),
    });
  },

  /** Document-wise `matchRegex` / `notMatchRegex`. */
  toEachMatchValueRegex(this: Context, received: unknown, path: string, pattern: RegExp | string): Result {
    const re = toRegExp(pattern);
    return assertDocuments(this, received, {
      matcher: 'toEachMatchValueRegex', params: 'path, pattern', path, expected: re,
      evaluate: (doc) => pathOutcome(doc, path, (v) => (typeof v === 'string' ? re.test(v) : notA('a string')(v))),
    });
  },

  /** Document-wise `contains` / `notContains`; `count` requires exactly that many equal items. */
  toEachContainValue(this: Context, received: unknown, path: string, item: unknown, options: { count?: number } = {}): Result {
    const times = options.count === undefined ? '' : ` exactly ${options.count} time(s)`;
    return assertDocuments(this, received, {
      matcher: 'toEachContainValue', params: 'path, item', path, expected: item,
      expectedText: `an array containing ${this.utils.printExpected(item)}${times}`,
      evaluate: (doc) =>
        pathOutcome(doc, path, (v) => {
          if (!Array.isArray(v)) return notA('an array')(v);
          const n = v.filter((e) => this.equals(e, item)).length;
          return options.count === undefined ? n > 0 : n === options.count;
        }),
    });
  },

  /** Document-wise `exists` / `notExists`. */
  toEachHavePath(this: Context, received: unknown, path: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachHavePath', params: 'path', path, expected: undefined, expectedText: 'path to exist',
      evaluate: (doc) => {
        const matches = evaluatePath(doc, path);
        if (matches.length === 0) return { pass: false, notPass: true, actualText: '<path not found>' };
        const actual = matches.length === 1 ? matches[0].value : matches.map((m) => m.value);
        return { pass: true, notPass: false, actual, note: 'the path exists' };
      },
    });
  },

  /** Document-wise `isNullOrEmpty` / `isNotNullOrEmpty`; a missing path counts as null. */
  toEachBeNullOrEmptyAt(this: Context, received: unknown, path: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachBeNullOrEmptyAt', params: 'path', path, expected: undefined,
      expectedText: 'null or empty (missing, null, "", 0, false, [], {})',
      evaluate: (doc) => pathOutcome(doc, path, isNullOrEmpty, { value: null }),
    });
  },

  /** Document-wise `isType` / `isNotType`. */
  toEachHaveTypeAt(this: Context, received: unknown, path: string, type: ValueType): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachHaveTypeAt', params: 'path, type', path, expected: type, expectedText: `type ${type}`,
      evaluate: (doc) => {
        const outcome = pathOutcome(doc, path, (v) => typeName(v) === type);
        if (outcome.actualText === undefined) outcome.actualText = `type ${typeName(outcome.actual)}: ${this.utils.printReceived(outcome.actual)}`;
        return outcome;
      },
    });
  },

  /** Document-wise `isSubset` / `isNotSubset`. */
  toEachContainSubset(this: Context, received: unknown, path: string, subset: unknown): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachContainSubset', params: 'path, subset', path, expected: subset, diff: true,
      evaluate: (doc) => pathOutcome(doc, path, (v) => isSubset(this, v, subset)),
    });
  },

  /** Document-wise `lengthEqual` (arrays). */
  toEachHaveLengthAt(this: Context, received: unknown, path: string, length: number): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachHaveLengthAt', params: 'path, length', path, expected: length, expectedText: `length ${length}`,
      evaluate: (doc) => {
        const outcome = pathOutcome(doc, path, (v) => (Array.isArray(v) ? v.length === length : notA('an array')(v)));
        if (Array.isArray(outcome.actual)) outcome.actualText = `length ${outcome.actual.length}: ${this.utils.printReceived(outcome.actual)}`;
        return outcome;
      },
    });
  },

  /** Document-wise `greaterOrEqual` (numbers). */
  toEachBeGreaterOrEqualAt(this: Context, received: unknown, path: string, min: number): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachBeGreaterOrEqualAt', params: 'path, min', path, expected: min, expectedText: `>= ${this.utils.printExpected(min)}`,
      evaluate: (doc) => pathOutcome(doc, path, (v) => (typeof v === 'number' ? v >= min : notA('a number')(v))),
    });
  },

  /** Document-wise `lessOrEqual` (numbers). */
  toEachBeLessOrEqualAt(this: Context, received: unknown, path: string, max: number): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachBeLessOrEqualAt', params: 'path, max', path, expected: max, expectedText: `<= ${this.utils.printExpected(max)}`,
      evaluate: (doc) => pathOutcome(doc, path, (v) => (typeof v === 'number' ? v <= max : notA('a number')(v))),
    });
  },

  /** Document-wise `isKind`. */
  toEachBeKind(this: Context, received: unknown, kind: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachBeKind', params: 'kind', path: 'kind', expected: kind,
      evaluate: (doc) => pathOutcome(doc, 'kind', (v) => v === kind),
    });
  },

  /** Document-wise `isAPIVersion`. */
  toEachHaveApiVersion(this: Context, received: unknown, apiVersion: string): Result {
    return assertDocuments(this, received, {
      matcher: 'toEachHaveApiVersion', params: 'apiVersion', path: 'apiVersion', expected: apiVersion,
      evaluate: (doc) => pathOutcome(doc, 'apiVersion', (v) => v === apiVersion),
    });
  },
};
