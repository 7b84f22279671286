/**
 * Matchers that interpret a value before comparing it: base64 Secret data
 * (`toHaveDecodedValue`) and Kubernetes resource quantities (`toHaveQuantity`).
 */
import { parseQuantity, QUANTITY_COMPARISONS, quantityHolds, type Quantity, type QuantityComparison } from '../quantity';
import { assertDocuments, pathOutcome, type Context, type Result } from './core';
import { typeName } from './value-matchers';

/** Strict standard base64, as Kubernetes decodes Secret `data` (Go's base64.StdEncoding). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes Secret data; a string saying why when `value` is not strict base64. */
export function decodeBase64(value: unknown): { text: string } | string {
  if (typeof value !== 'string') return `value is ${typeName(value)}, not a base64 string`;
  if (!BASE64.test(value)) return 'value is not valid base64 (standard alphabet, padded)';
  return { text: Buffer.from(value, 'base64').toString('utf8') };
}

export const decodedQuantityMatchers = {
  /** The base64 string at `path` (e.g. Secret `data.password`) decodes (UTF-8) to `expected`. */
  toHaveDecodedValue(this: Context, received: unknown, path: string, expected: unknown): Result {
    return assertDocuments(this, received, {
      matcher: 'toHaveDecodedValue', params: 'path, expected', path, expected,
      expectedText: `base64 of ${this.utils.printExpected(expected)}`,
      evaluate: (doc) => {
        const outcome = pathOutcome(doc, path, (v) => {
          const decoded = decodeBase64(v);
          return typeof decoded === 'string' ? decoded : this.equals(decoded.text, expected);
        });
        const decoded = decodeBase64(outcome.actual);
        if (outcome.actualText === undefined && typeof decoded !== 'string') {
          outcome.actualText = `${this.utils.printReceived(outcome.actual)}, decoded: ${this.utils.printReceived(decoded.text)}`;
        }
        return outcome;
      },
    });
  },

  /**
   * The quantity at `path` compares with `value` as Kubernetes compares quantities:
   * `toHaveQuantity('resources.limits.memory', '==', '1Gi')` passes for `1024Mi`, and
   * `toHaveQuantity('resources.requests.cpu', '<', 1)` for `500m`.
   */
  toHaveQuantity(this: Context, received: unknown, path: string, cmp: QuantityComparison, value: string | number): Result {
    if (!QUANTITY_COMPARISONS.includes(cmp)) {
      throw new Error(`toHaveQuantity: comparison ${JSON.stringify(cmp)} is not one of ${QUANTITY_COMPARISONS.join(' ')}`);
    }
    let expected: Quantity;
    try {
      expected = parseQuantity(value);
    } catch (error) {
      throw new Error(`toHaveQuantity: the expected value ${(error as Error).message}`);
    }
    return assertDocuments(this, received, {
      matcher: 'toHaveQuantity', params: 'path, cmp, value', path, expected: value,
      expectedText: `a quantity ${cmp} ${this.utils.printExpected(value)}`,
      evaluate: (doc) =>
        pathOutcome(doc, path, (v) => {
          try {
            return quantityHolds(parseQuantity(v), cmp, expected);
          } catch (error) {
            return (error as Error).message;
          }
        }),
    });
  },
};
