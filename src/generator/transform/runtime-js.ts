/**
 * What transformed chart code calls for JavaScript's own functions and
 * operators (`__helmtsJs.builtin(…)`, see chart-transform.ts): `Boolean()`,
 * `String()`, `Number()`, `typeof`, unary `+`/`-`/`~`, `in`, `instanceof`,
 * `JSON.stringify`, `Array.isArray`, `Object.keys`, `Math.*`, `s[i]`, spreads
 * and `?.` calls. On concrete values each keeps its JavaScript meaning. On a
 * value known only when Helm renders, JavaScript would answer once, for the
 * symbolic stand-in (a token string or a proxy), and silently write a
 * constant into the template: these either become the Go expression with the
 * same meaning (`Boolean(x)`, `String(x)`, `Number(n)` of a number field) or
 * stop the build with the user's file:line:column and what to write instead.
 */
import { IncludeMarker, SpreadMarker, spreadKey } from '../markers';
import type { Expr } from '../expr';
import { goCompare } from '../go-strings';
import { propertySchema } from '../json-schema';
import { asText, isStandIn, registerToken, symbolicNode, symbolicValue } from '../symbolic';
import { boolify, ChartSourceError, describe, integerOp, isMarker, length, listItems, method, symbolic, template, testOf, type Site } from './runtime';

/** A value that a JavaScript built-in would see as its symbolic stand-in. */
function stand(value: unknown): string | undefined {
  const info = symbolic(value);
  if (info) return describe(info);
  if (isMarker(value)) return 'a conditional object or helper result (known only when Helm renders)';
  return undefined;
}

/** `stand()` of the value or of anything inside a plain object or list (JSON.stringify reads them all). */
function deepStand(value: unknown, depth = 0): string | undefined {
  const own = stand(value);
  if (own || depth > 8 || value === null || typeof value !== 'object') return own;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const inner = deepStand(v, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

const NUMBERS = 'type the field as a number in the Values type (/** @asType integer */ for integers) and place it as is: Go and JavaScript parse numbers differently';
const CHECKS = 'the values schema already fixes its type (validate with the schema: @asType integer, @minimum, …); test presence with === undefined';
const KEYS = 'its keys are known only when Helm renders; use sortedEntries(map).map(([k, v]) => …) on a Record<string, T> field, or merge()';
const ENCODE = 'use b64enc() for base64; other encodings have no traced form';

/** JavaScript built-ins the transform routes here, with what to write instead when a value is symbolic. */
export const BUILTINS: Record<string, string> = {
  Boolean: '', String: '', Number: NUMBERS,
  parseInt: NUMBERS, parseFloat: NUMBERS, 'Number.parseInt': NUMBERS, 'Number.parseFloat': NUMBERS,
  isNaN: CHECKS, isFinite: CHECKS, 'Number.isInteger': CHECKS, 'Number.isFinite': CHECKS, 'Number.isNaN': CHECKS,
  'Number.isSafeInteger': CHECKS, 'Array.isArray': CHECKS,
  'Array.from': 'use .map() on a values list', 'Array.of': 'place the list in the output as a literal',
  'JSON.stringify': 'use toJson() from the generator (Go\'s encoding: sorted keys, <>& escaped)',
  'JSON.parse': 'values are data: type the field as an object in the Values type',
  'Object.keys': KEYS, 'Object.values': KEYS, 'Object.assign': KEYS, 'Object.getOwnPropertyNames': KEYS,
  'Object.fromEntries': KEYS, 'Object.freeze': 'place the value in the output as is',
  structuredClone: 'place the value in the output as is',
  encodeURIComponent: ENCODE, encodeURI: ENCODE, decodeURIComponent: ENCODE, decodeURI: ENCODE,
  escape: ENCODE, unescape: ENCODE, btoa: ENCODE, atob: ENCODE, 'Buffer.from': ENCODE, 'Buffer.byteLength': ENCODE,
};
/** Every `Math.*` function is routed here too. */
const MATH = 'arithmetic on values cannot be traced; compute it in the values, or compare with <, <=, >, >=';

const DEEP = new Set(['JSON.stringify', 'structuredClone']);

/** The global function a name such as `Math.max` stands for. */
function builtinFunction(name: string): unknown {
  return name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], globalThis);
}

