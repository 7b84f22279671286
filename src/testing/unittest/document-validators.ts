/**
 * helm-unittest's document-level validators (pkg/unittest/validators/*.go, cited per function):
 * isKind, isAPIVersion, hasDocuments, containsDocument, lengthEqual, equalRaw, matchRegexRaw,
 * matchSnapshot, matchSnapshotRaw and failedTemplate.
 */
import { goRegExp } from './go-regexp';
import { patternOf } from './path-validators';
import { determineSuccess, RAW, uniformContent, validatePaths, valuesAt, type Manifest, type ValidateContext, type Verdict } from './validate-context';

type Params = Record<string, unknown>;

/** Every selected document, judged on its own; none fail the positive form (is_kind_validator.go pattern). */
function everyDocument(ctx: ValidateContext, judge: (m: Manifest) => boolean, describe: string, actual?: (m: Manifest) => string): Verdict {
  let success = false;
  const info: string[] = [];
  ctx.selected.forEach((m, i) => {
    const ok = judge(m) !== ctx.negative;
    if (!ok) info.push(`DocumentIndex: ${i}`, `Expected${ctx.negative ? ' NOT' : ''} ${describe}`, ...(actual ? [`Actual: ${actual(m)}`] : []));
    success = determineSuccess(i, success, ok);
  });
  if (ctx.selected.length === 0) {
    if (ctx.negative) success = true;
    else info.push(`Expected ${describe}`, 'Actual: no manifest found');
  }
  return { passed: success, info };
}

/** is_kind_validator.go / is_apiversion_validator.go: `kind` (`apiVersion`) is that string. */
export const isKind = (ctx: ValidateContext, p: Params): Verdict => everyDocument(ctx, (m) => m.kind === p.of, `to be kind ${String(p.of)}`);
export const isAPIVersion = (ctx: ValidateContext, p: Params): Verdict =>
  everyDocument(ctx, (m) => m.apiVersion === p.of, `to be apiVersion ${String(p.of)}`);

/** has_document_validator.go: counts every document of the template (the selection with `filterAware`). */
export function hasDocuments(ctx: ValidateContext, p: Params): Verdict {
  const n = p.filterAware === true ? ctx.selected.length : ctx.docs.length;
  const count = typeof p.count === 'number' ? p.count : 0;
  const passed = (n === count) !== ctx.negative;
  return { passed, info: passed ? [] : [`Expected${ctx.negative ? ' NOT' : ''} documents count to be: ${count}`, `Actual: ${n}`] };
}

/**
 * contains_document_validator.go: a document matches when its `kind` / `apiVersion` (if strings)
 * equal the given ones and `metadata.name` / `metadata.namespace` (if given) equal. Without
 * `any: true` every selected document must match; with it one is enough.
 */
export function containsDocument(ctx: ValidateContext, p: Params): Verdict {
  const matches = (m: Manifest): boolean =>
    !(typeof m.kind === 'string' && m.kind !== p.kind) &&
    !(typeof m.apiVersion === 'string' && m.apiVersion !== p.apiVersion) &&
    !(typeof p.name === 'string' && p.name !== '' && valuesAt(m, 'metadata.name')[0] !== p.name) &&
    !(typeof p.namespace === 'string' && p.namespace !== '' && valuesAt(m, 'metadata.namespace')[0] !== p.namespace);
  const describe = `to contain document ${[p.kind, p.apiVersion, p.name, p.namespace].filter(Boolean).join(', ')}`;
  let success = false;
  const info: string[] = [];
  for (const [i, m] of ctx.selected.entries()) {
    if (matches(m) === ctx.negative) {
      info.push(`DocumentIndex: ${i}`, `Expected${ctx.negative ? ' NOT' : ''} ${describe}`);
      success = determineSuccess(i, success, false);
      continue;
    }
    if ((p.any === true) !== ctx.negative) return { passed: true, info: [] };
    success = determineSuccess(i, success, true);
  }
  if (ctx.selected.length === 0) {
    if (ctx.negative) success = true;
    else info.push(`Expected ${describe}`, 'Actual: no manifest found');
  }
  return { passed: success, info };
}

/** length_equal_document_validator.go: the list at `path` has `count` items, or every list of `paths` has the same length. */
export function lengthEqual(ctx: ValidateContext, p: Params): Verdict {
  const count = Number.isInteger(p.count) ? (p.count as number) : undefined;
  const paths = Array.isArray(p.paths) ? (p.paths as string[]) : [];
  if (typeof p.path === 'string' && p.path !== '') {
    if (count === undefined || count < 0) return { passed: false, info: ["Error: 'count' field must be set if 'path' is used"] };
    if (paths.length > 0) return { passed: false, info: ["Error: 'paths' couldn't be used with 'path'"] };
    return validatePaths(ctx, p.path, (v) => (Array.isArray(v) ? v.length === count : `expect '${p.path as string}' to be an array`), `to match count ${count}`);
  }
  return everyDocument(ctx, (m) => {
    const lengths = [...paths].sort().map((path) => valuesAt(m, path).map((v) => (Array.isArray(v) ? v.length : -2)));
    const flat = lengths.map((l) => l[l.length - 1] ?? 0);
    return lengths.every((l) => l.length > 0 && l.every((n) => n >= 0)) && flat.every((n) => n === flat[0]);
  }, `lists ${paths.join(', ')} to have the same length`);
}

