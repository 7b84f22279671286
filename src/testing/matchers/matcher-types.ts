/** Type declarations of the chart matchers for `expect(...)` (global Jest types and `@jest/globals`). */
import type { QuantityComparison } from '../quantity';
import type { DocumentSelector } from '../types';
import type { ChartSnapshotOptions } from './snapshot-matcher';
import type { GoTypeName } from './unittest-matchers';
import type { ValueType } from './value-matchers';

/** `R` is the matcher result (`void` or `Promise<void>`), `T` the type of the received value. */
export interface ChartMatchers<R, T = unknown> {
  // helm-unittest's asserts, with exactly their meaning (unittest-matchers.ts; `.not` is `not: true`).
  /** helm-unittest `equal` (`.not`: `notEqual`). */
  toHaveValue(path: string, value: unknown, options?: { decodeBase64?: boolean }): R;
  /** helm-unittest `matchRegex` (`.not`: `notMatchRegex`); a string pattern is Go RE2. */
  toMatchValueRegex(path: string, pattern: RegExp | string, options?: { decodeBase64?: boolean }): R;
  /** helm-unittest `contains` (`.not`: `notContains`). */
  toContainValue(path: string, content: unknown, options?: { count?: number; any?: boolean }): R;
  /** helm-unittest `exists` (`.not`: `notExists`). */
  toHavePath(path: string): R;
  /** helm-unittest `isNullOrEmpty` (`.not`: `isNotNullOrEmpty`). */
  toBeNullOrEmptyAt(path: string): R;
  /** helm-unittest `isType` (`.not`: `isNotType`), Go type names. */
  toHaveTypeAt(path: string, type: GoTypeName): R;
  /** helm-unittest `isSubset` (`.not`: `isNotSubset`): top-level keys compared exactly. */
  toContainSubset(path: string, content: Record<string, unknown>): R;
  /** helm-unittest `lengthEqual` (`.not`: `notLengthEqual`). */
  toHaveLengthAt(path: string, count: number): R;
  /** helm-unittest `greaterOrEqual` (`.not` refused). */
  toBeGreaterOrEqualAt(path: string, value: number | string): R;
  /** helm-unittest `lessOrEqual` (`.not`: `notLessOrEqual`). */
  toBeLessOrEqualAt(path: string, value: number | string): R;
  /** helm-unittest `isKind`. */
  toBeKind(kind: string): R;
  /** helm-unittest `isAPIVersion`. */
  toHaveApiVersion(apiVersion: string): R;
  /** helm-unittest `hasDocuments`: each template has `count` documents. */
  toHaveDocuments(count: number): R;
  /** helm-unittest `containsDocument`: every document (`any`: one) of each template matches. */
  toContainDocument(selector: DocumentSelector & { kind: string; apiVersion: string }, options?: { any?: boolean }): R;
  /** helm-unittest `equalRaw` (on NOTES); returns a promise to await when `received` is one (`out.notes`). */
  toEqualRaw(value: string): RawResult<R, T>;
  /** helm-unittest `matchRegexRaw` (`.not`: `notMatchRegexRaw`); a promise to await when `received` is one. */
  toMatchRaw(pattern: RegExp | string): RawResult<R, T>;
  /** helm-unittest `failedTemplate` (`.not`: `notFailedTemplate`); `received` is the render promise. Always await. */
  toFailTemplate(expected?: { errorMessage?: string; errorPattern?: string | RegExp }): Promise<R>;

  // The toolkit's own document-wise variants (value-matchers.ts): every document given, a missing
  // path fails both forms, an empty set fails both forms, Jest equality.
  toEachHaveValue(path: string, expected: unknown): R;
  toEachMatchValueRegex(path: string, pattern: RegExp | string): R;
  toEachContainValue(path: string, item: unknown, options?: { count?: number }): R;
  toEachHavePath(path: string): R;
  /** A missing path counts as null. */
  toEachBeNullOrEmptyAt(path: string): R;
  toEachHaveTypeAt(path: string, type: ValueType): R;
  /** Recursive: objects key by key at every depth, arrays element-wise. */
  toEachContainSubset(path: string, subset: unknown): R;
  toEachHaveLengthAt(path: string, length: number): R;
  toEachBeGreaterOrEqualAt(path: string, min: number): R;
  toEachBeLessOrEqualAt(path: string, max: number): R;
  toEachBeKind(kind: string): R;
  toEachHaveApiVersion(apiVersion: string): R;
  /** The documents given number `count` (a render: all its documents). */
  toHaveDocumentCount(count: number): R;
  /** Some document given matches the selector. */
  toIncludeDocument(selector: DocumentSelector): R;
  /** A pattern or substring of helm's whole error output (also kubernetes-models schema violations). Always await. */
  toFailTemplateMatching(pattern?: RegExp | string): Promise<R>;
  /** The base64 string at `path` (Secret `data.x`) decodes, as UTF-8, to `expected`. */
  toHaveDecodedValue(path: string, expected: unknown): R;
  /** The Kubernetes quantity at `path` compares with `value` (`'500m'`, `'1Gi'`, `1`) by `cmp`. */
  toHaveQuantity(path: string, cmp: QuantityComparison, value: string | number): R;
  /** Jest snapshots of the documents (not helm-unittest's snapshot files). */
  toMatchChartSnapshot(options?: ChartSnapshotOptions): R;
}

/** Raw matchers on a promise (e.g. `out.notes`) must be awaited. */
export type RawResult<R, T> = T extends PromiseLike<unknown> ? Promise<R> : R;

declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends ChartMatchers<R, T> {}
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends ChartMatchers<R, T> {}
}
