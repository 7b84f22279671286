/**
 * `null` is Helm's way to unset a value (`--set key=null`, `key: null` in a
 * values file). Helm 3 and 4 delete a null key that the chart's values.yaml
 * has before validating; a null for a key without a default stays in
 * `.Values` and is validated. So the written schema lets `null` through for
 * every optional field (not in its object's `required`), and the templates
 * treat a null field as absent (`kindIs "invalid"`, see emit-template.ts).
 * A required field stays required: `null` on it is refused by Helm (the key
 * is deleted, then missing), and by `helmts validate`, which agrees.
 *
 * A field whose TypeScript type admits `null` (`x: T | null`, a `null` default)
 * is not required in the written schema: Helm deletes a null a values file
 * gives for a key values.yaml has, so `x: null` from the user leaves the key
 * absent, and absent must mean what null means (the templates test both with
 * `kindIs "invalid"`, the TypeScript render drops nulls).
 */
import { acceptsNull, type JsonSchema } from './json-schema';

const NULL: JsonSchema = { type: 'null' };

/** Keywords whose sub-schemas are rules over a value (`if`/`then` of `@schemaAllOf`), not the fields of a type. */
const CONSTRAINTS = new Set(['allOf', 'if', 'then', 'else', 'not', 'contains', 'propertyNames', 'dependencies', 'dependentSchemas', 'default', 'examples', 'const', 'enum']);

/** Whether a (sub-)schema already accepts `null`. */
function allowsNull(s: JsonSchema): boolean {
  if (s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'))) return true;
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  return !!alternatives?.some(allowsNull);
}

/** `s`, also accepting `null`. */
export function orNull(s: JsonSchema): JsonSchema {
  if (allowsNull(s)) return s;
  const simple = typeof s.type === 'string' && !s.$ref && !('const' in s) && !s.enum && !s.anyOf && !s.oneOf && !s.allOf;
  if (simple) return { ...s, type: [s.type as string, 'null'] };
  // What editors and readers show stays on the field; the constraint moves into the first alternative.
  const outer: JsonSchema = {};
  const inner: JsonSchema = {};
  for (const [k, v] of Object.entries(s)) (['title', 'description', 'default', 'examples', 'markdownDescription'].includes(k) ? outer : inner)[k] = v;
  return { ...outer, anyOf: [inner, NULL] };
}

/** `s` without the `null` alternative `orNull` added (for value generators: null is drawn as "absent"). */
export function withoutNull(s: JsonSchema): JsonSchema {
  if (Array.isArray(s.type) && s.type.includes('null') && s.type.length === 2) {
    return { ...s, type: s.type.find((t) => t !== 'null') };
  }
  const alternatives = s.anyOf as JsonSchema[] | undefined;
  if (alternatives?.length === 2 && alternatives[1].type === 'null' && Object.keys(alternatives[1]).length === 1) {
    const { anyOf: _anyOf, ...siblings } = s;
    return { ...alternatives[0], ...siblings };
  }
  return s;
}

/** The schema with `null` accepted for every optional property, at any depth (definitions included). */
export function nullableOptionals(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out = Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, CONSTRAINTS.has(k) ? v : k === 'properties' || k === 'definitions' ? mapValues(v, walk) : walk(v)]),
    );
    if (out.properties && typeof out.properties === 'object') {
      const properties = out.properties as Record<string, JsonSchema>;
      if (Array.isArray(out.required)) {
        out.required = (out.required as string[]).filter((k) => !(properties[k] && acceptsNull(properties[k], schema)));
        if ((out.required as string[]).length === 0) delete out.required;
      }
      const required = new Set((out.required as string[] | undefined) ?? []);
      out.properties = Object.fromEntries(
        Object.entries(out.properties as Record<string, JsonSchema>).map(([k, v]) => [k, required.has(k) ? v : orNull(v)]),
      );
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
}
