/**
 * Symbolic values: objects that type-check as `Values` but record every read
 * as an expression, so a chart definition written against `Values` can be run
 * once to emit Go templates, in the spirit of cdk8s tokens.
 *
 * - string fields, and every scalar a traced operation yields, read as opaque stand-ins (see `registerToken`):
 *   JavaScript cannot read them at all (coercion, `toString`/`valueOf`/`toJSON`, iteration, a property key,
 *   `then`, any property), so what the analysis did not lower stops the build where the chart misuses it;
 * - number, boolean, object and array fields read as proxies: objects support field access, arrays
 *   `.map()` and `.flatMap()` (emitted as `range`), and a proxy placed in the output is emitted as `toYaml`
 *   (objects, lists) or as its value (scalars).
 */
import { chartError } from '../language/chart-files';
import type { Expr, Root, ValueType } from './expr';
import type { JsonSchema } from './json-schema';
import { acceptsNull, resolveSchema, schemaType, propertySchema, itemSchema } from './json-schema';
import { RangeMarker } from './markers';

export interface TokenInfo {
  expr: Expr;
  type: ValueType;
  /** The field may be absent: its key is emitted only when the value is set. */
  optional?: boolean;
  /** A Go boolean expression that is true exactly when the value is JavaScript-truthy (default: from `type`). */
  truth?: Expr;
  /** A scalar whose type depends on a branch (`a && b` of a boolean and a string): emitted with `toJson`. */
  json?: boolean;
  /** A number that is never `-0` (a length, an index, or one the schema keeps away from zero: `@minimum 1`). */
  noMinusZero?: boolean;
}

const NODE = Symbol('symbolic-node');

/** What a proxy stands for. */
export interface SymbolicNode {
  expr: Extract<Expr, { kind: 'ref' }>;
  schema: JsonSchema;
  rootSchema: JsonSchema;
  type: ValueType;
  /** Whether the value may be absent (not in its parent's `required`). */
  optional: boolean;
}

/** Scope bookkeeping for loop variable names; set by the emitter around a symbolic run. */
let usedVarNames = new Set<string>();
export function resetVariableNames(): void {
  usedVarNames = new Set();
}

/** A fresh template variable name (without `$`), unique within the current template. */
export function allocVar(base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '') || 'item';
  let name = clean;
  for (let i = 2; usedVarNames.has(name); i++) name = `${clean}${i}`;
  usedVarNames.add(name);
  return name;
}

/** Singular of a list field name, for loop variables: `namespaces` → `namespace`, `egress` → `egress`. */
export function singular(field: string): string {
  if (field.endsWith('ies')) return `${field.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(field)) return field.slice(0, -2);
  if (field.endsWith('ss') || !field.endsWith('s')) return field;
  return field.slice(0, -1);
}

/** What each stand-in stands for (read by the generator only, never through the stand-in). */
const standIns = new WeakMap<object, TokenInfo>();

/** The target behind a stand-in: its prototype is no plain object's, so libraries that test for one leave it alone. */
class StandIn {
  constructor(readonly info: TokenInfo) {}
}

function whatOf(info: TokenInfo): string {
  const e = info.expr;
  if (e.kind !== 'ref') return `a ${info.type === 'unknown' ? 'value' : info.type} known only when Helm renders`;
  const head = e.root.type === 'values' ? '.Values' : e.root.type === 'builtin' ? `.${e.root.object}` : e.root.type === 'expr' ? '(…)' : `$${e.root.name}`;
  return `${[head, ...e.path].join('.')} (known only when Helm renders)`;
}

/** What JavaScript was doing when it touched a stand-in, and what to write instead. */
function misuse(prop: string | symbol): string {
  if (prop === Symbol.toPrimitive || prop === 'toString' || prop === 'valueOf' || prop === Symbol.toStringTag) {
    return 'JavaScript tried to turn it into a string or number (concatenation with +, a property key, arithmetic, a library call); ' +
      'build strings with a template literal or +, and use values only in the constructs the README lists';
  }
  if (prop === 'toJSON') return 'JSON.stringify cannot read it; use toJson()';
  if (prop === Symbol.iterator || prop === Symbol.asyncIterator) return 'it cannot be iterated or spread; place the string as is';
  if (prop === 'then') return 'it cannot be awaited; chart definitions are synchronous';
  if (prop === 'length') return '.length of a string is not traced (Go counts bytes where JavaScript counts UTF-16 units); compare the string itself, or use trunc()';
  if (typeof prop === 'symbol') return `JavaScript read ${String(prop)} of it`;
  return `JavaScript cannot read .${prop} of it; use the string methods the README lists`;
}

function refuse(target: StandIn, prop: string | symbol): never {
  throw chartError(`${whatOf(target.info)}: ${misuse(prop)}`);
}

const STAND_IN: ProxyHandler<StandIn> = {
  get: (target, prop) => refuse(target, prop),
  has: (target, prop) => refuse(target, prop === Symbol.iterator ? prop : 'in'),
  ownKeys: (target) => {
    throw chartError(`${whatOf(target.info)}: its keys or characters cannot be enumerated by JavaScript; place the value as is`);
  },
  getOwnPropertyDescriptor: (target, prop) => refuse(target, prop),
  set: (target) => {
    throw chartError(`${whatOf(target.info)} is read from the chart's inputs and cannot be changed; build a new value`);
  },
  defineProperty: (target) => {
    throw chartError(`${whatOf(target.info)} is read from the chart's inputs and cannot be changed; build a new value`);
  },
  deleteProperty: (target) => {
    throw chartError(`${whatOf(target.info)} is read from the chart's inputs and cannot be changed; build a new value`);
  },
};

