/**
 * Symbolic values: objects that type-check as `Values` but record every read
 * as an expression, so a chart definition written against `Values` can be run
 * once to emit Go templates, in the spirit of cdk8s tokens.
 *
 * - string fields read as token strings (`\uE000<id>\uE001`) that survive
 *   template literals and concatenation;
 * - number, boolean, object and array fields read as proxies: numbers turn
 *   into a token inside template literals, arrays support `.map()` and
 *   `.flatMap()` (emitted as `range`), objects support field access, and a
 *   proxy placed in the output is emitted as `toYaml` (objects, lists) or as
 *   its value (scalars).
 */
import { chartError } from '../language/chart-files';
import type { Expr, Root, ValueType } from './expr';
import type { JsonSchema } from './json-schema';
import { acceptsNull, resolveSchema, schemaType, propertySchema, itemSchema } from './json-schema';
import { RangeMarker } from './markers';

const TOKEN_START = '\uE000';
const TOKEN_END = '\uE001';
const TOKEN_RE = /\uE000(\d+)\uE001/g;

export interface TokenInfo {
  expr: Expr;
  type: ValueType;
  /** The field may be absent: its key is emitted only when the value is set. */
  optional?: boolean;
  /** A Go boolean expression that is true exactly when the value is JavaScript-truthy (default: from `type`). */
  truth?: Expr;
  /** A scalar whose type depends on a branch (`a && b` of a boolean and a string): emitted with `toJson`. */
  json?: boolean;
}

const tokens: TokenInfo[] = [];
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

export function registerToken(expr: Expr, type: ValueType, optional = false, extra: Pick<TokenInfo, 'truth' | 'json'> = {}): string {
  tokens.push({ expr, type, optional, ...extra });
  return `${TOKEN_START}${tokens.length - 1}${TOKEN_END}`;
}

/** Splits a string into literal text and token expressions. */
export function splitTokens(text: string): Array<string | TokenInfo> {
  const parts: Array<string | TokenInfo> = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    if (m.index! > last) parts.push(text.slice(last, m.index));
    parts.push(tokens[Number(m[1])]);
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function hasTokens(text: string): boolean {
  return text.includes(TOKEN_START);
}

/** The node behind a proxy, or undefined for ordinary values. */
export function symbolicNode(value: unknown): SymbolicNode | undefined {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null) {
    return (value as Record<symbol, SymbolicNode | undefined>)[NODE];
  }
  return undefined;
}

/** Whether a value is symbolic: a proxy, a token string or a token number. */
export function isSymbolic(value: unknown): boolean {
  if (typeof value === 'string') return hasTokens(value);
  return symbolicNode(value) !== undefined;
}

/** A value's expression as text: numbers through `toJson`, which formats a float64 as JavaScript does (never `1e+06`). */
export function asText(info: TokenInfo): Expr {
  return info.type === 'integer' || info.type === 'number' ? { kind: 'call', fn: 'toJson', args: [info.expr] } : info.expr;
}

/** The expression of a symbolic value (proxy, whole-token string or token number). */
export function exprOf(value: unknown): TokenInfo | undefined {
  const node = symbolicNode(value);
  if (node) return { expr: node.expr, type: node.type, optional: node.optional };
  if (typeof value === 'string' && hasTokens(value)) {
    const parts = splitTokens(value);
    if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0];
    return {
      expr: { kind: 'concat', parts: parts.map((p) => (typeof p === 'string' ? p : asText(p))) },
      type: 'string',
    };
  }
  return undefined;
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
        return (hint: string) => {
          if (hint === 'string') return registerToken(node.expr, node.type);
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
      if ((prop === 'then' || prop === 'constructor') && !isField) return undefined;
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
  const index = keyVar ? registerToken({ kind: 'ref', root: { type: 'var', name: keyVar }, path: [] }, 'integer') : undefined;
  return new RangeMarker(node.expr, name, fn(item, index as unknown as number), flat, keyVar);
}

/**
 * `Object.entries(map).map(([key, value]) => …)` on a values map: `range $key, $value := map`. Helm
 * ranges over a map in key order, so the concrete side sorts too (see the transform's `entries`).
 */
export function symbolicEntries(map: unknown): { map(fn: (entry: [string, unknown]) => unknown): unknown[] } | undefined {
  const node = symbolicNode(map);
  if (!node || node.type !== 'object') return undefined;
  const values = propertySchema(node.schema, '\uE003any', node.rootSchema);
  if (!values) throw chartError(`${where(node)} has fixed fields, not arbitrary keys; Object.entries() is traced on maps (Record<string, T>) only.`);
  return {
    map(fn) {
      const field = node.expr.path[node.expr.path.length - 1] ?? 'entry';
      const keyVar = allocVar('key');
      const name = allocVar(singular(field));
      const value = symbolicValue({ type: 'var', name }, [], values.schema, node.rootSchema);
      const key = registerToken({ kind: 'ref', root: { type: 'var', name: keyVar }, path: [] }, 'string');
      return [new RangeMarker(node.expr, name, fn([key, value]), false, keyVar)];
    },
  };
}

/** The root symbolic `Values`, typed as the chart's `Values`. */
export function symbolicValues<V>(schema: JsonSchema): V {
  return symbolicValue({ type: 'values' }, [], schema, schema) as V;
}
