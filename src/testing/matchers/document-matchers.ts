/** The toolkit's own counting matchers on the documents given (helm-unittest's exact hasDocuments / containsDocument: unittest-matchers.ts). */
import { describeDocument } from '../document-info';
import { describeSelector, matchesSelector } from '../render-result';
import type { DocumentSelector } from '../types';
import { block, toTarget, type Context, type Result } from './core';

function listing(docs: readonly Parameters<typeof describeDocument>[0][]): string {
  return docs.length === 0 ? '' : `\n${docs.map((d) => `          ${describeDocument(d)}`).join('\n')}`;
}

export const documentMatchers = {
  /** The documents given (a template output, a selection, a whole render: all its documents) number `count`. */
  toHaveDocumentCount(this: Context, received: unknown, count: number): Result {
    const hint = this.utils.matcherHint('toHaveDocumentCount', 'received', 'count', { isNot: this.isNot, promise: this.promise });
    const target = toTarget(received);
    if (typeof target === 'string') {
      return { pass: !!this.isNot, message: () => `${hint}\n\n${block(this, { path: '(documents)', expected: String(count), actual: target })}` };
    }
    const n = target.docs.length;
    return {
      pass: n === count,
      message: () =>
        `${hint}\n\n${block(this, {
          path: `(documents: ${target.label})`,
          expected: `${this.utils.printExpected(count)} document(s)`,
          actual: `${this.utils.printReceived(n)} document(s)${listing(target.docs)}`,
        })}`,
    };
  },

  /** Some document given matches the selector (any of kind/apiVersion/name/namespace/path). */
  toIncludeDocument(this: Context, received: unknown, selector: DocumentSelector): Result {
    const hint = this.utils.matcherHint('toIncludeDocument', 'received', 'selector', { isNot: this.isNot, promise: this.promise });
    const target = toTarget(received);
    const expected = `a document matching ${describeSelector(selector)}`;
    if (typeof target === 'string') {
      return { pass: !!this.isNot, message: () => `${hint}\n\n${block(this, { path: '(documents)', expected, actual: target })}` };
    }
    const matching = target.docs.filter((d) => matchesSelector(d, selector));
    const shown = this.isNot ? matching : target.docs;
    return {
      pass: matching.length > 0,
      message: () =>
        `${hint}\n\n${block(this, {
          path: `(documents: ${target.label})`,
          expected,
          actual: `${this.isNot ? `${matching.length} matching` : `none of ${target.docs.length}`} document(s)${listing(shown)}`,
        })}`,
    };
  },
};
