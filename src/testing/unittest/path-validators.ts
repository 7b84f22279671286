/**
 * helm-unittest's path validators, one function each, with the semantics of
 * pkg/unittest/validators/<name>_validator.go (cited per function). `params` are the assert's
 * YAML parameters as decoded by yaml.v3.
 */
import { goRegExp } from './go-regexp';
import { isGoFloat } from './go-yaml-v3';
import { deepEqual, uniformContent, validatePaths, type ValidateContext, type ValueOutcome, type Verdict } from './validate-context';

type Params = Record<string, unknown>;
const pathOf = (p: Params): string => (typeof p.path === 'string' ? p.path : '');
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isGoFloat(v);

/** Go's `base64.StdEncoding.DecodeString` (strict: padding required, no whitespace). */
function decodeBase64(s: string): string | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return undefined;
  return Buffer.from(s, 'base64').toString('utf8');
}

/** equal_validator.go `validateSingleActual`: strings are base64-decoded (decodeBase64) and uniformed. */
export function equal(ctx: ValidateContext, p: Params): Verdict {
  return validatePaths(ctx, pathOf(p), (actual): ValueOutcome => {
    let value = actual;
    if (typeof value === 'string') {
      let s: string | undefined = value;
      if (p.decodeBase64 === true) s = decodeBase64(s);
      if (s === undefined) return `unable to decode base64 expected content ${String(actual)}`;
      value = uniformContent(s);
    }
    return deepEqual(p.value, value);
  }, `to equal ${JSON.stringify(p.value)}`);
}

/** match_regex_validator.go: the value must be a string (decodeBase64 optional); Go RE2 pattern. */
export function matchRegex(ctx: ValidateContext, p: Params): Verdict {
  const re = patternOf(p.pattern);
  if (re === undefined) return { passed: false, info: ["Error: expected field 'pattern' to be filled"] };
  return validatePaths(ctx, pathOf(p), (actual): ValueOutcome => {
    if (typeof actual !== 'string') return `expect '${pathOf(p)}' to be a string, got: ${JSON.stringify(actual)}`;
    const s = p.decodeBase64 === true ? decodeBase64(actual) : actual;
    if (s === undefined) return `unable to decode base64 expected content ${actual}`;
    return re.test(s);
  }, `to match ${String(p.pattern)}`);
}

/** A `pattern` parameter: a Go RE2 string, or a JavaScript RegExp (toolkit matchers only); undefined when empty. */
export function patternOf(pattern: unknown): RegExp | undefined {
  if (pattern instanceof RegExp) return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return typeof pattern === 'string' && pattern !== '' ? goRegExp(pattern) : undefined;
}

/** common.go `validateSubset`: every top-level key of `content` deep-equals the same key of `actual`. */
export function validateSubset(actual: Record<string, unknown>, content: Record<string, unknown>): boolean {
  return Object.keys(content).every((k) => deepEqual(actual[k], content[k]));
}

/** is_subset_validator.go: both sides must be maps; each top-level key of `content` is compared exactly. */
export function isSubset(ctx: ValidateContext, p: Params): Verdict {
  return validatePaths(ctx, pathOf(p), (actual): ValueOutcome => {
    if (!isMap(actual) || !isMap(p.content)) return `expect '${pathOf(p)}' to be an object, got: ${JSON.stringify(actual)}`;
    return validateSubset(actual, p.content);
  }, `to contain ${JSON.stringify(p.content)}`);
}

/**
 * contains_validator.go: the value must be a list. An item counts when it deep-equals `content`,
 * or (with `any: true`, both maps) when it is a `validateSubset` match. With `count`, exactly
 * that many items must count.
 */
export function contains(ctx: ValidateContext, p: Params): Verdict {
  const count = Number.isInteger(p.count) ? (p.count as number) : undefined;
  return validatePaths(ctx, pathOf(p), (actual): ValueOutcome => {
    if (!Array.isArray(actual)) return `expect '${pathOf(p)}' to be an array, got: ${JSON.stringify(actual)}`;
    let found = 0;
    for (const item of actual) {
      const mapPair = isMap(item) && isMap(p.content);
      if (p.any === true && mapPair && validateSubset(item, p.content as Record<string, unknown>)) found++;
      if ((p.any !== true || !mapPair) && deepEqual(item, p.content)) found++;
    }
    return count === undefined ? found > 0 : found > 0 && found === count;
  }, `to contain ${JSON.stringify(p.content)}${count === undefined ? '' : ` ${count} time(s)`}`);
}

/** is_nullorempty_validator.go: Go's zero value or an empty list/map (null, "", 0, false, [], {}). */
export function isNullOrEmpty(ctx: ValidateContext, p: Params): Verdict {
  return validatePaths(ctx, pathOf(p), (v) => {
    if (v === null || v === undefined) return true;
    if (isGoFloat(v)) return v.valueOf() === 0;
    if (Array.isArray(v)) return v.length === 0;
    if (typeof v === 'object') return Object.keys(v).length === 0;
    return v === '' || v === 0 || v === false;
  }, 'to be null or empty');
}

/**
 * is_type_validator.go compares Go's `reflect.TypeOf(value).String()`: an integral number is
 * `int`, a non-integral one or a boxed float (`1.0`, go-yaml-v3.ts) `float64`.
 */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (isGoFloat(v)) return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

export function isType(ctx: ValidateContext, p: Params): Verdict {
  return validatePaths(ctx, pathOf(p), (v) => goTypeName(v) === p.type, `to be of type ${String(p.type)}`);
}

/**
 * operator_validator.go (greaterOrEqual / lessOrEqual): value and expected must have the same type
 * (string or number); strings compare by bytes. Reproduced as written, including its precedence:
 * `(greater && a >= e) || (less && a <= e) == negative`, which makes the negated forms
 * (`notGreaterOrEqual`, `notLessOrEqual`) pass whenever the types match.
 */
export function compare(kind: 'greater' | 'less') {
  return (ctx: ValidateContext, p: Params): Verdict =>
    validatePaths(ctx, pathOf(p), (actual): ValueOutcome => {
      const expected = p.value;
      if (goTypeName(actual) !== goTypeName(expected)) return `actual '${goTypeName(actual)}' and expected '${goTypeName(expected)}' types do not match`;
      if (!['int', 'float64', 'string'].includes(goTypeName(expected))) return `unsupported type '${goTypeName(expected)}'`;
      const a = (isGoFloat(actual) ? actual.valueOf() : actual) as number | string;
      const e = (isGoFloat(expected) ? expected.valueOf() : expected) as number | string;
      const negative = !ctx.negative;
      return (kind === 'greater' && a >= e) || ((kind === 'less' && a <= e) === negative);
    }, `to be ${kind} then or equal to ${JSON.stringify(p.value)}`, false);
}

/** exists_validator.go: the path selects something (`notExists`, `isNull` negate it). */
export function exists(ctx: ValidateContext, p: Params): Verdict {
  return validatePaths(ctx, pathOf(p), () => true, 'to exist');
}
