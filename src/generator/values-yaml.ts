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

function annotate(node: Node | null, schema: JsonSchema, root: JsonSchema, indent: number): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const prop = propertySchema(schema, String(pair.key.value), root);
      if (!prop) continue;
      const doc = describeSchema(prop.schema, root);
      if (doc) pair.key.commentBefore = wrap(doc, WIDTH - indent - 2).map((l) => ` ${l}`).join('\n');
      annotate(pair.value as Node, prop.schema, root, indent + 2);
    }
  } else if (isSeq(node) && node.items.length > 0) {
    // Document the first item only; the rest repeat the same shape.
    annotate(node.items[0] as Node, itemSchema(schema, root), root, indent + 2);
  }
}

export function writeValuesYaml(defaults: unknown, schema: JsonSchema, header: string[]): string {
  const doc = new Document(defaults);
  annotate(doc.contents as Node, schema, schema, 0);
  doc.commentBefore = [' yaml-language-server: $schema=values.schema.json', ...header.map((h) => ` ${h}`)].join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
