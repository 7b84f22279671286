/**
 * Matchers on raw text such as NOTES.txt (helm-unittest: equalRaw, matchRegexRaw). `received`
 * is a string or a promise of one (`out.notes`); with a promise the assertion must be awaited:
 * `await expect(out.notes).toEqualRaw('...')`, or use `expect(await out.notes)`.
 */
import { block, type Context, type Result } from './core';

function check(
  ctx: Context,
  received: unknown,
  matcher: string,
  param: string,
  expected: unknown,
  test: (text: string) => boolean,
): Result | Promise<Result> {
  if (received !== null && typeof (received as PromiseLike<unknown>)?.then === 'function') {
    return Promise.resolve(received).then((text) => check(ctx, text, matcher, param, expected, test));
  }
  const hint = ctx.utils.matcherHint(matcher, 'received', param, { isNot: ctx.isNot, promise: ctx.promise });
  if (typeof received !== 'string') {
    const actual = `not a string: ${ctx.utils.printReceived(received)}`;
    return { pass: !!ctx.isNot, message: () => `${hint}\n\n${block(ctx, { path: '(raw text)', expected: ctx.utils.printExpected(expected), actual })}` };
  }
  return {
    pass: test(received),
    message: () =>
      `${hint}\n\n${block(ctx, {
        path: '(raw text)',
        expected: ctx.utils.printExpected(expected),
        actual: ctx.utils.printReceived(received),
        diff: typeof expected === 'string' && !ctx.isNot ? ctx.utils.diff(expected, received) : null,
      })}`,
  };
}

export const rawMatchers = {
  /** helm-unittest `equalRaw`: the whole text equals `expected`. */
  toEqualRaw(this: Context, received: unknown, expected: string): Result | Promise<Result> {
    return check(this, received, 'toEqualRaw', 'expected', expected, (text) => text === expected);
  },

  /** helm-unittest `matchRegexRaw` / `notMatchRegexRaw`. */
  toMatchRaw(this: Context, received: unknown, pattern: RegExp | string): Result | Promise<Result> {
    const re = typeof pattern === 'string' ? new RegExp(pattern) : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    return check(this, received, 'toMatchRaw', 'pattern', re, (text) => re.test(text));
  },
};
