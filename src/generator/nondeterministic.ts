/**
 * Sprig's nondeterministic functions (`randAlphaNum`, `randAlpha`, `randNumeric`, `randAscii`, `uuidv4`, `now`,
 * `date` of `now`, `unixEpoch` of `now`, `bcrypt`, `htpasswd`), typed on `BuiltIns`.
 *
 * - Emitted: the sprig call (`randAlphaNum 5`, `date "2006-01-02" now`).
 * - Concretely (the TypeScript render): a **wildcard** — a string that stands for every value of the function's
 *   shape. It is the text `\uE010helmts-wildcard-<id>\uE011`, and the id names the shape: a sequence of literal text
 *   and character classes with a length range (`randAlphaNum 5` is 5 of `[A-Za-z0-9]`; `uuidv4` is hex groups
 *   `8-4-4-4-12` with the version and variant digits; `date "2006-01-02" now` is 4, 2 and 2 digits between dashes).
 *   A wildcard composes: a template literal keeps it in place between literal text, and the vocabulary's string
 *   functions map its shape (`lower`/`upper` map the class, `trunc` cuts the lengths, `b64enc` and `sha256sum` give
 *   the shape of their output); any other string function gives "any string".
 * - Compared (`helmts check`, `matchesConcrete`): a concrete string with wildcards matches exactly the strings the
 *   regular expression of its parts matches, anchored at both ends; everything else in the document is compared as
 *   before. A wildcard that reaches a condition, a comparison or a number stops the TypeScript render: its value is
 *   known only when Helm renders.
 */

/** A run of characters from a set, between `min` and `max` long (`chars` undefined: any character). */
export interface Run {
  chars?: string;
  min: number;
  max: number;
}
export type Part = string | Run;

const OPEN = '\uE010helmts-wildcard-';
const CLOSE = '\uE011';
const MARKER = /\uE010helmts-wildcard-(\d+)\uE011/g;
const shapes: Part[][] = [];

const range = (from: string, to: string) => Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i)).join('');
export const DIGITS = range('0', '9');
const UPPER = range('A', 'Z');
const LOWER = range('a', 'z');
export const ALPHA = UPPER + LOWER;
export const ALNUM = ALPHA + DIGITS;
/** sprig's randAscii: printable ASCII, space to tilde. */
export const ASCII = range(' ', '~');
const HEX = DIGITS + 'abcdef';
const BASE64 = ALNUM + '+/';
const BCRYPT = './' + ALNUM;

export const run = (chars: string | undefined, min: number, max = min): Run => ({ chars, min, max });

/** A wildcard string standing for every string of the shape. */
export function wildcard(parts: Part[]): string {
  shapes.push(normalize(parts));
  return `${OPEN}${shapes.length - 1}${CLOSE}`;
}

/** Whether a concrete value is (or contains) a wildcard. */
export function hasWildcard(value: unknown): value is string {
  if (typeof value !== 'string' || !value.includes(OPEN)) return false;
  return [...value.matchAll(MARKER)].some((m) => shapes[Number(m[1])] !== undefined);
}

/** The literal text and runs a concrete string stands for. */
export function partsOf(text: string): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    const shape = shapes[Number(m[1])];
    if (!shape) continue;
    out.push(text.slice(last, m.index), ...shape);
    last = m.index! + m[0].length;
  }
  out.push(text.slice(last));
  return normalize(out);
}

function normalize(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (p === '') continue;
    const prev = out[out.length - 1];
    if (typeof p === 'string' && typeof prev === 'string') out[out.length - 1] = prev + p;
    else out.push(p);
  }
  return out;
}

