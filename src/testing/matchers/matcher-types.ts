/** Type declarations of the chart matchers for `expect(...)` (global Jest types and `@jest/globals`). */
import type { QuantityComparison } from '../quantity';
import type { DocumentSelector } from '../types';
import type { ChartSnapshotOptions } from './snapshot-matcher';
import type { ValueType } from './value-matchers';

/** `R` is the matcher result (`void` or `Promise<void>`), `T` the type of the received value. */
export interface ChartMatchers<R, T = unknown> {
  /** helm-unittest `equal` (`.not`: `notEqual`). */
  toHaveValue(path: string, expected: unknown): R;
  /** helm-unittest `matchRegex` (`.not`: `notMatchRegex`). */
  toMatchValueRegex(path: string, pattern: RegExp | string): R;
  /** helm-unittest `contains` (`.not`: `notContains`). */
  toContainValue(path: string, item: unknown, options?: { count?: number }): R;
  /** helm-unittest `exists` (`.not`: `notExists`). */
  toHavePath(path: string): R;
  /** helm-unittest `isNullOrEmpty` (`.not`: `isNotNullOrEmpty`). */
  toBeNullOrEmptyAt(path: string): R;
  /** helm-unittest `isType` (`.not`: `isNotType`). */
  toHaveTypeAt(path: string, type: ValueType): R;
  /** helm-unittest `isSubset` (`.not`: `isNotSubset`). */
  toContainSubset(path: string, subset: unknown): R;
  /** helm-unittest `lengthEqual`. */
  toHaveLengthAt(path: string, length: number): R;
  /** helm-unittest `greaterOrEqual`. */
  toBeGreaterOrEqualAt(path: string, min: number): R;
  /** helm-unittest `lessOrEqual`. */
  toBeLessOrEqualAt(path: string, max: number): R;
  /** The base64 string at `path` (Secret `data.x`) decodes, as UTF-8, to `expected`. */
  toHaveDecodedValue(path: string, expected: unknown): R;
  /** The Kubernetes quantity at `path` compares with `value` (`'500m'`, `'1Gi'`, `1`) by `cmp`. */
  toHaveQuantity(path: string, cmp: QuantityComparison, value: string | number): R;
  /** helm-unittest `isKind`. */
  toBeKind(kind: string): R;
  /** helm-unittest `isAPIVersion`. */
  toHaveApiVersion(apiVersion: string): R;
  /** helm-unittest `hasDocuments`. */
  toHaveDocuments(count: number): R;
  /** helm-unittest `containsDocument`. */
  toContainDocument(selector: DocumentSelector): R;
  /** helm-unittest `equalRaw` (on NOTES); returns a promise to await when `received` is one (`out.notes`). */
  toEqualRaw(expected: string): RawResult<R, T>;
  /** helm-unittest `matchRegexRaw` (`.not`: `notMatchRegexRaw`); a promise to await when `received` is one. */
  toMatchRaw(pattern: RegExp | string): RawResult<R, T>;
  /** helm-unittest `matchSnapshot`, through Jest's snapshots. */
  toMatchChartSnapshot(options?: ChartSnapshotOptions): R;
  /** helm-unittest `failedTemplate`; `received` is the render promise. Always await. */
  toFailTemplate(pattern?: RegExp | string): Promise<R>;
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
