/**
 * The nondeterministic sprig functions on `BuiltIns` (`b.randAlphaNum(5)`, `b.uuidv4()`, `b.date('2006-01-02',
 * b.now())`, …): the sprig call when the templates are emitted, a wildcard of the function's shape in the TypeScript
 * render (see nondeterministic.ts).
 */
import { chartError } from '../language/chart-files';
import type { Expr } from './expr';
import { exprOf, registerToken } from './symbolic';
import { ALNUM, ALPHA, ASCII, bcryptWildcard, dateParts, DIGITS, hasWildcard, nowWildcard, randWildcard, unixWildcard, uuidWildcard, wildcard } from './nondeterministic';

/** A `time.Time` from `b.now()`: printed as Go prints it, or formatted with `b.date(layout, t)` / `b.unixEpoch(t)`. */
export type GoTime = string & { readonly __goTime: true };

export interface RandomBuiltIns {
  /** Sprig `randAlphaNum n`: n random letters and digits (a new value on every render). */
  randAlphaNum(n: number): string;
  /** Sprig `randAlpha n`: n random letters. */
  randAlpha(n: number): string;
  /** Sprig `randNumeric n`: n random digits. */
  randNumeric(n: number): string;
  /** Sprig `randAscii n`: n random printable ASCII characters. */
  randAscii(n: number): string;
  /** Sprig `uuidv4`: a random UUID. */
  uuidv4(): string;
  /** Sprig `now`: the render's time. */
  now(): GoTime;
  /** Sprig `date layout t` (Go layout, e.g. `2006-01-02T15:04:05Z07:00`) of `b.now()`. */
  date(layout: string, time: GoTime): string;
  /** Sprig `unixEpoch t` of `b.now()`: seconds since 1970, as a string. */
  unixEpoch(time: GoTime): string;
  /** Sprig `bcrypt text`: a salted bcrypt hash. */
  bcrypt(text: string): string;
  /** Sprig `htpasswd user password`: `user:` and a salted bcrypt hash. */
  htpasswd(user: string, password: string): string;
}

const NOW: Expr = { kind: 'call', fn: 'now', args: [] };

function count(fn: string, n: unknown): Expr | number {
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  const info = exprOf(n);
  // Helm reads values numbers as float64; sprig's rand functions take an int.
  if (info && (info.type === 'integer' || info.type === 'number')) return { kind: 'call', fn: 'int', args: [info.expr] };
  throw chartError(`b.${fn}(n): n must be a whole number (a literal or a number from the values), got ${typeof n === 'number' ? n : typeof n}`);
}

function text(fn: string, value: unknown): Expr {
  const info = exprOf(value);
  if (info) return info.expr;
  if (typeof value === 'string') return { kind: 'lit', value };
  throw chartError(`b.${fn}(): every argument must be a string`);
}

function layoutOf(layout: unknown): string {
  if (typeof layout !== 'string' || exprOf(layout)) throw chartError('b.date(layout, b.now()): the layout must be a literal string (a Go layout such as 2006-01-02)');
  return layout;
}

function isNow(time: unknown, concrete: boolean): boolean {
  if (concrete) return hasWildcard(time) && time === nowTexts.get(time);
  const info = exprOf(time);
  return !!info && info.expr.kind === 'call' && info.expr.fn === 'now';
}
const nowTexts = new Map<string, string>();

function needsNow(fn: string): never {
  throw chartError(`b.${fn}(…, time): time must be b.now() (the only time the chart language has)`);
}

export function symbolicRandom(): RandomBuiltIns {
  const rand = (fn: string) => (n: number) => registerToken({ kind: 'call', fn, args: [count(fn, n)] }, 'string');
  return {
    randAlphaNum: rand('randAlphaNum'),
    randAlpha: rand('randAlpha'),
    randNumeric: rand('randNumeric'),
    randAscii: rand('randAscii'),
    uuidv4: () => registerToken({ kind: 'call', fn: 'uuidv4', args: [] }, 'string'),
    now: () => registerToken(NOW, 'string') as GoTime,
    date: (layout, time) => (isNow(time, false) ? registerToken({ kind: 'call', fn: 'date', args: [{ kind: 'lit', value: layoutOf(layout) }, NOW] }, 'string') : needsNow('date')),
    unixEpoch: (time) => (isNow(time, false) ? registerToken({ kind: 'call', fn: 'unixEpoch', args: [NOW] }, 'string') : needsNow('unixEpoch')),
    bcrypt: (value) => registerToken({ kind: 'call', fn: 'bcrypt', args: [text('bcrypt', value)] }, 'string'),
    htpasswd: (user, password) => registerToken({ kind: 'call', fn: 'htpasswd', args: [text('htpasswd', user), text('htpasswd', password)] }, 'string'),
  };
}

export function concreteRandom(): RandomBuiltIns {
  const rand = (fn: string, chars: string) => (n: number) => randWildcard(chars, count(fn, n) as number);
  return {
    randAlphaNum: rand('randAlphaNum', ALNUM),
    randAlpha: rand('randAlpha', ALPHA),
    randNumeric: rand('randNumeric', DIGITS),
    randAscii: rand('randAscii', ASCII),
    uuidv4: uuidWildcard,
    now: () => {
      const t = nowWildcard();
      nowTexts.set(t, t);
      return t as GoTime;
    },
    date: (layout, time) => (isNow(time, true) ? wildcard(dateParts(layoutOf(layout))) : needsNow('date')),
    unixEpoch: (time) => (isNow(time, true) ? unixWildcard() : needsNow('unixEpoch')),
    bcrypt: (value) => (text('bcrypt', value), bcryptWildcard()),
    htpasswd: (user, password) => {
      text('htpasswd', password);
      if (typeof user !== 'string' || hasWildcard(user as unknown)) throw chartError('b.htpasswd(user, password): the user must be a string');
      // sprig refuses a user with a colon (the separator) and prints this instead of a hash.
      return user.includes(':') ? `invalid username: ${user}` : bcryptWildcard(`${user}:`);
    },
  };
}
