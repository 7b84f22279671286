/**
 * `await expect(chart.render({...})).toFailTemplateMatching(/pattern/ or 'substring')`: the toolkit's
 * looser variant of helm-unittest `failedTemplate` (exact form: `toFailTemplate`, unittest-matchers.ts).
 * Passes when the render rejects with a chart error (helm failure such as `fail` or a
 * values.schema.json rejection, or a kubernetes-models schema violation) whose message matches
 * `pattern` (a RegExp, or a substring). Match on stable fragments: Helm 3.17 and 4.1 word the
 * surrounding error text differently. Other errors (helm not starting) are rethrown.
 */
import { ChartRenderError } from '../errors';
import { RenderResult } from '../render-result';
import { block, type Context, type Result } from './core';

function matches(message: string, pattern: RegExp | string | undefined): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === 'string') return message.includes(pattern);
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(message);
}

export const failMatchers = {
  async toFailTemplateMatching(this: Context, received: unknown, pattern?: RegExp | string): Promise<Result> {
    const hint = this.utils.matcherHint('toFailTemplateMatching', 'render', pattern === undefined ? '' : 'pattern', {
      isNot: this.isNot,
      promise: this.promise,
    });
    const expected =
      pattern === undefined ? 'the render to fail' : `the render to fail with an error matching ${this.utils.printExpected(pattern)}`;
    const report = (pass: boolean, actual: string): Result => ({
      pass,
      message: () => `${hint}\n\n${block(this, { path: '(render)', expected, actual })}`,
    });
    const promise = typeof received === 'function' ? (received as () => unknown)() : received;
    if (promise === null || typeof (promise as PromiseLike<unknown>)?.then !== 'function') {
      return report(!!this.isNot, `not a promise of a render: ${this.utils.printReceived(received)}`);
    }
    try {
      const out = await promise;
      const n = out instanceof RenderResult ? out.documents.length : 0;
      return report(false, `rendered successfully (${n} document(s))`);
    } catch (error) {
      if (!(error instanceof ChartRenderError)) throw error;
      return report(matches(error.message, pattern), `failed with ${error.name}:\n${error.message}`);
    }
  },
};
