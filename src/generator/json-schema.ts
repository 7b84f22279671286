/** The subset of JSON Schema (draft-07) the generator reads, and helpers to walk it. */
import type { ValueType } from './expr';

export interface JsonSchema {
  $ref?: string;
  $schema?: string;
  definitions?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  [keyword: string]: unknown;
}

const isNull = (s: JsonSchema) => s.type === 'null';

/**
 * Follows `$ref`s (local `#/definitions/...` only), and sees through `T | null` (an `anyOf` with
 * one non-null member): `null` is Helm's way to unset a default, and reads as absent.
 */
export function resolveSchema(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref || current.anyOf; hops++) {
    if (!current.$ref) {
      const members = current.anyOf!.filter((m) => !isNull(m));
      if (members.length !== 1 || members.length === current.anyOf!.length) break;
      current = members[0];
      continue;
    }
    if (hops > 32) throw new Error(`$ref loop at ${schema.$ref}`);
    const m = /^#\/definitions\/(.+)$/.exec(current.$ref);
    const target = m ? root.definitions?.[decodeURIComponent(m[1])] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    // Keywords beside a $ref (description, default) are kept by the caller; the target carries the constraints.
    current = target;
  }
  return current;
}

/**
 * Whether a schema accepts `null` as written in the TypeScript type (`T | null`, or a `$ref` to an alias of one):
 * such a value may be unset even when its parent requires the key (a `null` default in values.yaml).
 */
export function acceptsNull(schema: JsonSchema, root: JsonSchema): boolean {
  let current = schema;
  for (let hops = 0; hops <= 32; hops++) {
    if (isNull(current) || (Array.isArray(current.type) && current.type.includes('null'))) return true;
    if (current.anyOf?.some(isNull)) return true;
    const m = current.$ref ? /^#\/definitions\/(.+)$/.exec(current.$ref) : null;
    const target = m ? root.definitions?.[decodeURIComponent(m[1])] : undefined;
    if (!target) return false;
    current = target;
  }
  return false;
}

/** The single JSON type a schema describes, or `unknown`. */
export function schemaType(schema: JsonSchema, root: JsonSchema): ValueType {
  const s = resolveSchema(schema, root);
  const types = Array.isArray(s.type) ? s.type.filter((x) => x !== 'null') : [s.type];
  const t = types.length === 1 ? types[0] : undefined;
  if (t === 'string' || t === 'integer' || t === 'number' || t === 'boolean' || t === 'object' || t === 'array') {
    return t;
  }
  if (s.enum && s.enum.every((e) => typeof e === 'string')) return 'string';
  return 'unknown';
}

/** The schema of a property, and whether the parent requires it. */
export function propertySchema(
  schema: JsonSchema,
  key: string,
  root: JsonSchema,
): { schema: JsonSchema; required: boolean } | undefined {
  const s = resolveSchema(schema, root);
  const prop = s.properties?.[key];
  if (prop) return { schema: prop, required: s.required?.includes(key) ?? false };
  if (typeof s.additionalProperties === 'object') return { schema: s.additionalProperties, required: false };
  if (s.additionalProperties === true) return { schema: {}, required: false };
  return undefined;
}

export function itemSchema(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const s = resolveSchema(schema, root);
  return s.items ?? {};
}

/** The documentation of a property: its own description, else that of the type it refers to. */
export function describeSchema(schema: JsonSchema, root: JsonSchema): string | undefined {
  return schema.description ?? resolveSchema(schema, root).description;
}