/** equal_raw_validator.go / match_regex_raw_validator.go: the raw text of the template (NOTES.txt). */
export const equalRaw = (ctx: ValidateContext, p: Params): Verdict =>
  everyDocument(ctx, (m) => uniformContent(m[RAW]) === p.value, `to equal ${JSON.stringify(p.value)}`, (m) => JSON.stringify(uniformContent(m[RAW])));
export function matchRegexRaw(ctx: ValidateContext, p: Params): Verdict {
  const re = patternOf(p.pattern);
  if (re === undefined) return { passed: false, info: ["Error: expected field 'pattern' to be filled"] };
  return everyDocument(ctx, (m) => re.test(uniformContent(m[RAW])), `to match ${String(p.pattern)}`, (m) => JSON.stringify(uniformContent(m[RAW])));
}

/** snapshot_validator.go: each value at `path` of each document is compared with the next snapshot of the test; no documents pass. */
export function matchSnapshot(ctx: ValidateContext, p: Params): Verdict {
  const pattern = (v: unknown): string | undefined => (typeof (v as Params)?.pattern === 'string' ? ((v as Params).pattern as string) : undefined);
  const options = { matchRegex: pattern(p.matchRegex), notMatchRegex: pattern(p.notMatchRegex) };
  if (ctx.selected.length === 0) return { passed: !ctx.negative, info: [] };
  const messages: string[] = [];
  const verdict = validatePaths(ctx, typeof p.path === 'string' ? p.path : '', (v) => {
    const r = ctx.snapshot.compare(v, options);
    if (r.message) messages.push(r.message);
    return r.passed;
  }, 'to match snapshot');
  return { passed: verdict.passed, info: [...verdict.info, ...messages] };
}

/** snapshot_raw_validator.go: the uniformed raw text is compared with the next snapshot. */
export function matchSnapshotRaw(ctx: ValidateContext): Verdict {
  if (ctx.selected.length === 0) return { passed: !ctx.negative, info: [] };
  return everyDocument(ctx, (m) => ctx.snapshot.compare(uniformContent(m[RAW])).passed, 'to match snapshot');
}

/**
 * failed_template_validator.go: `errorMessage` must equal, `errorPattern` (Go RE2; an invalid
 * pattern, or one that does not match but has regex metacharacters, is retried as a literal)
 * must match, the error as helm-unittest extracts it (render-error.ts). Without either, any
 * failure passes. The error is the one attributed to this template, else the whole render error.
 */
export function failedTemplate(ctx: ValidateContext, p: Params): Verdict {
  const message = typeof p.errorMessage === 'string' ? p.errorMessage : '';
  const jsPattern = p.errorPattern instanceof RegExp ? patternOf(p.errorPattern) : undefined;
  const pattern = jsPattern ? String(p.errorPattern) : typeof p.errorPattern === 'string' ? p.errorPattern : '';
  if (message !== '' && pattern !== '') return { passed: false, info: ["Error: single attribute 'errorMessage' or 'errorPattern' supported at the same time"] };
  /** Whether the assert holds (in its positive or negative form) for this error text. */
  const holds = (actual: string): boolean => {
    if (message !== '') return (actual === message) !== ctx.negative;
    if (pattern === '') return true;
    if (jsPattern) return jsPattern.test(actual) !== ctx.negative; // a JavaScript RegExp (toolkit matcher)
    let re: RegExp;
    try {
      re = goRegExp(pattern);
    } catch {
      return actual.includes(pattern) !== ctx.negative; // compilePattern: an invalid pattern is quoted
    }
    if (re.test(actual) !== ctx.negative) return true;
    // handleMetaCharacters: a pattern with metacharacters is retried as a literal.
    return /[\\.+*?()|[\]{}^$]/.test(pattern) && actual.includes(pattern) !== ctx.negative;
  };
  const fail = (actual: string): Verdict => ({ passed: false, info: [`Expected${ctx.negative ? ' NOT' : ''} to ${message ? 'equal' : 'match'}: ${message || pattern}`, `Actual: ${actual}`] });
  if (ctx.renderError !== undefined) return holds(ctx.renderError) ? { passed: true, info: [] } : fail(ctx.renderError);
  let success = true;
  const info: string[] = [];
  ctx.selected.forEach((m, i) => {
    if (message === '' && pattern === '' && !ctx.negative) return;
    const actual = typeof m[RAW] === 'string' ? (m[RAW] as string) : undefined;
    const ok = actual !== undefined ? holds(actual) : ctx.negative || (message === '' && pattern === '');
    if (!ok) info.push(...fail(actual ?? '(a rendered document)').info);
    success = determineSuccess(i, success, ok);
  });
  if (ctx.selected.length === 0 && !ctx.negative) return { passed: false, info: ['Expected to fail', 'Actual: No failed document'] };
  return { passed: success, info };
}
