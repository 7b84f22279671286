/**
 * YAML scalars as Helm reads values files (and Kubernetes reads manifests):
 * go-yaml v2 through sigs.k8s.io/yaml. Its `resolve` (resolve.go) is
 * reproduced here for plain scalars, as `yaml` library tags:
 *
 * - booleans: `y Y yes Yes YES on On ON true True TRUE` and their negatives;
 * - null: `~ null Null NULL` and empty;
 * - numbers: every `_` removed, then Go's `strconv.ParseInt(s, 0, 64)`
 *   (`0x1F`, `0X1f`, `0o17`, `017` octal, `0b101`, signs), else `ParseUint`,
 *   else a float if it matches go-yaml's `yamlStyleFloat` (a digit or dot
 *   before any exponent: `e80` stays a string) that Go's `ParseFloat` reads
 *   without a range error (`1e500` stays a string); `.inf` / `.nan` as YAML 1.1;
 * - everything else, timestamps (`2001-12-14`) and sexagesimal (`12:30`)
 *   included, is a string.
 *
 * Quoted scalars are always strings. The `yaml` library's YAML 1.1 schema
 * differs on `0o17`, `0X1f`, `e80`, `12:30` and dates, which is why values
 * files are read through these options (test/values/helm-yaml-scalars.test.ts
 * checks the reading against real Helm).
 */
import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from 'yaml';

/**
 * go-yaml's reader treats a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029) as line breaks (a lone CR becomes
 * `\n` too): NEL becomes `\n` (so a
 * raw NEL inside a scalar folds like a newline), LS and PS stay in the content while the blanks around them
 * go, as around any line break. The `yaml` library reads all three as ordinary characters, so text is passed
 * through this first (outside block scalars' deeper indentation the two readings then agree).
 */
export function goYamlBreaks(text: string): string {
  if (!/[\r\u0085\u2028\u2029]/.test(text)) return text;
  // A CR not followed by LF (old Mac line ends) is a line break to go-yaml, an ordinary character to the `yaml` library.
  return text.replace(/\r(?!\n)/g, '\n').replace(/\u0085/g, '\n').replace(/[ \t]*([\u2028\u2029])[ \t]*/g, '$1');
}

type Tag = {
  tag: string;
  format?: string;
  default?: boolean;
  test?: RegExp;
  resolve?: (s: string, onError: (message: string) => void) => unknown;
  identify?: (v: unknown) => boolean;
};

/** An explicit tag on a value go-yaml cannot decode as that type (`!!int abc`): an error, as in Helm. */
const cannot = (onError: (message: string) => void, s: string, tag: string) => {
  onError(`cannot decode ${JSON.stringify(s)} as ${tag} (Helm refuses it too)`);
  return s;
};

const GO_YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint(s, 0, 64)` on an underscore-free string, or undefined. */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body.toLowerCase());
  const value = m[1] === '-' ? -magnitude : magnitude;
  const fits = (value >= INT64_MIN && value <= INT64_MAX) || (m[1] === '' && value <= UINT64_MAX);
  return fits ? Number(value) : undefined;
}

/** Whether go-yaml resolves this plain scalar as an integer (`strconv.ParseInt`/`ParseUint` succeed), not a float. */
export function goYamlIsInt(plain: string): boolean {
  return goParseInt(plain.replace(/_/g, '')) !== undefined;
}

/** go-yaml v2's resolution of a plain scalar that starts like a number. */
export function goYamlNumber(plain: string): number | string {
  const s = plain.replace(/_/g, '');
  const int = goParseInt(s);
  if (int !== undefined) return int;
  // strconv.ParseFloat fails with ErrRange beyond float64 (`1e500`): go-yaml then keeps the string.
  if (GO_YAML_FLOAT.test(s) && Number.isFinite(Number(s))) return Number(s);
  return plain;
}

const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

const GO_YAML_BOOL: Tag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (v) => typeof v === 'boolean',
  test: BOOL,
  resolve: (s) => /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(s),
};

const GO_YAML_NUMBER: Tag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (v) => typeof v === 'number',
  // Exactly the plain scalars go-yaml reads as numbers (so a writer quotes `1_000` and `0X1F` but not `100m`).
  test: { test: (plain: string) => /^[-+]?\.?[0-9]/.test(plain) && typeof goYamlNumber(plain) === 'number' } as unknown as RegExp,
  resolve: (s) => goYamlNumber(s),
};

/** Only for an explicit `!!int` (plain numbers resolve through GO_YAML_NUMBER): go-yaml decodes `!!int "0x10"` as 16. */
const GO_YAML_INT: Tag = {
  tag: 'tag:yaml.org,2002:int',
  identify: () => false,
  resolve: (s, onError) => {
    const v = goYamlNumber(s);
    return typeof v === 'number' && Number.isInteger(v) ? v : cannot(onError, s, '!!int');
  },
};

const NULL = /^(?:~|null|Null|NULL)?$/;
const GO_YAML_NULL: Tag = {
  tag: 'tag:yaml.org,2002:null',
  default: true,
  identify: (v) => v === null || v === undefined,
  test: NULL,
  resolve: () => null,
};

/**
 * Explicitly tagged scalars (`!!bool maybe`, `!!float abc`, `!!null x`): the `yaml` library
 * resolves a tag by name through an entry without a `test`, so these strict twins are used only
 * then; implicit resolution keeps go-yaml's leniency (`1e400` stays a string).
 */
const tagged = (tag: string, name: string, decode: (s: string) => unknown | typeof NOT): Tag => ({
  tag: `tag:yaml.org,2002:${tag}`,
  identify: () => false,
  resolve: (s, onError) => {
    const v = decode(s);
    return v === NOT ? cannot(onError, s, name) : v;
  },
});
const NOT = Symbol('not this type');
const TAGGED = [
  tagged('bool', '!!bool', (s) => (BOOL.test(s) ? /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(s) : NOT)),
  tagged('float', '!!float', (s) => {
    const v = goYamlNumber(s);
    return typeof v === 'number' ? v : NOT;
  }),
  tagged('null', '!!null', (s) => (NULL.test(s) ? null : NOT)),
];

/** `yaml` library options that read scalars as go-yaml v2 does (see above). */
export const goYamlOptions: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  version: '1.1',
  prettyErrors: true,
  customTags: (tags) => [
    GO_YAML_NULL,
    GO_YAML_BOOL,
    GO_YAML_NUMBER,
    GO_YAML_INT,
    ...TAGGED,
    ...(tags as Tag[]).filter(
      (t) =>
        !['tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp'].includes(t.tag) &&
        !(t.tag === 'tag:yaml.org,2002:float' && t.format !== 'NAN' && !String(t.test).includes('inf')),
    ),
  ] as never,
};

/** JSON that go-yaml reads back as `value`: NEL, LS and PS escaped (raw, go-yaml would read them as line breaks). */
export function goYamlJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
