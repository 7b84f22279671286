/**
 * Go's string functions, for the concrete (TypeScript) run of the traced built-ins: where Go and JavaScript
 * differ on non-ASCII text, the concrete side follows Go, so both sides of a chart agree.
 *
 * - `upper`/`lower` (`.toUpperCase()`/`.toLowerCase()`): Go maps each code point by Unicode's simple case
 *   mapping (`ß`, `ﬁ` stay; `İ` lowers to `i`), JavaScript by the full one (`SS`, `FI`, `i̇`);
 * - `trim`: Go's `strings.TrimSpace` trims Unicode White_Space, NEL included, but not U+FEFF;
 * - `trunc`: sprig cuts UTF-8 bytes; a cut inside a character leaves bytes Helm's `quote` prints as `\xHH`,
 *   which YAML reads as U+00HH;
 * - `<`, key order: Go compares UTF-8 bytes, JavaScript UTF-16 units.
 */

function simpleCase(text: string, map: (c: string) => string): string {
  let out = '';
  for (const c of text) {
    const mapped = map(c);
    out += [...mapped].length === 1 ? mapped : c === '\u0130' && map === lowerOne ? 'i' : c;
  }
  return out;
}
const upperOne = (c: string) => c.toUpperCase();
const lowerOne = (c: string) => c.toLowerCase();

export const goUpper = (text: string): string => simpleCase(text, upperOne);
export const goLower = (text: string): string => simpleCase(text, lowerOne);

const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
export const goTrim = (text: string): string => text.replace(TRIM, '');

/** sprig's `trunc n`: the first n bytes of the UTF-8 text, as Helm prints and YAML reads them back. */
export function goTrunc(text: string, n: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (n < 0) return bytes.length + n > 0 ? decodeAsHelmPrints(bytes.subarray(bytes.length + n)) : text;
  return bytes.length > n ? decodeAsHelmPrints(bytes.subarray(0, n)) : text;
}

/** UTF-8 bytes as Go's `%q` then YAML give them back: valid characters as they are, a stray byte as U+00HH. */
function decodeAsHelmPrints(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    const chunk = size > 0 && i + size <= bytes.length ? Buffer.from(bytes.subarray(i, i + size)).toString('utf8') : '';
    if (chunk !== '' && !chunk.includes('\ufffd')) {
      out += chunk;
      i += size;
    } else {
      out += String.fromCharCode(b);
      i += 1;
    }
  }
  return out;
}

/** Go's `<` on strings: UTF-8 byte order (-1, 0, 1). */
export function goCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
