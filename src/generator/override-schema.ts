/**
 * The schema of a partial values file (`helm -f my-values.yaml`): such a file
 * is merged over the chart defaults, so a map may leave out any key and
 * `required` no longer applies — except inside list items, because a list
 * replaces the default list whole. Editors validate `values/*.yaml` with this
 * schema; the chart's own `values.yaml` and Helm use the full one.
 */
import { resolveSchema, type JsonSchema } from './json-schema';

function relax(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref) {
    const { $ref: _ref, ...siblings } = schema;
    return { ...relax(resolveSchema(schema, root), root), ...siblings };
  }
  const out: JsonSchema = { ...schema };
  delete out.required;
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, relax(v, root)]));
  }
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = relax(schema.additionalProperties, root);
  // List items keep `required` (and their $refs): a list is replaced, never merged.
  return out;
}

export function overrideSchema(schema: JsonSchema, title: string): JsonSchema {
  const { definitions, $schema, title: _title, ...rest } = schema;
  return { $schema, title, ...relax(rest, schema), definitions };
}
