/**
 * The matchers named after helm-unittest's asserts, with exactly their meaning: each one is judged
 * by the helm-unittest runner's own validator (src/testing/unittest: `ASSERT_TYPES`,
 * `judgeTemplates`), so the toolkit and `helmts test --unittest` share one implementation.
 *
 * What `received` stands for, in helm-unittest's terms:
 * - a render (`RenderResult`): a suite whose `templates` lists every manifest template the render
 *   ran (`out.fanOutTemplates`); an assert without `template:` checks each template on its own, and
 *   a template that rendered nothing fails the positive form;
 * - `out.template('templates/x.yaml')`: `template: x.yaml` (empty when x rendered nothing);
 * - any other array of documents: one group per source template (`documentSelector` with
 *   `matchMany`); an empty array is "no template selected" (`skipEmpty` makes it pass both forms);
 * - one document: `documentIndex` on its template.
 * `.not` is helm-unittest's `not: true` (or the `not…` assert type where one exists): a negated
 * path assert passes on a missing path and on no documents, as there.
 */
import { ChartRenderError, HelmRenderError } from '../errors';
import { describeDocument, documentInfo, groupLabel, groupTemplate, isSkipEmpty } from '../document-info';
import { RenderResult } from '../render-result';
import type { ChartDocument, DocumentSelector } from '../types';
import { ASSERT_TYPES } from '../unittest/assert-types';
import { judgeTemplates, type TemplateGroup } from '../unittest/assertion';
import { unittestRenderError } from '../unittest/render-error';
import { RAW, type Manifest, type SnapshotComparer } from '../unittest/validate-context';
import type { Context, Result } from './core';

/** Go type names helm-unittest's `isType` compares (`reflect.TypeOf(v).String()` of decoded YAML). */
export type GoTypeName = 'string' | 'int' | 'float64' | 'bool' | 'map[string]interface {}' | '[]interface {}';
const GO_TYPES: readonly string[] = ['string', 'int', 'float64', 'bool', 'map[string]interface {}', '[]interface {}'];

/** Toolkit matchers never compare snapshots through helm-unittest's snapshot files. */
const NO_SNAPSHOT: SnapshotComparer = { compare: () => ({ passed: false, message: 'no helm-unittest snapshot here' }) };

interface Scope {
  groups: TemplateGroup[];
  /** An empty skipEmpty selection: nothing to assert, both forms pass. */
  skip?: boolean;
}

const docs = (d: readonly ChartDocument[]): Manifest[] => d as unknown as Manifest[];

/** `received` as helm-unittest's templates and selections; a string says why it cannot be one. */
export function unittestScope(received: unknown): Scope | string {
  if (received instanceof RenderResult) {
    return {
      groups: received.fanOutTemplates.map((t) => {
        const of = docs(received.documents.filter((d) => documentInfo(d)?.template === t));
        return { template: t, rendered: of, selected: of };
      }),
    };
  }
  if (Array.isArray(received)) {
    const bad = received.findIndex((d) => d === null || typeof d !== 'object' || Array.isArray(d));
    if (bad >= 0) return `received[${bad}] is not a document`;
    const template = groupTemplate(received);
    if (template !== undefined) return { groups: [{ template, rendered: docs(received), selected: docs(received) }] };
    if (received.length === 0 && isSkipEmpty(received)) return { groups: [], skip: true };
    const byTemplate = new Map<string, Manifest[]>();
    for (const d of received as ChartDocument[]) {
      const t = documentInfo(d)?.template ?? groupLabel(received) ?? '(documents)';
      byTemplate.set(t, [...(byTemplate.get(t) ?? []), d as unknown as Manifest]);
    }
    return { groups: [...byTemplate].map(([t, of]) => ({ template: t, rendered: of, selected: of })) };
  }
  if (received !== null && typeof received === 'object') {
    const t = documentInfo(received)?.template ?? '(document)';
    return { groups: [{ template: t, rendered: [received as Manifest], selected: [received as Manifest] }] };
  }
  return `expected a render, an array of documents or a document, received ${received === null ? 'null' : typeof received}`;
}