/** A character class body, as ranges (`A-Za-z0-9`). */
function escapeChars(chars: string): string {
  const codes = [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const one = (code: number) => {
    const c = String.fromCodePoint(code);
    return /[\\\]\[^-]/.test(c) ? `\\${c}` : code < 0x20 || code > 0x7e ? `\\u{${code.toString(16)}}` : c;
  };
  let out = '';
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++;
    out += j - i >= 2 ? `${one(codes[i])}-${one(codes[j])}` : codes.slice(i, j + 1).map(one).join('');
    i = j + 1;
  }
  return out;
}
const escapeText = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression a concrete string with wildcards stands for (whole string). */
export function wildcardPattern(text: string): RegExp {
  const body = partsOf(text)
    .map((p) => {
      if (typeof p === 'string') return escapeText(p);
      const cls = p.chars === undefined ? '[\\s\\S]' : `[${escapeChars(p.chars)}]`;
      return p.min === p.max ? `${cls}{${p.min}}` : `${cls}{${p.min},${Number.isFinite(p.max) ? p.max : ''}}`;
    })
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

/** Whether `actual` (what Helm rendered) is one of the values the concrete string `expected` stands for. */
export function matchesWildcard(actual: unknown, expected: string): boolean {
  return typeof actual === 'string' && wildcardPattern(expected).test(actual);
}

// The shapes of the vocabulary's string functions applied to a wildcard.

const mapChars = (parts: Part[], char: (c: string) => string, text: (s: string) => string): Part[] =>
  parts.map((p) => (typeof p === 'string' ? text(p) : { ...p, chars: p.chars === undefined ? undefined : [...new Set([...p.chars].map(char))].join('') }));

/** `lower` / `upper` (Go's case mapping of the literal text; the runs hold ASCII only). */
export function caseWildcard(text: string, lower: boolean, literal: (s: string) => string): string {
  return wildcard(mapChars(partsOf(text), (c) => (lower ? c.toLowerCase() : c.toUpperCase()), literal));
}

/** `trunc n`: the first `n` bytes (runs are ASCII, one byte each; literal text cut by `cut`). */
export function truncWildcard(text: string, n: number, cut: (s: string, n: number) => string): string {
  if (n < 0) return anyWildcard();
  const out: Part[] = [];
  let min = n;
  let max = n;
  for (const p of partsOf(text)) {
    if (max <= 0) break;
    if (typeof p === 'string') {
      if (min !== max) return wildcard([...out, run(undefined, 0, max)]);
      const kept = cut(p, max);
      out.push(kept);
      min -= Buffer.byteLength(kept);
      max = min;
      continue;
    }
    if (p.chars === undefined) return wildcard([...out, run(undefined, 0, max)]);
    out.push(run(p.chars, Math.min(p.min, min), Math.min(p.max, max)));
    min = Math.max(0, min - p.max);
    max -= p.min;
  }
  return wildcard(out);
}

/** `b64enc`: base64 of the bytes, its length known when the input's is. */
export function b64Wildcard(text: string): string {
  let min = 0;
  let max = 0;
  for (const p of partsOf(text)) {
    if (typeof p === 'string') {
      min += Buffer.byteLength(p);
      max += Buffer.byteLength(p);
    } else {
      min += p.min;
      max += p.chars === undefined ? Infinity : p.max;
    }
  }
  const out = (bytes: number) => 4 * Math.ceil(bytes / 3);
  if (min === max) {
    const padding = (3 - (min % 3)) % 3;
    return wildcard([run(BASE64, out(min) - padding), '='.repeat(padding)]);
  }
  return wildcard([run(BASE64 + '=', out(min), Number.isFinite(max) ? out(max) : Infinity)]);
}

export const sha256Wildcard = (): string => wildcard([run(HEX, 64)]);
export const anyWildcard = (): string => wildcard([run(undefined, 0, Infinity)]);

// The functions' own shapes.

export const randWildcard = (chars: string, n: number): string => wildcard([run(chars, Math.max(0, n))]);
/** `uuidv4`: lowercase hex, version 4, variant 10xx. */
export const uuidWildcard = (): string => wildcard([run(HEX, 8), '-', run(HEX, 4), '-4', run(HEX, 3), '-', run('89ab', 1), run(HEX, 3), '-', run(HEX, 12)]);
/** `bcrypt` (sprig: cost 10, `$2a$`); `htpasswd` prefixes `user:`. */
export const bcryptWildcard = (prefix = ''): string => wildcard([`${prefix}$2a$10$`, run(BCRYPT, 53)]);
/** `now` printed as Go prints a time.Time: `2026-12-07 23:47:07.998036439 +0000 UTC m=+0.374953827`. */
export const nowWildcard = (): string => wildcard([...dateParts('2006-01-02 15:04:05'), run(undefined, 0, Infinity)]);
/** `now | unixEpoch`: seconds since 1970. */
export const unixWildcard = (): string => wildcard([run(DIGITS, 1, 20)]);

/**
 * The shape of `date layout now`: Go's layout words (time/format.go `nextStdChunk`) become runs of digits and
 * letters; other text is literal. An unknown word is literal text, as Go prints it.
 */
export function dateParts(layout: string): Part[] {
  const d = (min: number, max = min) => run(DIGITS, min, max);
  const words: Array<[string, Part[]]> = [
    ['January', [run(ALPHA, 3, 9)]],
    ['Jan', [run(ALPHA, 3)]],
    ['Monday', [run(ALPHA, 6, 9)]],
    ['Mon', [run(ALPHA, 3)]],
    ['MST', [run(ALNUM + '+-', 1, 6)]],
    ['2006', [d(4)]],
    ['002', [d(3)]],
    ['01', [d(2)]],
    ['02', [d(2)]],
    ['03', [d(2)]],
    ['04', [d(2)]],
    ['05', [d(2)]],
    ['06', [d(2)]],
    ['15', [d(2)]],
    ['__2', [run(' ' + DIGITS, 3)]],
    ['_2', [run(' ' + DIGITS, 1), d(1)]],
    ['PM', [run('AP', 1), 'M']],
    ['pm', [run('ap', 1), 'm']],
    ['Z07:00:00', [run('Z+-:' + DIGITS, 1, 9)]],
    ['Z070000', [run('Z+-' + DIGITS, 1, 7)]],
    ['Z07:00', [run('Z+-:' + DIGITS, 1, 6)]],
    ['Z0700', [run('Z+-' + DIGITS, 1, 5)]],
    ['Z07', [run('Z+-' + DIGITS, 1, 3)]],
    ['-07:00:00', [run('+-', 1), d(2), ':', d(2), ':', d(2)]],
    ['-070000', [run('+-', 1), d(6)]],
    ['-07:00', [run('+-', 1), d(2), ':', d(2)]],
    ['-0700', [run('+-', 1), d(4)]],
    ['-07', [run('+-', 1), d(2)]],
    ['1', [d(1, 2)]],
    ['2', [d(1, 2)]],
    ['3', [d(1, 2)]],
    ['4', [d(1, 2)]],
    ['5', [d(1, 2)]],
  ];
  const out: Part[] = [];
  let i = 0;
  outer: while (i < layout.length) {
    // Fractional seconds: `.000` (fixed width) or `.999` (trailing zeros dropped), also with a comma.
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const width = frac[1].length;
      if (frac[1][0] === '0') out.push(layout[i], d(width));
      else out.push(run(layout[i] + DIGITS, 0, width + 1));
      i += frac[0].length;
      continue;
    }
    for (const [word, parts] of words) {
      if (!layout.startsWith(word, i)) continue;
      // Go reads `Mon`/`Jan` only when no lowercase letter follows (`Month` is literal).
      if ((word === 'Mon' || word === 'Jan') && /[a-z]/.test(layout[i + 3] ?? '')) continue;
      out.push(...parts);
      i += word.length;
      continue outer;
    }
    out.push(layout[i]);
    i++;
  }
  return normalize(out);
}

/** A wildcard's value reached code that needs the value itself (a condition, a comparison, a number). */
export function wildcardUse(text: string, what: string): Error {
  return new Error(`${what} of a value only Helm knows (randAlphaNum, uuidv4, now, …: '${text.replace(MARKER, '…')}'); place it in the output as it is`);
}
