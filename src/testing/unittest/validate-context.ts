/**
 * What a validator sees (helm-unittest pkg/unittest/validators/common.go `ValidateContext`) and
 * the helpers every validator shares: `determineSuccess` (the AND over documents and values) and
 * the per-document / per-value loop that most path validators repeat.
 */
import { findYamlPath } from './yaml-path';

/** One parsed document; a text template (NOTES.txt) or a render error is `{ [RAW]: text }`. */
export type Manifest = Record<string, unknown>;

/** helm-unittest's `common.RAW` key. */
export const RAW = 'raw';

export interface SnapshotComparer {
  /** Compares `content` with the next snapshot of the test (helm-unittest's ordered comparer). */
  compare(content: unknown, options?: { matchRegex?: string; notMatchRegex?: string }): { passed: boolean; message?: string };
}

export interface ValidateContext {
  /** Every document of the template. */
  docs: Manifest[];
  /** The documents `documentIndex` / `documentSelector` chose (else `docs`). */
  selected: Manifest[];
  negative: boolean;
  snapshot: SnapshotComparer;
  /** The error of a render that failed where helm-unittest could not attribute it to a template. */
  renderError?: string;
}

export interface Verdict {
  passed: boolean;
  info: string[];
}

/** helm-unittest's `determineSuccess`: the first result, then AND. */
export function determineSuccess(idx: number, original: boolean, value: boolean): boolean {
  return idx === 0 ? value : original && value;
}

/** helm-unittest's `GetValueOfSetPath`: `''` is the document itself; else every node the path selects (yaml-path.ts). */
export function valuesAt(manifest: Manifest, path: string): unknown[] {
  return findYamlPath(manifest, path);
}

interface Asymmetric { asymmetricMatch(other: unknown): boolean }
const asymmetric = (v: unknown): v is Asymmetric => typeof (v as Asymmetric | null)?.asymmetricMatch === 'function';

/**
 * Go's `reflect.DeepEqual` on decoded YAML (maps, lists, strings, numbers, booleans, nil): same
 * kind, maps with the same keys, lists of the same length, each element equal; `NaN` equals
 * nothing. A float64 with an integral value (`1.0`, decoded as a boxed `Number`, go-yaml-v3.ts)
 * differs from the int `1`, as in Go. A Jest asymmetric matcher (`expect.any(String)`) on either
 * side is asked instead (only toolkit matchers pass them).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (asymmetric(a)) return a.asymmetricMatch(b);
  if (asymmetric(b)) return b.asymmetricMatch(a);
  const x = a ?? null;
  const y = b ?? null;
  if (x instanceof Number || y instanceof Number) return x instanceof Number && y instanceof Number && x.valueOf() === y.valueOf();
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return x === y;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  }
  const xk = Object.keys(x);
  const yo = y as Record<string, unknown>;
  return xk.length === Object.keys(yo).length && xk.every((k) => Object.prototype.hasOwnProperty.call(yo, k) && deepEqual((x as Record<string, unknown>)[k], yo[k]));
}

/** helm-unittest's `uniformContent`: spaces before a newline dropped, leading newlines trimmed. */
export function uniformContent(content: unknown): string {
  return String(content).replace(/ +\r?\n/g, '\n').replace(/^\n+/, '');
}

/** Outcome of one selected value: true / false, or a string (a type error that fails both forms). */
export type ValueOutcome = boolean | string;

/**
 * The loop of the path validators (equal, isSubset, contains, isNullOrEmpty, isType, matchRegex,
 * greaterOrEqual/lessOrEqual): per document, a missing path fails the positive form and passes the
 * negative one; each selected value must hold (or, negated, not hold); no documents fail the
 * positive form and pass the negative one.
 */
export function validatePaths(
  ctx: ValidateContext,
  path: string,
  judge: (value: unknown) => ValueOutcome,
  describe: string,
  /** Whether a value's outcome is inverted by the negative form (all but operator_validator.go). */
  negate = true,
): Verdict {
  const manifests = ctx.selected;
  let success = false;
  const info: string[] = [];
  manifests.forEach((manifest, mi) => {
    let manifestSuccess: boolean;
    let actuals: unknown[];
    try {
      actuals = valuesAt(manifest, path);
    } catch (error) {
      info.push(`DocumentIndex: ${mi}`, `Error: ${(error as Error).message}`);
      success = determineSuccess(mi, success, false);
      return;
    }
    if (actuals.length === 0 && !ctx.negative) {
      info.push(`DocumentIndex: ${mi}`, `Error: unknown path ${path}`);
      success = determineSuccess(mi, success, false);
      return;
    }
    manifestSuccess = actuals.length === 0 && ctx.negative;
    actuals.forEach((actual, ai) => {
      const outcome = judge(actual);
      const single = typeof outcome === 'string' ? false : negate ? outcome !== ctx.negative : outcome;
      if (!single) {
        info.push(`DocumentIndex: ${mi}`, ...(actuals.length > 1 ? [`ValuesIndex: ${ai}`] : []), `Path: ${path}`,
          typeof outcome === 'string' ? `Error: ${outcome}` : `Expected${ctx.negative ? ' NOT' : ''} ${describe}`, `Actual: ${JSON.stringify(actual)}`);
      }
      manifestSuccess = determineSuccess(ai, manifestSuccess, single);
    });
    success = determineSuccess(mi, success, manifestSuccess);
  });
  if (manifests.length === 0) {
    if (!ctx.negative) info.push(`Path: ${path}`, `Expected ${describe}`, 'Actual: no manifest found');
    else success = true;
  }
  return { passed: success, info };
}
