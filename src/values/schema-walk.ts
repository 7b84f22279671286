/**
 * The schema that governs a values path, found by walking the JSON schema
 * along it (through `$ref`, `properties`, `additionalProperties` and `items`),
 * and the named definition it comes from (`EgressHost`, `DnsLabel`, …).
 */
import type { JsonSchema } from '../generator/json-schema';
import type { PathSegment } from './values-problem';

export interface SchemaAt {
  /** The resolved schema at the path; undefined when the schema does not describe it. */
  schema?: JsonSchema;
  /** The definition the path's schema was reached through, when its last step was a `$ref`. */
  definition?: string;
}

/** Follows local `#/definitions/...` refs; returns the target and the last definition name. */
export function resolveRef(schema: JsonSchema | undefined, root: JsonSchema): SchemaAt {
  let current = schema;
  let definition: string | undefined;
  for (let hops = 0; current?.$ref && hops < 32; hops++) {
    const m = /^#\/definitions\/(.+)$/.exec(current.$ref);
    definition = m ? decodeURIComponent(m[1]) : undefined;
    current = definition ? root.definitions?.[definition] : undefined;
  }
  return { schema: current, definition };
}

/** The schema of the value at `segments` of data valid against `root`. */
export function schemaAt(root: JsonSchema, segments: PathSegment[]): SchemaAt {
  let at: SchemaAt = resolveRef(root, root);
  for (const segment of segments) {
    const s = at.schema;
    if (!s) return {};
    let next: JsonSchema | undefined;
    if (typeof segment === 'number') next = s.items;
    else if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, segment)) next = s.properties[segment];
    else if (typeof s.additionalProperties === 'object') next = s.additionalProperties;
    at = resolveRef(next, root);
  }
  return at;
}