/**
 * A stand-in for a scalar (a string field, or any traced result): an opaque object every JavaScript read of
 * which stops the build with the chart's own file:line:column (from the stack). Typed as a string for the
 * chart's TypeScript; only the generator reads what it stands for (`exprOf`).
 */
export function registerToken(expr: Expr, type: ValueType, optional = false, extra: Pick<TokenInfo, 'truth' | 'json' | 'noMinusZero'> = {}): string {
  const info: TokenInfo = { expr, type, optional, ...extra };
  const standIn = new Proxy(new StandIn(info), STAND_IN);
  standIns.set(standIn, info);
  return standIn as unknown as string;
}

/**
 * Keys computed from values (`{ [v.key]: 'x' }`, lowered to `key()`): a property key must be a string, so such a
 * key is a private-use string standing for the value, read only by the emitter (a `dict` Helm fills in order).
 */
const keyTokens = new Map<string, TokenInfo>();

/** The property key standing for a scalar known only when Helm renders. */
export function keyToken(info: TokenInfo): string {
  const key = `\uE004${keyTokens.size}\uE005`;
  keyTokens.set(key, info);
  return key;
}

/** Whether a property key stands for a value (see `keyToken`). */
export function hasTokens(key: string): boolean {
  return keyTokens.has(key);
}

/** Whether `value` is a scalar stand-in (see `registerToken`). */
export function isStandIn(value: unknown): boolean {
  return typeof value === 'object' && value !== null && standIns.has(value);
}

/** Literal text and stand-ins joined as one string, as JavaScript's `+` and template literals join them. */
export function concatOf(parts: Array<string | TokenInfo>): string {
  const out: Array<string | Expr> = [];
  const text = (t: string) => {
    if (t === '') return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += t;
    else out.push(t);
  };
  for (const p of parts) {
    if (typeof p === 'string') text(p);
    else if (p.type === 'string' && p.expr.kind === 'concat') p.expr.parts.forEach((q) => (typeof q === 'string' ? text(q) : out.push(q)));
    else out.push(asText(p));
  }
  if (out.length === 0) return '';
  if (out.length === 1 && typeof out[0] === 'string') return out[0];
  return registerToken({ kind: 'concat', parts: out }, 'string');
}

/** The node behind a proxy, or undefined for ordinary values. */
export function symbolicNode(value: unknown): SymbolicNode | undefined {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null && !standIns.has(value)) {
    return (value as Record<symbol, SymbolicNode | undefined>)[NODE];
  }
  return undefined;
}

/** Whether a value is symbolic: a proxy or a stand-in. */
export function isSymbolic(value: unknown): boolean {
  return isStandIn(value) || symbolicNode(value) !== undefined;
}

/**
 * A value's expression as text: numbers through `toJson`, which formats a float64 as JavaScript does (never
 * `1e+06`), except `-0`, which JavaScript prints `0`.
 */
export function asText(info: TokenInfo): Expr {
  if (info.type !== 'integer' && info.type !== 'number') return info.expr;
  const json: Expr = { kind: 'call', fn: 'toJson', args: [info.expr] };
  if (info.noMinusZero) return json;
  return { kind: 'call', fn: 'regexReplaceAll', args: [{ kind: 'lit', value: '^-0$' }, json, { kind: 'lit', value: '0' }] };
}

