/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1.5e3`), parsed exactly as apimachinery's
 * `resource.ParseQuantity` reads them and compared with exact (BigInt) arithmetic:
 *
 *   <quantity>        ::= <signedNumber><suffix>
 *   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
 *   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>   (an integer exponent)
 *   <signedNumber>    ::= <number> | <sign><number>
 *   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <sign>            ::= "+" | "-"
 *
 * Like apimachinery's parser (and its tests, pkg/api/resource/quantity_test.go): `n` and `u` are
 * accepted though the grammar comment omits them, a lone `.` is zero, values are rounded up (away
 * from zero) to a multiple of 1n (`3.001n` is `4n`), and magnitudes saturate at 2^63-1.
 * There is no npm library implementing this grammar with exact arithmetic, so this is a small
 * parser following it literally. A YAML number (`cpu: 1`, `cpu: 0.5`) is read through its
 * decimal text, as Kubernetes reads a JSON number into a Quantity.
 */

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d*)(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;
const MAX_EXPONENT = 4096;
const NANO = 10n ** 9n;
const MAX_NANOS = (2n ** 63n - 1n) * NANO;

/** A quantity as Kubernetes stores it: `num / den`, with `den` = 10^9 (nano precision). */
export interface Quantity {
  num: bigint;
  den: bigint;
  /** The text it was parsed from. */
  text: string;
}

/** Parses a quantity; throws an Error saying what is wrong when `value` is not one. */
export function parseQuantity(value: unknown): Quantity {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') throw new Error(`${JSON.stringify(value)} is not a quantity (a string or number)`);
  const m = QUANTITY.exec(text);
  if (!m) throw new Error(`${JSON.stringify(text)} is not a quantity: expected a number such as 500m, 1.5, 1Gi or 1e3`);
  const [, sign, number, suffix] = m;
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in BINARY) exp2 = BINARY[suffix];
  else if (suffix in DECIMAL) exp10 = DECIMAL[suffix];
  else {
    const e = EXPONENT.exec(suffix);
    if (!e) {
      throw new Error(
        `${JSON.stringify(text)} is not a quantity: unknown suffix ${JSON.stringify(suffix)} ` +
          '(use Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or an exponent such as e3)',
      );
    }
    exp10 = Number(e[1]);
    if (Math.abs(exp10) > MAX_EXPONENT) throw new Error(`${JSON.stringify(text)}: exponent out of range`);
  }
  const [whole, fraction = ''] = number.split('.');
  let num = BigInt(`${whole || '0'}${fraction}`) * 2n ** BigInt(exp2);
  exp10 -= fraction.length;
  let den = 1n;
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den = 10n ** BigInt(-exp10);
  // Kubernetes keeps nano precision, rounding up (away from zero), and saturates at 2^63-1.
  const scaled = num * NANO;
  let nanos = scaled / den + (scaled % den === 0n ? 0n : 1n);
  if (nanos > MAX_NANOS) nanos = MAX_NANOS;
  return { num: sign === '-' ? -nanos : nanos, den: NANO, text };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export type QuantityComparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

export const QUANTITY_COMPARISONS: readonly QuantityComparison[] = ['==', '!=', '<', '<=', '>', '>='];

/** Whether `a cmp b` holds. */
export function quantityHolds(a: Quantity, cmp: QuantityComparison, b: Quantity): boolean {
  const c = compareQuantities(a, b);
  switch (cmp) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}
