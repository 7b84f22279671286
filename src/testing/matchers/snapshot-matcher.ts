/**
 * helm-unittest `matchSnapshot` on top of Jest's own snapshots (`jest-snapshot`, the module
 * behind `toMatchSnapshot`): `--ci` refuses to write missing snapshots, `-u` updates them.
 * Ignored paths are removed from a copy of every document before it reaches the snapshot.
 */
import type { toMatchSnapshot as ToMatchSnapshot } from 'jest-snapshot';
import { documentInfo } from '../document-info';
import { evaluatePath, removePath } from '../path';
import type { ChartDocument } from '../types';
import { block, toTarget, type Context, type Result } from './core';

export interface ChartSnapshotOptions {
  /** helm-unittest paths removed before snapshotting, e.g. `metadata.labels["helm.sh/chart"]`. */
  ignore?: string[];
  /** Snapshot only the value(s) at this path of each document. */
  path?: string;
  /** Jest snapshot hint, to tell several snapshots of one test apart. */
  hint?: string;
}

function prepare(doc: ChartDocument, options: ChartSnapshotOptions): unknown {
  const copy = structuredClone(doc) as ChartDocument;
  for (const ignored of options.ignore ?? []) removePath(copy, ignored);
  if (options.path === undefined) return copy;
  const values = evaluatePath(copy, options.path).map((m) => m.value);
  return values.length === 1 ? values[0] : values;
}

/**
 * The value a chart snapshot stores: one document, an array of documents, or (for a whole
 * render) an object of template path → documents.
 */
export function snapshotValue(received: unknown, options: ChartSnapshotOptions = {}): unknown {
  const target = toTarget(received);
  if (typeof target === 'string') throw new TypeError(target);
  if (target.single) return prepare(target.docs[0], options);
  if (Array.isArray(received)) return target.docs.map((d) => prepare(d, options));
  const byTemplate: Record<string, unknown[]> = {};
  for (const doc of target.docs) (byTemplate[documentInfo(doc)?.template ?? '<unknown template>'] ??= []).push(prepare(doc, options));
  return byTemplate;
}

export const snapshotMatchers = {
  toMatchChartSnapshot(this: Context, received: unknown, options: ChartSnapshotOptions = {}): Result {
    let value: unknown;
    try {
      value = snapshotValue(received, options);
    } catch (error) {
      const hint = this.utils.matcherHint('toMatchChartSnapshot', 'received', 'options');
      const actual = (error as Error).message;
      return { pass: !!this.isNot, message: () => `${hint}\n\n${block(this, { path: '(documents)', expected: 'documents', actual })}` };
    }
    const { toMatchSnapshot } = require('jest-snapshot') as { toMatchSnapshot: typeof ToMatchSnapshot };
    const args: [string?] = options.hint === undefined ? [] : [options.hint];
    return toMatchSnapshot.call(this as unknown as ThisParameterType<typeof ToMatchSnapshot>, value, ...args) as Result;
  },
};
