/**
 * Reading manifests: multi-document YAML streams (`helm template` output), `kind: List`
 * (as `kubectl get -o yaml` prints) and stdin. Problems are reported as one-line
 * {@link InputError}s, YAML errors with `file:line:col`.
 */
import * as fs from 'node:fs';
import { parseAllDocuments, parse, YAMLParseError } from 'yaml';
import type { Manifest } from './types';

/** A mistake in the user's input (file, YAML, option); the CLI prints the message and exits 2. */
export class InputError extends Error {
  override name = 'InputError';
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function yamlError(source: string, e: YAMLParseError): InputError {
  const pos = e.linePos?.[0];
  return new InputError(`${source}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${firstLine(e.message)}`);
}

function flatten(value: unknown, out: Manifest[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const m = value as Manifest;
  if (m.kind === 'List' || (typeof m.kind === 'string' && m.kind.endsWith('List') && Array.isArray(m.items))) {
    for (const item of Array.isArray(m.items) ? m.items : []) flatten(item, out);
    return;
  }
  out.push(m);
}

/** Parses a YAML stream into manifests (null documents and non-mappings are skipped). */
export function parseManifestYaml(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw yamlError(source, doc.errors[0]);
    flatten(doc.toJS(), out);
  }
  return out;
}

/** Parses a single YAML document (an expectations file, values). */
export function parseYamlDocument(text: string, source: string): unknown {
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof YAMLParseError) throw yamlError(source, e);
    throw e;
  }
}

/** Reads a file, `-` meaning stdin; a missing or unreadable file is an {@link InputError}. */
export function readInput(path: string, readStdin: () => string = () => fs.readFileSync(0, 'utf8')): string {
  if (path === '-') return readStdin();
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new InputError(`cannot read ${path}: ${why}`);
  }
}