/** The expression of a symbolic value (proxy or stand-in). */
export function exprOf(value: unknown): TokenInfo | undefined {
  if (typeof value === 'string') return keyTokens.get(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const info = standIns.get(value);
  if (info) return info;
  const node = symbolicNode(value);
  if (node) return { expr: node.expr, type: node.type, optional: node.optional, ...(excludesZero(node.schema) ? { noMinusZero: true } : {}) };
  return undefined;
}

/** Whether a number schema leaves out 0 (and so -0). */
function excludesZero(schema: JsonSchema): boolean {
  const s = schema as { minimum?: number; exclusiveMinimum?: number | boolean; maximum?: number; exclusiveMaximum?: number | boolean };
  return (typeof s.minimum === 'number' && s.minimum > 0) || (typeof s.exclusiveMinimum === 'number' && s.exclusiveMinimum >= 0)
    || (typeof s.maximum === 'number' && s.maximum < 0) || (typeof s.exclusiveMaximum === 'number' && s.exclusiveMaximum <= 0);
}

/** Creates the symbolic value for a reference with the given schema. */
export function symbolicValue(
  root: Root,
  path: string[],
  schema: JsonSchema,
  rootSchema: JsonSchema,
  optional = false,
  nilable: number[] = [],
): unknown {
  const resolved = resolveSchema(schema, rootSchema);
  const type = schemaType(resolved, rootSchema);
  const expr = { kind: 'ref' as const, root, path, ...(nilable.length ? { nilable } : {}), ...(optional ? { maybeNil: true } : {}) };
  if (type === 'string') return registerToken(expr, type, optional);
  return makeProxy({ expr, schema: resolved, rootSchema, type, optional });
}

function where(node: SymbolicNode): string {
  const { root, path } = node.expr;
  const head = root.type === 'values' ? '.Values' : root.type === 'builtin' ? `.${root.object}` : root.type === 'expr' ? '(…)' : `$${root.name}`;
  return [head, ...path].join('.');
}

function makeProxy(node: SymbolicNode): unknown {
  const target = node.type === 'array' ? [] : {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === NODE) return node;
      if (prop === Symbol.toStringTag) return 'SymbolicValue';
      if (prop === Symbol.toPrimitive && (node.type === 'integer' || node.type === 'number')) {
        return () => {
          throw chartError(
            `${where(node)} is a number known only when Helm renders; use it in a template literal or as a field value, not in arithmetic.`,
          );
        };
      }
      if (prop === Symbol.toPrimitive || prop === 'toString' || prop === 'valueOf') {
        return () => {
          throw chartError(
            `${where(node)} is a symbolic ${node.type}; it cannot be turned into a string. ` +
              'Read one of its fields, or place it in the output as a whole.',
          );
        };
      }
      if (prop === Symbol.iterator) {
        throw chartError(`${where(node)} is read symbolically: it cannot be iterated (for…of, spread, Array.from); use .map()${node.type === 'array' ? '' : ' on a list'}.`);
      }
      if (typeof prop === 'symbol') return undefined;
      // A field of these names is read as a field (the analysis guarantees no await or JSON.stringify of a value).
      const isField = !!(node.schema.properties as Record<string, unknown> | undefined)?.[prop];
      if (prop === 'toJSON' && !isField) {
        // Fail closed: JSON.stringify of a stand-in would write `{}` for a value only Helm knows.
        return () => {
          throw chartError(`${where(node)} is known only when Helm renders: JSON.stringify cannot read it; use toJson()`);
        };
      }
      if (prop === 'then' && !isField) {
        // Fail closed: `await` or a promise would read a stand-in as a value that is not a promise.
        throw chartError(`${where(node)} is known only when Helm renders: it cannot be awaited or resolved by a promise; chart definitions are synchronous`);
      }
      if (prop === 'constructor' && !isField) return undefined;
      if (node.type === 'array') {
        // list[0] → `first list` (nil when empty, as JavaScript's undefined).
        if (prop === '0') {
          const list: Expr = node.optional ? { kind: 'call', fn: 'default', args: [{ kind: 'call', fn: 'list', args: [] }, node.expr] } : node.expr;
          return symbolicValue({ type: 'expr', expr: { kind: 'call', fn: 'first', args: [list] } }, [], itemSchema(node.schema, node.rootSchema), node.rootSchema, true);
        }
        if (prop === 'map') return (fn: (item: unknown) => unknown) => [rangeOver(node, fn, false)];
        if (prop === 'flatMap') return (fn: (item: unknown) => unknown) => [rangeOver(node, fn, true)];
        throw chartError(
          `${where(node)} is a list read symbolically; chart definitions may only call .map() or .flatMap() on it (got .${prop}).`,
        );
      }
      const child = propertySchema(node.schema, prop, node.rootSchema);
      if (!child) {
        throw chartError(`${where(node)} has no field "${prop}" in the values schema; check the Values type.`);
      }
      // Reading through a value that may be unset: Helm reads it nil-safely (`default dict`).
      // A value under one that may be unset may be unset too.
      const nilable = [...(node.expr.nilable ?? []), ...(node.optional || node.expr.nilable?.length ? [node.expr.path.length - 1] : [])];
      // `T | null` may be unset although its key is required (a `null` default).
      const optional = !child.required || acceptsNull(child.schema, node.rootSchema);
      return symbolicValue(node.expr.root, [...node.expr.path, prop], child.schema, node.rootSchema, optional, nilable);
    },
    ownKeys() {
      throw chartError(
        `${where(node)} is symbolic: its keys are known only when Helm renders. ` +
          'Do not spread or enumerate it; use merge() or place it in the output as a whole.',
      );
    },
    // Fail closed: JavaScript's own reads and writes of a stand-in would answer once, for the stand-in.
    has(_t, prop) {
      if (prop === NODE) return true;
      throw chartError(`${where(node)} is known only when Helm renders: \`${String(prop)} in\` cannot be answered by JavaScript; read the field and compare it with undefined`);
    },
    set() {
      throw chartError(`${where(node)} is read from the chart's inputs and cannot be changed; build a new object`);
    },
    defineProperty() {
      throw chartError(`${where(node)} is read from the chart's inputs and cannot be changed; build a new object`);
    },
    deleteProperty() {
      throw chartError(`${where(node)} is read from the chart's inputs and cannot be changed; build a new object`);
    },
  });
}

