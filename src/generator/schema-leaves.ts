/** The leaves of a values schema with their defaults: the rows of a chart README's values table. */
import { acceptsNull, describeSchema, itemSchema, resolveSchema, schemaType, type JsonSchema } from './json-schema';

export interface ValuesLeaf {
  /** Key in helm-unittest syntax; list items as `[]`, e.g. `namespaces[].sidecar.egress[].port`. */
  key: string;
  type: string;
  /** The default, as JSON, or undefined when the key has none. */
  default?: string;
  description: string;
  required: boolean;
}

function typeLabel(schema: JsonSchema, root: JsonSchema): string {
  const s = resolveSchema(schema, root);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' \\| ');
  const t = schemaType(s, root);
  if (t === 'array') return `list of ${typeLabel(itemSchema(s, root), root)}`;
  if (t === 'object' && !s.properties) return 'map';
  return t;
}

const MAX_DEFAULT = 60;

function showDefault(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  if (json.length <= MAX_DEFAULT) return json;
  return Array.isArray(value) ? `${value.length} items, see values.yaml` : 'see values.yaml';
}

/** Walks the schema; object properties recurse, lists of objects recurse through `[]`, maps and scalars are leaves. */
export function schemaLeaves(schema: JsonSchema, defaults: unknown): ValuesLeaf[] {
  const out: ValuesLeaf[] = [];
  // A field's own doc comment wins; without one, its type's comment is shown at the type's first use only (as in
  // values.yaml), so a type alias's comment is not repeated on every row.
  const typeDocs = new Set<string>();
  const docOf = (prop: JsonSchema): string | undefined => {
    const own = prop.description ?? prop.anyOf?.find((m) => m.description)?.description;
    if (own !== undefined) return own;
    const typeDoc = describeSchema(prop, schema);
    if (typeDoc === undefined || typeDocs.has(typeDoc)) return undefined;
    typeDocs.add(typeDoc);
    return typeDoc;
  };
  const walk = (s: JsonSchema, value: unknown, key: string, required: boolean, doc: string | undefined) => {
    const r = resolveSchema(s, schema);
    const t = schemaType(r, schema);
    if (t === 'object' && r.properties) {
      for (const [name, prop] of Object.entries(r.properties)) {
        const child = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
        // A `T | null` field is never required: Helm deletes a null key, and absent means null (nullable-schema.ts).
        const required = (r.required?.includes(name) ?? false) && !acceptsNull(prop, schema);
        walk(prop, child, key ? `${key}.${name}` : name, required, docOf(prop));
      }
      return;
    }
    if (t === 'array' && schemaType(itemSchema(r, schema), schema) === 'object' && resolveSchema(itemSchema(r, schema), schema).properties) {
      out.push({ key, type: 'list', default: showDefault(value), description: doc ?? '', required });
      // Fields of list items have no default of their own.
      walk(itemSchema(r, schema), undefined, `${key}[]`, true, undefined);
      return;
    }
    out.push({
      key,
      type: typeLabel(r, schema),
      default: showDefault(value),
      description: doc ?? '',
      required,
    });
  };
  walk(schema, defaults, '', true, undefined);
  return out;
}
