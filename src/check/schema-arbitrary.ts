/**
 * fast-check arbitraries drawn from a chart's `values.schema.json`: the JSON
 * Schema subset ts-json-schema-generator emits (object with properties,
 * required and additionalProperties/propertyNames, array with items and
 * min/maxItems, string with enum/const/pattern/min/maxLength, integer and
 * number with bounds, boolean, null, anyOf/oneOf, local `$ref`, and `allOf`
 * rules such as `if`/`then`, which draws that break them are filtered out). Strings are
 * biased towards names YAML 1.1 would retype if a template forgot `quote`.
 * A keyword outside the subset is ignored; values that still break the schema
 * are dropped by the caller. Edge values are drawn often: `''`, `0`, `false`, `null` and absent optional fields,
 * empty lists and maps, integers of 1e6 and past 2^53, small floats, non-ASCII text and YAML 1.1 words.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../generator/json-schema';
import { resolveSchema } from '../generator/json-schema';
import { withoutNull } from '../generator/nullable-schema';
import { compileSchema } from '../values/compile-schema';

export interface ArbitraryOptions {
  /** Longest array and dictionary drawn where the schema sets no maximum. Default 4. */
  maxItems?: number;
}

/**
 * Edge strings: names a YAML 1.1 reader turns into booleans, numbers or null unless quoted, the empty string,
 * non-ASCII text (where Go's and JavaScript's case mapping, trimming and ordering can differ), line-break
 * characters go-yaml reads as breaks (NEL, LS, PS), and template delimiters.
 */
const YAML_TRAPS = [
  'on', 'off', 'no', 'yes', 'y', 'n', 'Y', 'N', 'true', 'null', '~', '0777', '0o17', '1e3', '0x1f', '0X1F', '1_000', '123', '',
  'ǅungla', 'straße', 'İx', 'ﬁ', 'Ω', '\u00a0x\u00a0', 'a\u2028b', '{{ .Release.Name }}',
];

const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  const min = num(s.minLength) ?? 0;
  const max = num(s.maxLength);
  const fits = (x: string) => x.length >= min && (max === undefined || x.length <= max);
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern);
    const traps = YAML_TRAPS.filter((t) => re.test(t) && fits(t));
    const matching = fc.stringMatching(re).filter(fits);
    return traps.length > 0 ? fc.oneof(fc.constantFrom(...traps), matching) : matching;
  }
  const examples = (s.examples ?? []).filter((e): e is string => typeof e === 'string' && fits(e));
  const plain = fc.string({ minLength: min, maxLength: Math.min(max ?? 12, min + 12) });
  const choices = [...new Set([...examples, ...YAML_TRAPS.filter(fits)])];
  return choices.length > 0 ? fc.oneof(fc.constantFrom(...choices), plain) : plain;
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + 1 : undefined);
  const max = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - 1 : undefined);
  const lo = min ?? -(2 ** 53 + 2);
  const hi = max ?? 2 ** 53 + 2;
  // 1e6 and beyond print as 1e+06 through Go's %v; 2^53 + 2 is past JavaScript's exact integers; small floats print as 1e-05.
  const big = [1_000_000, 12_345_678, 2 ** 53 + 2, -1_000_000];
  const floats = integer ? [] : [0.5, 0.00001, 1.5e-7, 1e21];
  const edges = [...new Set([lo, hi, 0, 1, ...big, ...floats].filter((x) => x >= lo && x <= hi))];
  const any = integer ? fc.integer({ min: lo, max: hi }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(fc.constantFrom(...edges), any);
}

function optional(v: JsonSchema, sub: (x: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const value = sub(withoutNull(v));
  return JSON.stringify(v) === JSON.stringify(withoutNull(v)) ? value : fc.oneof({ arbitrary: value, weight: 9 }, { arbitrary: fc.constant(null), weight: 1 });
}

/** An arbitrary of values valid under `schema` (a sub-schema of `root`). */
export function schemaArbitrary(schema: JsonSchema, root: JsonSchema = schema, options: ArbitraryOptions = {}, depth = 0): fc.Arbitrary<unknown> {
  const maxItems = options.maxItems ?? 4;
  const s = resolveSchema(schema, root);
  const sub = (x: JsonSchema) => schemaArbitrary(x, root, options, depth + 1);
  if (Array.isArray(s.allOf) && s.allOf.length > 0) {
    // Cross-field rules (`if`/`then`): draw from the rest of the schema, keep what the rules accept.
    const { allOf, ...rest } = s;
    const rules = compileSchema({ allOf, definitions: root.definitions } as JsonSchema);
    return schemaArbitrary(rest as JsonSchema, root, options, depth).filter((v) => rules(v) === true);
  }
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const alternatives = (s.anyOf ?? (s.oneOf as JsonSchema[] | undefined)) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map(sub));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => sub({ ...s, type })));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(s);
    case 'integer':
      return numberArbitrary(s, true);
    case 'number':
      return numberArbitrary(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num(s.minItems) ?? 0;
      const maxLength = Math.max(minLength, Math.min(num(s.maxItems) ?? maxItems, depth > 4 ? minLength : maxItems));
      // The empty list is drawn often: it is where `range`/`with` and JavaScript part ways.
      const items = fc.array(s.items ? sub(s.items) : fc.jsonValue(), { minLength, maxLength });
      return minLength === 0 ? fc.oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: items, weight: 3 }) : items;
    }
    case 'object':
    case undefined: {
      const properties = s.properties ?? {};
      const record = fc.record(
        // An optional field's `null` (Helm's unset) means absent, which leaving the key out already draws.
        // An optional field is sometimes `null` (Helm's unset) where its schema allows it, besides being left out.
        Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, (s.required ?? []).includes(k) ? sub(v) : optional(v, sub)])),
        { requiredKeys: (s.required ?? []).filter((k) => k in properties) },
      );
      const extra = s.additionalProperties;
      if (extra === false || (extra === undefined && Object.keys(properties).length > 0)) return record;
      const names = s.propertyNames as JsonSchema | undefined;
      const key = names ? stringArbitrary({ ...names, minLength: Math.max(1, num(names.minLength) ?? 1) }) : fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
      const value = typeof extra === 'object' ? sub(extra) : fc.jsonValue();
      const dictionary = fc.dictionary(key, value, { maxKeys: depth > 4 ? 0 : maxItems });
      // The empty map is drawn often too.
      const map = fc.tuple(dictionary, record).map(([d, r]) => ({ ...d, ...r }));
      return Object.keys(properties).length === 0 ? fc.oneof({ arbitrary: fc.constant({}), weight: 1 }, { arbitrary: map, weight: 3 }) : map;
    }
    default:
      return fc.jsonValue();
  }
}
