/**
 * Where each rendered document came from. Kept in a WeakMap (not on the objects) so documents
 * stay plain Kubernetes objects for equality checks and snapshots.
 */
import type { ChartDocument } from './types';

export interface DocumentInfo {
  /** Template path relative to the chart root, e.g. `templates/deployment.yaml`. */
  template: string;
  /** Position of the document among the documents of its template. */
  index: number;
}

const infos = new WeakMap<object, DocumentInfo>();
const labels = new WeakMap<object, string>();

export function setDocumentInfo(doc: ChartDocument, info: DocumentInfo): void {
  infos.set(doc, info);
}

/** Source template of a rendered document, if it came from a render. */
export function documentInfo(doc: unknown): DocumentInfo | undefined {
  return doc !== null && typeof doc === 'object' ? infos.get(doc) : undefined;
}

/** Names a group of documents (e.g. the output of one template) for failure messages. */
export function setGroupLabel(docs: readonly ChartDocument[], label: string): void {
  labels.set(docs, label);
}

const groupTemplates = new WeakMap<object, string>();

/** Marks a group as the documents of one template (`out.template(…)`), so an empty group still names it. */
export function setGroupTemplate(docs: readonly ChartDocument[], template: string): void {
  groupTemplates.set(docs, template);
}

export function groupTemplate(docs: unknown): string | undefined {
  return docs !== null && typeof docs === 'object' ? groupTemplates.get(docs) : undefined;
}

const skipEmpty = new WeakSet<object>();

/** Marks a selection made with `skipEmpty`: when it is empty, assertions on it pass vacuously. */
export function markSkipEmpty(docs: readonly ChartDocument[]): void {
  skipEmpty.add(docs);
}

export function isSkipEmpty(docs: unknown): boolean {
  return docs !== null && typeof docs === 'object' && skipEmpty.has(docs);
}

export function groupLabel(docs: unknown): string | undefined {
  return docs !== null && typeof docs === 'object' ? labels.get(docs) : undefined;
}

/** `Kind/name`, e.g. `Deployment/web`. */
export function kindName(doc: ChartDocument): string {
  return `${doc?.kind ?? '<no kind>'}/${doc?.metadata?.name ?? '<no name>'}`;
}

/** `Kind/name (templates/x.yaml)`, or `Kind/name` for documents not from a render. */
export function describeDocument(doc: ChartDocument): string {
  const info = documentInfo(doc);
  return info ? `${kindName(doc)} (${info.template})` : kindName(doc);
}

/** Recursively freezes a parsed document (renders are cached and shared between tests). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
