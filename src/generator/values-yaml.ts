/**
 * `values.yaml` from the typed defaults, with each key's schema description
 * as a comment above it and the yaml-language-server modeline on line 1.
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { describeSchema, itemSchema, propertySchema, type JsonSchema } from './json-schema';

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

/** Comments each key with its description, once per schema path (list items repeat a shape). */
function annotate(node: Node | null, schema: JsonSchema, root: JsonSchema, at: string, seen: Set<string>): void {
  const indent = at.split('.').length * 2;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const prop = propertySchema(schema, key, root);
      if (!prop) continue;
      const path = `${at}.${key}`;
      const doc = describeSchema(prop.schema, root);
      if (doc && !seen.has(path)) pair.key.commentBefore = wrap(doc, WIDTH - indent).map((l) => ` ${l}`).join('\n');
      seen.add(path);
      if (at === '' && pair !== node.items[0]) pair.key.spaceBefore = true;
      annotate(pair.value as Node, prop.schema, root, path, seen);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) annotate(item as Node, itemSchema(schema, root), root, `${at}[]`, seen);
  }
}

export function writeValuesYaml(defaults: unknown, schema: JsonSchema, header: string[]): string {
  const doc = new Document(defaults);
  annotate(doc.contents as Node, schema, schema, '', new Set());
  doc.commentBefore = [' yaml-language-server: $schema=values.schema.json', ...header.map((h) => ` ${h}`)].join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