function rangeOver(node: SymbolicNode, fn: (item: unknown, index: number) => unknown, flat: boolean): RangeMarker {
  const items = itemSchema(node.schema, node.rootSchema);
  const field = node.expr.path[node.expr.path.length - 1] ?? 'item';
  const name = allocVar(singular(field));
  const item = symbolicValue({ type: 'var', name }, [], items, node.rootSchema);
  // `.map((x, i) => …)`: `range $i, $x := …`.
  const keyVar = fn.length > 1 ? allocVar('i') : undefined;
  const index = keyVar ? registerToken({ kind: 'ref', root: { type: 'var', name: keyVar }, path: [] }, 'integer', false, { noMinusZero: true }) : undefined;
  return new RangeMarker(node.expr, name, fn(item, index as unknown as number), flat, keyVar);
}

/**
 * `sortedEntries(map).map(([key, value]) => …)` on a values map: `range $key, $value := map` (Helm ranges in
 * key order, sorted as Go sorts strings; the concrete `sortedEntries` sorts the same way). Only `.map()` is
 * traced: anything else read from the stand-in stops the build.
 */
export function symbolicEntries(map: unknown): { map(fn: (entry: [string, unknown]) => unknown): unknown[] } | undefined {
  const node = symbolicNode(map);
  if (!node || node.type !== 'object') return undefined;
  const values = propertySchema(node.schema, '\uE003any', node.rootSchema);
  if (!values) throw chartError(`${where(node)} has fixed fields, not arbitrary keys; sortedEntries() is traced on maps (Record<string, T>) only.`);
  const mapped = (fn: (entry: [string, unknown]) => unknown) => {
    const field = node.expr.path[node.expr.path.length - 1] ?? 'entry';
    const keyVar = allocVar('key');
    const name = allocVar(singular(field));
    const value = symbolicValue({ type: 'var', name }, [], values.schema, node.rootSchema);
    const key = registerToken({ kind: 'ref', root: { type: 'var', name: keyVar }, path: [] }, 'string');
    // A map that may be unset ranges as an empty one (`sortedEntries(v.annotations ?? {})` reaches here as set).
    const source = node.optional ? { kind: 'call' as const, fn: 'default', args: [{ kind: 'call' as const, fn: 'dict', args: [] }, node.expr] } : node.expr;
    return [new RangeMarker(source, name, fn([key, value]), false, keyVar)];
  };
  return new Proxy({ map: mapped }, {
    get(target, prop) {
      if (prop === 'map') return target.map;
      if (typeof prop === 'symbol') return undefined;
      throw chartError(`the entries of ${where(node)} exist only when Helm renders: only .map() is traced on sortedEntries(map) (got .${prop})`);
    },
    ownKeys() {
      throw chartError(`the entries of ${where(node)} exist only when Helm renders: only .map() is traced on sortedEntries(map)`);
    },
  });
}

/** The root symbolic `Values`, typed as the chart's `Values`. */
export function symbolicValues<V>(schema: JsonSchema): V {
  return symbolicValue({ type: 'values' }, [], schema, schema) as V;
}