/** helm-unittest's fail info, with `DocumentIndex: i` named as the document (`Kind/name (template)`). */
function describeInfo(info: string[], groups: TemplateGroup[]): string {
  let group: TemplateGroup | undefined = groups.length === 1 ? groups[0] : undefined;
  return info
    .map((line) => {
      const t = /^Template: (.*)$/.exec(line);
      if (t) group = groups.find((g) => g.template === t[1]);
      const d = /^DocumentIndex: (\d+)$/.exec(line);
      const doc = d && group?.selected[Number(d[1])];
      if (doc && RAW in doc) return '';
      return doc ? `Document: ${describeDocument(doc as unknown as ChartDocument)}` : line;
    })
    .filter((line) => line !== '')
    .join('\n');
}

export interface UnittestCall {
  matcher: string;
  /** Argument names for the hint, e.g. `path, value`. */
  args: string;
  /** The helm-unittest assert type of the positive form. */
  assert: string;
  params: Record<string, unknown>;
}

/** Runs helm-unittest assert `call.assert` (negated under `.not`) on `received`, as a Jest matcher result. */
export function unittestAssert(
  ctx: Context,
  received: unknown,
  call: UnittestCall,
  render?: { succeeded: boolean; error?: string },
  groups?: TemplateGroup[],
): Result {
  const hint = () => ctx.utils.matcherHint(call.matcher, 'received', call.args, { isNot: ctx.isNot, promise: ctx.promise });
  const scope: Scope | string = groups ? { groups } : render ? { groups: [] } : unittestScope(received);
  if (typeof scope === 'string') return { pass: !!ctx.isNot, message: () => `${hint()}\n\n${scope}` };
  if (scope.skip) return { pass: !ctx.isNot, message: () => `${hint()}\n\nNo document matched a skipEmpty selection; nothing was checked.` };
  const antonym = `not${call.assert[0].toUpperCase()}${call.assert.slice(1)}`;
  const typeName = ctx.isNot && ASSERT_TYPES[antonym] ? antonym : call.assert;
  const type = ASSERT_TYPES[typeName];
  const negative = (ctx.isNot === true && typeName === call.assert) !== type.antonym;
  const outcome = judgeTemplates(
    { type, params: call.params, negative, renderSucceed: render?.succeeded ?? true, renderError: render?.error, snapshot: NO_SNAPSHOT },
    scope.groups,
  );
  const shown = `helm-unittest \`${ctx.isNot && typeName === call.assert ? `not: true, ${typeName}` : typeName}\` ${JSON.stringify(call.params)}`;
  return {
    pass: ctx.isNot ? !outcome.passed : outcome.passed,
    message: () => `${hint()}\n\n${shown}\n${describeInfo(outcome.info, scope.groups) || '(the assert held)'}`,
  };
}

const path = (matcher: string, assert: string, args = 'path, value') => ({ matcher, assert, args });

