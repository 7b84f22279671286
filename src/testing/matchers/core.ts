/**
 * Shared machinery of the document matchers: which documents a `received` value stands for,
 * per-document evaluation with helm-unittest's "every document" semantics (also under `.not`),
 * and failure messages with Document / Path / Expected / Actual / Difference.
 */
import { describeDocument, groupLabel, isSkipEmpty } from '../document-info';
import { evaluatePath } from '../path';
import { RenderResult } from '../render-result';
import type { ChartDocument } from '../types';

/**
 * The part of Jest's matcher context (`this` inside a matcher) the chart matchers use. Declared
 * here rather than taken from @types/jest so `src/` also compiles without Jest's global types.
 */
export interface Context {
  isNot?: boolean;
  promise?: string;
  equals(a: unknown, b: unknown, customTesters?: unknown[], strictCheck?: boolean): boolean;
  utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
    diff(a: unknown, b: unknown): string | null;
  };
}

export interface Result {
  pass: boolean;
  message(): string;
}

export interface Target {
  docs: readonly ChartDocument[];
  /** Describes the received value in messages. */
  label: string;
  single: boolean;
}

/** A render (all its documents), an array of documents (e.g. a template's output), or one document. */
export function toTarget(received: unknown): Target | string {
  if (received instanceof RenderResult) return { docs: received.documents, label: 'all documents of the render', single: false };
  if (Array.isArray(received)) {
    const bad = received.findIndex((d) => d === null || typeof d !== 'object' || Array.isArray(d));
    if (bad >= 0) return `received[${bad}] is not a document`;
    return { docs: received, label: groupLabel(received) ?? 'documents', single: false };
  }
  if (received !== null && typeof received === 'object') return { docs: [received], label: describeDocument(received), single: true };
  return `expected a rendered document, an array of documents or a render result, received ${typeof received}`;
}

export interface Outcome {
  /** The assertion holds for this document. */
  pass: boolean;
  /** The negated assertion (`.not`) holds for this document. */
  notPass: boolean;
  /** Printed as Actual (through printReceived) unless `actualText` is given. */
  actual?: unknown;
  actualText?: string;
  /** Why neither form can hold (path missing, wrong type), printed under Actual. */
  note?: string;
}

export interface Assertion {
  matcher: string;
  /** Argument names for the hint, e.g. `path, expected`. */
  params: string;
  path: string;
  expected: unknown;
  /** Pre-formatted Expected text (else printExpected(expected)). */
  expectedText?: string;
  /** Print a Difference block (positive form only). */
  diff?: boolean;
  evaluate(doc: ChartDocument): Outcome;
}

const MAX_REPORTED = 5;

function header(ctx: Context, a: Assertion): string {
  return ctx.utils.matcherHint(a.matcher, 'received', a.params, { isNot: ctx.isNot, promise: ctx.promise });
}

/** Formats the Path/Expected/Actual block shared by every matcher. */
export function block(
  ctx: Context,
  fields: { document?: string; path: string; expected: string; actual: string; note?: string; diff?: string | null },
): string {
  const lines = [
    ...(fields.document ? [`Document: ${fields.document}`] : []),
    `Path:     ${fields.path || '(document root)'}`,
    `Expected: ${ctx.isNot ? 'not ' : ''}${fields.expected}`,
    `Actual:   ${fields.actual}`,
  ];
  if (fields.note) lines.push(`          (${fields.note})`);
  if (fields.diff && !fields.diff.includes('no visual difference')) lines.push('', 'Difference:', fields.diff);
  return lines.join('\n');
}

/** Runs `a` on every target document. With `.not`, every document must satisfy the negation. */
export function assertDocuments(ctx: Context, received: unknown, a: Assertion): Result {
  const target = toTarget(received);
  if (typeof target === 'string') {
    return { pass: !!ctx.isNot, message: () => `${header(ctx, a)}\n\n${block(ctx, { path: a.path, expected: expectedText(ctx, a), actual: target })}` };
  }
  if (target.docs.length === 0 && isSkipEmpty(received)) {
    // helm-unittest skipEmptyTemplates: nothing selected, nothing to assert (in both forms).
    return { pass: !ctx.isNot, message: () => `${header(ctx, a)}\n\nNo document matched a skipEmpty selection (${target.label}); nothing was checked.` };
  }
  if (target.docs.length === 0) {
    const actual = `no documents (${target.label} is empty)`;
    return { pass: !!ctx.isNot, message: () => `${header(ctx, a)}\n\n${block(ctx, { path: a.path, expected: expectedText(ctx, a), actual })}` };
  }
  const outcomes = target.docs.map((doc) => ({ doc, outcome: a.evaluate(doc) }));
  const failing = outcomes.filter(({ outcome }) => (ctx.isNot ? !outcome.notPass : !outcome.pass));
  const pass = ctx.isNot ? failing.length > 0 : failing.length === 0;
  const message = (): string => {
    const blocks = failing.slice(0, MAX_REPORTED).map(({ doc, outcome }) =>
      block(ctx, {
        document: describeDocument(doc),
        path: a.path,
        expected: expectedText(ctx, a),
        actual: outcome.actualText ?? ctx.utils.printReceived(outcome.actual),
        note: outcome.note,
        diff: a.diff && !ctx.isNot && outcome.actualText === undefined ? ctx.utils.diff(a.expected, outcome.actual) : null,
      }),
    );
    const more = failing.length > MAX_REPORTED ? [`... and ${failing.length - MAX_REPORTED} more failing document(s)`] : [];
    const scope = target.single ? '' : `Received: ${target.label} (${failing.length} of ${target.docs.length} failing)\n\n`;
    return `${header(ctx, a)}\n\n${scope}${[...blocks, ...more].join('\n\n')}`;
  };
  return { pass, message };
}

function expectedText(ctx: Context, a: Assertion): string {
  return a.expectedText ?? ctx.utils.printExpected(a.expected);
}

/**
 * Outcome of a per-value predicate over every node `path` selects. A predicate returns true
 * (holds), false (does not hold) or a string (the value cannot be judged: both forms fail).
 * A missing path fails both forms (a misspelt path never passes `.not`), unless `missingAs`
 * supplies a value to judge instead.
 */
export function pathOutcome(
  doc: ChartDocument,
  path: string,
  predicate: (value: unknown) => boolean | string,
  missingAs?: { value: unknown },
): Outcome {
  const matches = evaluatePath(doc, path);
  if (matches.length === 0 && !missingAs) {
    return { pass: false, notPass: false, actualText: '<path not found>' };
  }
  const values = matches.length === 0 && missingAs ? [missingAs.value] : matches.map((m) => m.value);
  const results = values.map(predicate);
  const actual = values.length === 1 ? values[0] : values;
  const note =
    (results.find((r) => typeof r === 'string') as string | undefined) ??
    (values.length > 1 ? `the path selects ${values.length} values; each must match` : matches.length === 0 ? 'path not found' : undefined);
  if (results.some((r) => typeof r === 'string')) return { pass: false, notPass: false, actual, note };
  return { pass: results.every((r) => r === true), notPass: results.every((r) => r === false), actual, note };
}
