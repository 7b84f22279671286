/**
 * `values.yaml` from the typed defaults, with each key's schema description
 * as a comment above it and the yaml-language-server modeline on line 1.
 */
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import { goYamlDocument, goYamlString } from './go-yaml-text';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { goYamlBreaks, goYamlOptions } from '../values/go-yaml';
import { formatProblems, schemaProblems } from '../values/schema-problems';
import { describeSchema, itemSchema, propertySchema, type JsonSchema } from './json-schema';

/** Commented example lines to place under a key (from `@example` on the field), by marker. */
type Examples = Map<string, { indent: number; lines: string[] }>;

const WIDTH = 100;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Comments each key with its description, once per schema path (list items repeat a shape). A field's
 * own doc comment wins; without one, the comment of the type it refers to is written at its first use only.
 */
function annotate(node: Node | null, schema: JsonSchema, root: JsonSchema, at: string, seen: Set<string>, examples: Examples): void {
  const indent = at.split('.').length * 2;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const prop = propertySchema(schema, key, root);
      if (!prop) continue;
      const path = `${at}.${key}`;
      const own = prop.schema.description ?? prop.schema.anyOf?.find((m) => m.description)?.description;
      const typeDoc = own === undefined ? describeSchema(prop.schema, root) : undefined;
      const doc = own ?? (typeDoc && !seen.has(`type:${typeDoc}`) ? typeDoc : undefined);
      if (typeDoc) seen.add(`type:${typeDoc}`);
      if (doc && !seen.has(path)) pair.key.commentBefore = wrap(doc.replace(/[\u0085\u2028\u2029]/g, ' '), WIDTH - indent).map((l) => ` ${l}`).join('\n');
      // `@example` on a field whose default is `{}` or `[]`: commented lines under it, as in helm create's values.yaml.
      const empty = (isMap(pair.value) || isSeq(pair.value)) && pair.value.items.length === 0;
      if (empty && Array.isArray(prop.schema.examples) && !seen.has(path)) {
        const marker = `helmts-example-${examples.size}`;
        const lines = prop.schema.examples.flatMap((ex) => stringify(ex, { lineWidth: 0 }).replace(/\n$/, '').split('\n'));
        examples.set(marker, { indent: indent, lines });
        (pair.value as Node).comment = marker;
      }
      seen.add(path);
      if (at === '' && pair !== node.items[0]) pair.key.spaceBefore = true;
      annotate(pair.value as Node, prop.schema, root, path, seen, examples);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) annotate(item as Node, itemSchema(schema, root), root, `${at}[]`, seen, examples);
  }
}

export function writeValuesYaml(defaults: unknown, schema: JsonSchema, header: string[]): string {
  // Quoted as go-yaml needs: Helm reads `y`, `on`, `1_000` or a key `n` as booleans and numbers.
  const doc = goYamlDocument(defaults);
  const examples: Examples = new Map();
  annotate(doc.contents as Node, schema, schema, '', new Set(), examples);
  doc.commentBefore = [' yaml-language-server: $schema=values.schema.json', ...header.map((h) => ` ${h}`)].join('\n');
  const text = goYamlString(doc, { lineWidth: 0, indentSeq: true });
  // The yaml library writes `key:\n  {}\n  #marker`; helm create writes `key: {}` and the example under it.
  return text.replace(/(:)?(\n +)(\{\}|\[\])?\n +#(helmts-example-\d+)/g, (_m, colon: string | undefined, gap: string, empty: string | undefined, marker: string) => {
    const { indent, lines } = examples.get(marker)!;
    const head = empty ? `${colon ?? ''} ${empty}` : `${colon ?? ''}${gap}`;
    return head + lines.map((l) => `\n${' '.repeat(indent)}# ${l}`).join('');
  });}


/**
 * `text` (a chart's values.yaml) after checking it as Helm reads it (go-yaml, src/values/go-yaml.ts): it must
 * read back as the typed defaults, and those must pass the chart's own schema. Either failure stops the build.
 */
export function readBackValuesYaml(chart: string, text: string, defaults: unknown, schema: JsonSchema): string {
  const read: unknown = parse(goYamlBreaks(text), goYamlOptions) ?? {};
  const plain = JSON.parse(JSON.stringify(defaults ?? {})) as unknown;
  if (!isDeepStrictEqual(read, plain)) {
    throw new Error(`chart ${chart}: values.yaml would not read back as the defaults in Helm (go-yaml): ${firstDifference(read, plain)}; this is a bug of helmts' YAML writer, please report it`);
  }
  const problems = schemaProblems(read, schema);
  if (problems.length > 0) {
    throw new Error(`chart ${chart}: the default values, as Helm reads values.yaml, do not pass the chart's own schema:\n${formatProblems(problems)}`);
  }
  return text;
}

function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${at}.${k}`);
    }
  }
  return `${at || '.'} reads as ${JSON.stringify(a)}, the default is ${JSON.stringify(b)}`;
}