export const unittestMatchers = {
  /** `equal` (`.not`: `notEqual`): every value at `path` equals `value` (reflect.DeepEqual; strings uniformed). */
  toHaveValue(this: Context, received: unknown, p: string, value: unknown, options: { decodeBase64?: boolean } = {}): Result {
    return unittestAssert(this, received, { ...path('toHaveValue', 'equal'), params: { path: p, value, ...options } });
  },
  /** `matchRegex` (`.not`: `notMatchRegex`); a string pattern is Go RE2, a RegExp JavaScript's. */
  toMatchValueRegex(this: Context, received: unknown, p: string, pattern: RegExp | string, options: { decodeBase64?: boolean } = {}): Result {
    return unittestAssert(this, received, { ...path('toMatchValueRegex', 'matchRegex', 'path, pattern'), params: { path: p, pattern, ...options } });
  },
  /** `contains` (`.not`: `notContains`): the list at `path` has an item equal to `content` (`any`: a map item with its keys). */
  toContainValue(this: Context, received: unknown, p: string, content: unknown, options: { count?: number; any?: boolean } = {}): Result {
    return unittestAssert(this, received, { ...path('toContainValue', 'contains', 'path, content'), params: { path: p, content, ...options } });
  },
  /** `exists` (`.not`: `notExists`). */
  toHavePath(this: Context, received: unknown, p: string): Result {
    return unittestAssert(this, received, { ...path('toHavePath', 'exists', 'path'), params: { path: p } });
  },
  /** `isNullOrEmpty` (`.not`: `isNotNullOrEmpty`): a missing path fails the positive form. */
  toBeNullOrEmptyAt(this: Context, received: unknown, p: string): Result {
    return unittestAssert(this, received, { ...path('toBeNullOrEmptyAt', 'isNullOrEmpty', 'path'), params: { path: p } });
  },
  /** `isType` (`.not`: `isNotType`), with helm-unittest's Go type names. */
  toHaveTypeAt(this: Context, received: unknown, p: string, type: GoTypeName): Result {
    if (!GO_TYPES.includes(type)) {
      throw new TypeError(`toHaveTypeAt takes helm-unittest's Go type names (${GO_TYPES.join(', ')}); got ${JSON.stringify(type)} (toEachHaveTypeAt takes string, number, boolean, object, array, null)`);
    }
    return unittestAssert(this, received, { ...path('toHaveTypeAt', 'isType', 'path, type'), params: { path: p, type } });
  },
  /** `isSubset` (`.not`: `isNotSubset`): each top-level key of `content` equals the map's (not recursive). */
  toContainSubset(this: Context, received: unknown, p: string, content: Record<string, unknown>): Result {
    return unittestAssert(this, received, { ...path('toContainSubset', 'isSubset', 'path, content'), params: { path: p, content } });
  },
  /** `lengthEqual` (`.not`: `notLengthEqual`). */
  toHaveLengthAt(this: Context, received: unknown, p: string, count: number): Result {
    return unittestAssert(this, received, { ...path('toHaveLengthAt', 'lengthEqual', 'path, count'), params: { path: p, count } });
  },
  /** `greaterOrEqual` (same Go type on both sides). `.not` is refused: helm-unittest's notGreaterOrEqual passes whenever the types match. */
  toBeGreaterOrEqualAt(this: Context, received: unknown, p: string, value: number | string): Result {
    if (this.isNot) {
      throw new Error('.not.toBeGreaterOrEqualAt is refused: helm-unittest\'s notGreaterOrEqual passes whenever the types match (operator_validator.go: `(greater && a >= e) || (less && a <= e) == negative`); use toBeLessOrEqualAt, or .not.toEachBeGreaterOrEqualAt');
    }
    return unittestAssert(this, received, { ...path('toBeGreaterOrEqualAt', 'greaterOrEqual'), params: { path: p, value } });
  },
  /** `lessOrEqual` (`.not`: `notLessOrEqual`, which holds when the value is greater). */
  toBeLessOrEqualAt(this: Context, received: unknown, p: string, value: number | string): Result {
    return unittestAssert(this, received, { ...path('toBeLessOrEqualAt', 'lessOrEqual'), params: { path: p, value } });
  },
  /** `isKind` (`.not`: `not: true`). */
  toBeKind(this: Context, received: unknown, of: string): Result {
    return unittestAssert(this, received, { matcher: 'toBeKind', args: 'kind', assert: 'isKind', params: { of } });
  },
  /** `isAPIVersion` (`.not`: `not: true`). */
  toHaveApiVersion(this: Context, received: unknown, of: string): Result {
    return unittestAssert(this, received, { matcher: 'toHaveApiVersion', args: 'apiVersion', assert: 'isAPIVersion', params: { of } });
  },
  /** `hasDocuments`: each template has `count` documents. */
  toHaveDocuments(this: Context, received: unknown, count: number): Result {
    return unittestAssert(this, received, { matcher: 'toHaveDocuments', args: 'count', assert: 'hasDocuments', params: { count } });
  },
  /** `containsDocument`: every document (`any: true`: one) of each template is that kind/apiVersion (and name/namespace). */
  toContainDocument(this: Context, received: unknown, selector: Required<Pick<DocumentSelector, 'kind' | 'apiVersion'>> & DocumentSelector, options: { any?: boolean } = {}): Result {
    if (typeof selector?.kind !== 'string' || typeof selector.apiVersion !== 'string') {
      throw new TypeError('toContainDocument needs kind and apiVersion (helm-unittest containsDocument compares both); toIncludeDocument takes any selector');
    }
    const { kind, apiVersion, name, namespace } = selector;
    return unittestAssert(this, received, { matcher: 'toContainDocument', args: 'selector', assert: 'containsDocument', params: { kind, apiVersion, name, namespace, ...options } });
  },
  /** `equalRaw` on raw text (`out.notes`): spaces before a newline and leading newlines are dropped first. */
  toEqualRaw(this: Context, received: unknown, value: string): Result | Promise<Result> {
    return raw(this, received, (text) => unittestAssert(this, undefined, { matcher: 'toEqualRaw', args: 'value', assert: 'equalRaw', params: { value } }, undefined, rawGroup(text)));
  },
  /** `matchRegexRaw` (`.not`: `notMatchRegexRaw`) on raw text; a string pattern is Go RE2. */
  toMatchRaw(this: Context, received: unknown, pattern: RegExp | string): Result | Promise<Result> {
    return raw(this, received, (text) => unittestAssert(this, undefined, { matcher: 'toMatchRaw', args: 'pattern', assert: 'matchRegexRaw', params: { pattern } }, undefined, rawGroup(text)));
  },
  /**
   * `failedTemplate` (`.not`: `notFailedTemplate`) on a render promise: `errorMessage` must equal
   * the error as helm-unittest extracts it (`fail "boom"` → `boom`), `errorPattern` match it (a
   * string is Go RE2 with helm-unittest's literal fallback); without either, any helm failure passes.
   */
  async toFailTemplate(this: Context, received: unknown, expected: { errorMessage?: string; errorPattern?: string | RegExp } = {}): Promise<Result> {
    if (typeof expected !== 'object' || expected === null || expected instanceof RegExp) {
      throw new TypeError('toFailTemplate takes { errorMessage } or { errorPattern } (helm-unittest failedTemplate); toFailTemplateMatching takes a pattern or substring of helm\'s whole error');
    }
    const call: UnittestCall = { matcher: 'toFailTemplate', args: 'expected', assert: 'failedTemplate', params: { ...expected } };
    const promise = typeof received === 'function' ? (received as () => unknown)() : received;
    if (promise === null || typeof (promise as PromiseLike<unknown>)?.then !== 'function') {
      return { pass: !!this.isNot, message: () => `toFailTemplate: not a promise of a render: ${this.utils.printReceived(received)}` };
    }
    let out: unknown;
    try {
      out = await promise;
    } catch (error) {
      if (!(error instanceof HelmRenderError)) {
        if (error instanceof ChartRenderError) throw new Error(`helm rendered the chart, but: ${error.message}`);
        throw error;
      }
      const extracted = unittestRenderError(error.stderr);
      if (extracted.file === undefined) return unittestAssert(this, undefined, call, { succeeded: false, error: extracted.text });
      const failed = [{ [RAW]: extracted.text }];
      return unittestAssert(this, [], call, { succeeded: false }, [{ template: extracted.file, rendered: failed, selected: failed }]);
    }
    return unittestAssert(this, out, call);
  },
};

/** Raw text as helm-unittest holds NOTES.txt: one template with one `{ raw }` document. */
function rawGroup(text: string): TemplateGroup[] {
  const doc = [{ [RAW]: text }];
  return [{ template: 'templates/NOTES.txt', rendered: doc, selected: doc }];
}

function raw(ctx: Context, received: unknown, judge: (text: string) => Result): Result | Promise<Result> {
  if (received !== null && typeof (received as PromiseLike<unknown>)?.then === 'function') return Promise.resolve(received).then((t) => raw(ctx, t, judge));
  if (typeof received !== 'string') return { pass: !!ctx.isNot, message: () => `expected raw text (a string or out.notes), received ${ctx.utils.printReceived(received)}` };
  return judge(received);
}
