/**
 * Validates rendered documents against kubernetes-models schemas. Documents without a known
 * model (CRDs other than Istio's, typos in apiVersion) are returned as unvalidated, not failed:
 * the toolkit cannot tell a custom resource from a mistake, and tests can assert on the list.
 */
import { describeDocument, kindName } from './document-info';
import { ManifestValidationError, type DocumentProblem } from './errors';
import { findModel } from './model-registry';
import type { ChartDocument } from './types';

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/spec/ports/0/port` → `spec.ports[0].port` (helm-unittest path syntax). */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function problemsOf(doc: ChartDocument, error: unknown): DocumentProblem[] {
  const document = describeDocument(doc);
  const errors = (error as { errors?: AjvLikeError[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    return [{ document, path: '', message: error instanceof Error ? error.message : String(error) }];
  }
  return errors.map((e) => {
    const allowed = e.params?.allowedValues;
    const detail = Array.isArray(allowed) ? ` (${allowed.map((v) => JSON.stringify(v)).join(', ')})` : '';
    return { document, path: pointerToPath(e.instancePath ?? ''), message: `${e.message ?? 'is invalid'}${detail}` };
  });
}

/**
 * Throws {@link ManifestValidationError} naming every invalid document and path; returns the
 * `Kind/name (apiVersion)` of documents that have no model.
 */
export function validateDocuments(docs: readonly ChartDocument[]): string[] {
  const problems: DocumentProblem[] = [];
  const unvalidated: string[] = [];
  for (const doc of docs) {
    const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
    const kind = typeof doc.kind === 'string' ? doc.kind : '';
    if (!apiVersion || !kind) {
      problems.push({ document: describeDocument(doc), path: apiVersion ? 'kind' : 'apiVersion', message: 'is missing' });
      continue;
    }
    const found = findModel(apiVersion, kind);
    if (!found) {
      unvalidated.push(`${kindName(doc)} (${apiVersion})`);
      continue;
    }
    const data = found.schemaApiVersion === apiVersion ? doc : { ...doc, apiVersion: found.schemaApiVersion };
    try {
      new found.model(structuredClone(data)).validate();
    } catch (error) {
      problems.push(...problemsOf(doc, error));
    }
  }
  if (problems.length > 0) throw new ManifestValidationError(problems);
  return unvalidated;
}