/** `name(...args)` for a JavaScript built-in (`Boolean`, `JSON.stringify`, `Math.max`, …). */
export function builtin(name: string, fn: (...a: unknown[]) => unknown, owner: unknown, args: unknown[], site: Site): unknown {
  if (fn !== builtinFunction(name)) return fn.apply(owner, args);
  const what = args.map((a) => (DEEP.has(name) ? deepStand(a) : stand(a))).find((w) => w !== undefined);
  // `String(object)`: the object's own toString() may return a value known only when Helm renders.
  if (!what && name === 'String' && args.length > 0 && typeof args[0] === 'object' && args[0] !== null) return template(['', ''], [args[0]], site);
  // Object.keys() as Helm lists keys (`keys | sortAlpha`): sorted by UTF-8 bytes, on real objects too.
  if (!what && name === 'Object.keys' && args.length === 1 && typeof args[0] === 'object' && args[0] !== null) return Object.keys(args[0]).sort(goCompare);
  if (!what) return fn.apply(owner, args);
  const value = args[0];
  if (name === 'Object.keys') return symbolicKeys(value, site);
  if (name === 'Boolean') {
    // `Boolean(x)` is `!!x`: JavaScript's truthiness, in Go.
    const t = testOf(value, site);
    return t.concrete ? t.value : (registerToken(boolify(t.expr), 'boolean') as unknown as boolean);
  }
  // `String(x)` is `${x}`.
  if (name === 'String') {
    const own = symbolic(value);
    if (own?.optional && own.expr.kind === 'ref' && own.type !== 'object' && own.type !== 'array') {
      throw new ChartSourceError(site[0], site[1], `String() of ${describe(own)}, which may be unset, gives 'undefined' in JavaScript where Helm leaves the key out; write String(x ?? '') or test it first`);
    }
    const text = template(['', ''], [value], site);
    const whole = symbolic(text);
    // A lone boolean stays a boolean in a template literal's token; String() makes it text.
    return whole && whole.type !== 'string' ? registerToken(asText(whole), 'string') : text;
  }
  const info = symbolic(value);
  if (name === 'Number' && info && (info.type === 'integer' || info.type === 'number') && !info.optional) return value;
  if ((name === 'Math.max' || name === 'Math.min') && args.length > 0) return integerOp(name === 'Math.max' ? 'max' : 'min', args, site, `${name}()`);
  const advice = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : MATH;
  throw new ChartSourceError(site[0], site[1], `${name}() of ${what} is evaluated once by JavaScript and cannot be traced into a template; ${advice}`);
}

/** `Object.keys(map)` of a values map: `sortAlpha (keys map)`, a list of strings. */
function symbolicKeys(value: unknown, site: Site): unknown {
  const node = symbolicNode(value);
  if (!node || node.type !== 'object' || !propertySchema(node.schema, '\uE003any', node.rootSchema)) {
    throw new ChartSourceError(site[0], site[1], `Object.keys() of ${stand(value)}: traced on maps (Record<string, T>) only; ${KEYS}`);
  }
  const map: Expr = node.optional ? { kind: 'call', fn: 'default', args: [{ kind: 'call', fn: 'dict', args: [] }, node.expr] } : node.expr;
  const keys: Expr = { kind: 'call', fn: 'sortAlpha', args: [{ kind: 'call', fn: 'keys', args: [map] }] };
  return symbolicValue({ type: 'expr', expr: keys }, [], { type: 'array', items: { type: 'string' } }, node.rootSchema, false);
}

/** `typeof value` */
export function typeOf(value: unknown, site: Site): string {
  const what = stand(value);
  if (what) {
    throw new ChartSourceError(site[0], site[1], `typeof of ${what} is the type of its stand-in, not of the value Helm sees; ${CHECKS}`);
  }
  return typeof value;
}

