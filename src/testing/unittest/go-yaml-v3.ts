/**
 * YAML as helm-unittest reads it: suite files, the values files a suite names, rendered manifests
 * and snapshot files all go through go.yaml.in/yaml/v3 (internal/common/utilities.go:
 * `YmlUnmarshal`, `YamlNewDecoder`). Its scalar resolution (yaml.v3 resolve.go) differs from
 * Helm's go-yaml v2 (src/values/go-yaml.ts) only in booleans: v3 knows `true True TRUE false False
 * FALSE`, so `yes`, `on`, `y` stay strings. Numbers resolve as in v2 (`strconv.ParseInt(s, 0, 64)`
 * after removing `_`, then a YAML-style float), timestamps decoded into `interface{}` stay strings.
 *
 * Go keeps `int` and `float64` apart (helm-unittest compares with `reflect.DeepEqual`, where `1`
 * and `1.0` differ, and `isType` names them), JavaScript does not: a float with an integral value
 * (`1.0`, `2e3`) is decoded as a boxed `Number` (`new Number(1)`), a non-integral one is a plain
 * number (it cannot be mistaken for an int). validate-context.ts `deepEqual`, `goTypeName` and the
 * validators know the boxed form; `unboxFloats` turns it back into plain numbers.
 */
import { parseAllDocuments, parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToJSOptions } from 'yaml';
import { goYamlIsInt, goYamlNumber } from '../../values/go-yaml';

type Tag = { tag: string; format?: string; default?: boolean; test?: RegExp; resolve?: (s: string) => unknown; identify?: (v: unknown) => boolean };

const V3_BOOL: Tag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (v) => typeof v === 'boolean',
  test: /^(?:true|True|TRUE|false|False|FALSE)$/,
  resolve: (s) => /^(?:true|True|TRUE)$/.test(s),
};

const V3_NUMBER: Tag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (v) => typeof v === 'number',
  test: /^[-+]?\.?[0-9]/,
  resolve: (s: string) => {
    const v = goYamlNumber(s);
    // eslint-disable-next-line no-new-wrappers
    return typeof v === 'number' && Number.isInteger(v) && !goYamlIsInt(s) ? new Number(v) : v;
  },
};

/** A float64 with an integral value, as decoded here (see above). */
export function isGoFloat(v: unknown): v is Number {
  return v instanceof Number;
}

/** A copy with every boxed float as a plain number (for printing, snapshots' text, values for helm). */
export function unboxFloats(v: unknown): unknown {
  if (v instanceof Number) return v.valueOf();
  if (Array.isArray(v)) return v.map(unboxFloats);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unboxFloats(x)]));
  return v;
}

const V3_SPECIAL_FLOAT: Tag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  resolve: (s) => (/nan/i.test(s) ? NaN : s.startsWith('-') ? -Infinity : Infinity),
};

const V3_NULL: Tag = {
  tag: 'tag:yaml.org,2002:null',
  default: true,
  identify: (v) => v === null || v === undefined,
  test: /^(?:~|null|Null|NULL)?$/,
  resolve: () => null,
};

/** `yaml` library options that read as go.yaml.in/yaml/v3 decodes into `interface{}`. */
export const goYamlV3Options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  version: '1.2',
  schema: 'failsafe',
  merge: true,
  uniqueKeys: true,
  customTags: [V3_NULL, V3_BOOL, V3_SPECIAL_FLOAT, V3_NUMBER] as never,
};

/** Parses one YAML document as yaml.v3; throws with the library's message on a syntax error. */
export function parseV3(text: string, where: string): unknown {
  const doc = parseDocument(text, goYamlV3Options);
  if (doc.errors.length > 0) throw new Error(`${where}: ${doc.errors[0].message}`);
  return doc.toJS({ maxAliasCount: -1 });
}

/** Every document of a multi-document YAML text, as yaml.v3; empty documents are kept as null. */
export function parseAllV3(text: string, where: string): unknown[] {
  return parseAllDocuments(text, goYamlV3Options).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${where}: ${doc.errors[0].message}`);
    return doc.toJS({ maxAliasCount: -1 });
  });
}
