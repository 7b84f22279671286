/**
 * Reading manifests: multi-document YAML streams (`helm template` output), `kind: List`
 * (as `kubectl get -o yaml` prints) and stdin. Problems are reported as one-line
 * {@link InputError}s, YAML errors with `file:line:col`.
 */
import * as fs from 'node:fs';
import type { Schema } from 'js-yaml';
import type { YAMLParseError } from 'yaml';
import type { Manifest } from './types';
import { setOrigin } from './object-identity';

/** A mistake in the user's input (file, YAML, option); the CLI prints the message and exits 2. */
export class InputError extends Error {
  override name = 'InputError';
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The `yaml` library, loaded only when needed (expectations files, error messages): it takes ~0.3 s to load. */
const yamlLib = () => require('yaml') as typeof import('yaml');

function yamlError(source: string, e: YAMLParseError): InputError {
  const pos = e.linePos?.[0];
  return new InputError(`${source}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${firstLine(e.message)}`);
}

/**
 * Adds the Kubernetes objects in `value` to `out`. What is not one — a YAML list, a scalar, a
 * mapping without `apiVersion`, `kind` or `metadata.name` — is skipped with a warning naming
 * where it is (`where`), since the API server would refuse it.
 */
function flatten(value: unknown, out: Manifest[], where: string, warn: (message: string) => void): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a YAML list' : `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
    warn(`${where} is ${what}, not a Kubernetes object; skipped (a manifest is a mapping with apiVersion, kind and metadata, or a kind: List)`);
    return;
  }
  const m = value as Manifest;
  if (m.kind === 'List' || (typeof m.kind === 'string' && m.kind.endsWith('List') && Array.isArray(m.items))) {
    (Array.isArray(m.items) ? m.items : []).forEach((item, i) => flatten(item, out, `${where} items[${i}]`, warn));
    return;
  }
  const md = m.metadata as { name?: unknown } | undefined;
  const missing = [
    typeof m.apiVersion === 'string' && m.apiVersion !== '' ? undefined : 'apiVersion',
    typeof m.kind === 'string' && m.kind !== '' ? undefined : 'kind',
    md && typeof md === 'object' && !Array.isArray(md) && typeof md.name === 'string' && md.name !== '' ? undefined : 'metadata.name',
  ].filter((x): x is string => x !== undefined);
  if (missing.length > 0) {
    const kind = typeof m.kind === 'string' && m.kind !== '' ? `a ${m.kind}` : 'a mapping';
    warn(`${where} (${kind}) has no ${missing.join(', ')}, so it is not a Kubernetes object; skipped`);
    return;
  }
  setOrigin(m, where);
  out.push(m);
}

/**
 * Manifests are read with js-yaml (about six times faster than the `yaml`
 * library on 1,000-namespace renders, which matters for the CLI's end-to-end
 * time): the core schema with go-yaml v2's YAML 1.1 booleans (`on`, `yes`,
 * `n`…, as Kubernetes reads plain scalars) and `<<` merges; no timestamps
 * (kept as strings, as Kubernetes' JSON conversion does). Loaded on first use.
 */
let manifestSchema: Schema | undefined;
function jsYaml() {
  const lib = require('js-yaml') as typeof import('js-yaml') & { types: { merge: import('js-yaml').Type } };
  manifestSchema ??= lib.CORE_SCHEMA.extend({
    implicit: [
      new lib.Type('tag:yaml.org,2002:bool', {
        kind: 'scalar',
        resolve: (s: string) => /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s),
        construct: (s: string) => /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(s),
        predicate: (v: unknown) => typeof v === 'boolean',
        represent: (v: object) => String(v),
      }),
      // `types` is exported by js-yaml 4 but missing from its type definitions.
      lib.types.merge,
    ],
  });
  return { loadAll: lib.loadAll, schema: manifestSchema };
}

/** Parses a YAML stream into manifests (null documents are skipped; what is not a Kubernetes object is skipped with a warning). */
export function parseManifestYaml(text: string, source: string, warn: (message: string) => void = () => undefined): Manifest[] {
  const out: Manifest[] = [];
  let docs: unknown[];
  try {
    const { loadAll, schema } = jsYaml();
    docs = loadAll(text, undefined, { schema });
  } catch (fast) {
    // The `yaml` library words errors better (and with line:col); use it to explain the failure.
    for (const doc of yamlLib().parseAllDocuments(text)) if (doc.errors.length > 0) throw yamlError(source, doc.errors[0]);
    const mark = (fast as { mark?: { line: number; column: number } }).mark;
    throw new InputError(`${source}${mark ? `:${mark.line + 1}:${mark.column + 1}` : ''}: invalid YAML: ${firstLine((fast as Error).message)}`);
  }
  docs.forEach((doc, i) => flatten(doc, out, `${source}: document ${i + 1}`, warn));
  return out;
}

/** Parses a single YAML document (an expectations file, values). */
export function parseYamlDocument(text: string, source: string): unknown {
  const { parse, YAMLParseError } = yamlLib();
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