/** Prefix `+`, `-` and `~`. */
export function unary(op: '+' | '-' | '~', value: unknown, site: Site): number {
  const what = stand(value);
  if (what) throw new ChartSourceError(site[0], site[1], `unary ${op} on ${what} cannot be traced into a template; ${op === '+' ? NUMBERS : MATH}`);
  const x = value as number;
  return op === '+' ? +x : op === '-' ? -x : ~x;
}

/** `key in object` and `object instanceof Type`. */
export function relation(op: 'in' | 'instanceof', left: unknown, right: unknown, site: Site): boolean {
  const what = stand(op === 'in' ? right : left);
  if (what) {
    throw new ChartSourceError(site[0], site[1], op === 'in'
      ? `\`in\` on ${what}: its keys are known only when Helm renders; read the key and compare it with undefined (map['k'] !== undefined)`
      : `instanceof on ${what}: ${CHECKS}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return op === 'in' ? (left as string) in (right as object) : left instanceof (right as any);
}

/** `self[key]` (a read), `self?.[key]` when `optional`. */
export function index(self: unknown, key: unknown, optional: boolean, site: Site): unknown {
  if (optional && self == null) return undefined;
  if (isStandIn(self) && symbolic(self)?.type === 'string') {
    throw new ChartSourceError(site[0], site[1], `indexing ${stand(self)} reads a character JavaScript does not have; use trunc(text, n) for a prefix, or compare the string itself`);
  }
  return (self as Record<string, unknown>)[key as string];
}

/** The operand of `...x` in a list, a call or an object literal. */
export function spread(value: unknown, site: Site): unknown {
  if (isStandIn(value)) {
    throw new ChartSourceError(site[0], site[1], `spreading ${stand(value)} would split text JavaScript does not have into characters; place the string as is`);
  }
  return value;
}

/** The operand of `...x` in a list literal: a values list is spliced by a `range` over it (`[...v.items, 'x']`). */
export function spreadList(value: unknown, site: Site): unknown {
  const node = symbolicNode(value);
  if (node?.type === 'array') return listItems(value);
  if (node) throw new ChartSourceError(site[0], site[1], `spreading ${stand(value)} into a list: only lists have items to spread`);
  return spread(value, site);
}

/**
 * The operand of `...x` in an object literal. A map known only when Helm renders (a values map, a map helper's
 * result) becomes one spread key: the emitter merges the literal in Helm, later keys winning as in JavaScript
 * (`mergeOverwrite (dict) …`, emit-template.ts).
 */
export function spreadMap(value: unknown, site: Site): unknown {
  if (isStandIn(value)) {
    throw new ChartSourceError(site[0], site[1], `spreading ${stand(value)} into an object would split text JavaScript does not have into characters; place the string as a field value`);
  }
  const node = symbolicNode(value);
  if ((node && node.type === 'object') || value instanceof IncludeMarker) return { [spreadKey()]: new SpreadMarker(value) };
  if (node) throw new ChartSourceError(site[0], site[1], `spreading ${stand(value)} into an object: only maps have keys to spread`);
  return value;
}

/** `self?.name(...args)`: undefined when `self` is, else as `method()`; refused on an optional value (the absent case has no Go twin). */
export function optionalMethod(self: unknown, name: string, args: unknown[], site: Site): unknown {
  if (self == null) return undefined;
  optionalGuard(self, `?.${name}()`, site);
  return method(self, name, args, site);
}

/** `self?.length` */
export function optionalLength(self: unknown, site: Site): unknown {
  if (self == null) return undefined;
  if (symbolic(self)?.type === 'object') return length(self, site);
  optionalGuard(self, '?.length', site);
  return length(self, site);
}

function optionalGuard(self: unknown, what: string, site: Site): void {
  const info = symbolic(self);
  if (info?.optional) {
    throw new ChartSourceError(site[0], site[1], `${what} on ${describe(info)}, which may be unset, cannot be traced (JavaScript gives undefined where Go gives a value); test it first: x !== undefined && x${what.slice(1)}`);
  }
}
