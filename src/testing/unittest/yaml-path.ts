/**
 * helm-unittest's paths, evaluated as its path library does: github.com/vmware-labs/yaml-jsonpath
 * v0.3.2 (pkg/yamlpath: lexer.go, path.go, slicer.go, filter.go, comparison.go), which
 * `valueutils.GetValueOfSetPath` runs on each document. No JavaScript library implements that
 * dialect (jsonpath-plus differs: JavaScript `==` in filters, script expressions, `^`/`@path`
 * operators, other name characters), so this module follows yaml-jsonpath's grammar and meaning:
 *
 * - children: `a`, `.a`, `.*`, `['a']`, `["a"]`, `['a','b']` (escapes `\'`, `\"`, `\\`); a dotted
 *   name runs to the next `.` `[` `)` space `&` `|` `=` `!` `>` `<` `~` (so `.io/name`, `.a-b` are names);
 * - `..name`, `..*`, `..[…]`, `..[?(…)]`: recursive descent (the node and all its descendants,
 *   pre-order; a filter right after `..` keeps the nodes that pass it);
 * - `[n]`, `[-1]`, `[a:b:c]`, `[0,2]`, `[*]` on sequences (slicer.go);
 * - `[?(…)]` filters on each child of a sequence or mapping: `@…` / `$…` existence, `== != > >= < <=`
 *   between typed values (strings only with strings, numbers numerically, booleans, nulls; every
 *   pair must hold and an empty side is false), `=~ /re/` (Go RE2), `!`, `&&`, `||`, parentheses.
 *
 * Refused by name (`UnsupportedPathError`, reported as UNSUPPORTED): the property-name operator
 * `~` (it yields keys, not values). A malformed path is an `Error`, which
 * fails the assert in both forms, as helm-unittest's `NewPath` error does.
 */
import { goRegExp } from './go-regexp';

export class UnsupportedPathError extends Error {
  override name = 'UnsupportedPathError';
}

type Segment =
  | { kind: 'child'; names: string[] | '*' }
  | { kind: 'descend'; then: Segment | undefined }
  | { kind: 'index'; subscript: string }
  | { kind: 'filter'; expr: Filter }
  /** A filter right after `..` (path.go `recursiveFilterThen`): the node itself, if it passes. */
  | { kind: 'selfFilter'; expr: Filter };

type Term = { kind: 'path'; root: '@' | '$'; path: Segment[] } | { kind: 'literal'; type: ValueType; value: string };
type Filter =
  | { kind: 'exists'; term: Term & { kind: 'path' } }
  | { kind: 'compare'; op: string; left: Term; right: Term }
  | { kind: 'regex'; left: Term; re: RegExp }
  | { kind: 'not'; of: Filter }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'bool'; value: boolean };
type ValueType = 'string' | 'int' | 'float' | 'bool' | 'null' | 'unknown';

const NAME_STOP = new Set(['.', '[', ')', ' ', '&', '|', '=', '!', '>', '<', '~']);

/** path.go `unescape`: a backslash escapes the next character (two backslashes are one). */
function unescape(raw: string): string {
  return raw.replace(/\\(.?)/g, '$1');
}

class Lexer {
  pos = 0;
  constructor(readonly src: string, readonly whole: string) {}
  get rest(): string {
    return this.src.slice(this.pos);
  }
  fail(message: string): never {
    throw new Error(`invalid path ${JSON.stringify(this.whole)}: ${message} at position ${this.pos}`);
  }
  skipSpace(): void {
    while (this.src[this.pos] === ' ') this.pos++;
  }
  eat(token: string): boolean {
    if (!this.rest.startsWith(token)) return false;
    this.pos += token.length;
    return true;
  }
  name(stops: Set<string>): string {
    const start = this.pos;
    while (this.pos < this.src.length && !stops.has(this.src[this.pos])) this.pos++;
    if (this.pos === start) this.fail('child name missing');
    if (this.src[this.pos] === '~') throw new UnsupportedPathError(`path ${JSON.stringify(this.whole)}: the property-name operator \`~\` of yaml-jsonpath is not implemented by helmts`);
    return this.src.slice(start, this.pos);
  }
  /** A quoted string with yaml-jsonpath's escapes (`\<quote>`, `\\`); the cursor is on the quote. */
  quoted(): string {
    const quote = this.src[this.pos++];
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail(`unmatched ${quote}`);
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n !== quote && n !== '\\') this.fail(`unsupported escape sequence inside ${quote}${quote}`);
        out += n;
        this.pos += 2;
      } else {
        out += c;
        this.pos++;
      }
    }
  }
}

/** Parses a path into segments; `inFilter` stops at a filter operator or `)`. */
function parseSegments(lx: Lexer, inFilter: boolean): Segment[] {
  const segments: Segment[] = [];
  let first = !inFilter;
  if (!inFilter && lx.eat('$')) first = false;
  for (;;) {
    const c = lx.src[lx.pos];
    if (c === undefined || (inFilter && (c === ')' || c === ' ' || '&|=!><'.includes(c)))) return segments;
    if (lx.eat('..')) {
      if (lx.src[lx.pos] === '[') {
        const next = parseBracket(lx);
        segments.push({ kind: 'descend', then: next.kind === 'filter' ? { kind: 'selfFilter', expr: next.expr } : next });
      } else {
        const n = lx.name(new Set(['.', '[']));
        segments.push({ kind: 'descend', then: { kind: 'child', names: n === '*' ? '*' : [n] } });
      }
    } else if (lx.eat('.')) {
      const n = lx.name(NAME_STOP);
      segments.push({ kind: 'child', names: n === '*' ? '*' : [n] });
    } else if (c === '[') {
      segments.push(parseBracket(lx));
    } else if (first) {
      const n = lx.name(new Set([...NAME_STOP, ']']));
      segments.push({ kind: 'child', names: n === '*' ? '*' : [n] });
    } else lx.fail('invalid path syntax');
    first = false;
  }
}

function parseBracket(lx: Lexer): Segment {
  const after = lx.rest.slice(1).trimStart();
  if (after.startsWith("'") || after.startsWith('"')) {
    lx.eat('[');
    const names: string[] = [];
    for (;;) {
      lx.skipSpace();
      if (lx.src[lx.pos] !== "'" && lx.src[lx.pos] !== '"') lx.fail(`missing "'" or '"'`);
      names.push(lx.quoted());
      lx.skipSpace();
      if (!lx.eat(',')) break;
    }
    lx.skipSpace();
    if (!lx.eat(']')) lx.fail('missing "]" or ","');
    if (lx.src[lx.pos] === '~') throw new UnsupportedPathError(`path ${JSON.stringify(lx.whole)}: the property-name operator \`~\` of yaml-jsonpath is not implemented by helmts`);
    return { kind: 'child', names };
  }
  if (lx.eat('[?(')) {
    const expr = parseOr(lx);
    lx.skipSpace();
    if (!lx.eat(')]')) lx.fail('missing end of filter');
    return { kind: 'filter', expr };
  }
  lx.eat('[');
  const end = lx.src.indexOf(']', lx.pos);
  if (end < 0) lx.fail('unmatched [');
  const subscript = lx.src.slice(lx.pos, end);
  if (subscript.trim() === '') lx.fail('subscript missing from []');
  lx.pos = end + 1;
  if (lx.src[lx.pos] === '~') throw new UnsupportedPathError(`path ${JSON.stringify(lx.whole)}: the property-name operator \`~\` of yaml-jsonpath is not implemented by helmts`);
  slice(subscript, 0, lx.whole); // validates
  return { kind: 'index', subscript };
}

function parseOr(lx: Lexer): Filter {
  let left = parseAnd(lx);
  for (lx.skipSpace(); lx.eat('||'); lx.skipSpace()) left = { kind: 'or', left, right: parseAnd(lx) };
  return left;
}

function parseAnd(lx: Lexer): Filter {
  let left = parseBasic(lx);
  for (lx.skipSpace(); lx.eat('&&'); lx.skipSpace()) left = { kind: 'and', left, right: parseBasic(lx) };
  return left;
}

function parseBasic(lx: Lexer): Filter {
  lx.skipSpace();
  if (lx.rest.startsWith('!') && !lx.rest.startsWith('!=')) {
    lx.eat('!');
    return { kind: 'not', of: parseBasic(lx) };
  }
  if (lx.eat('(')) {
    const inner = parseOr(lx);
    lx.skipSpace();
    if (!lx.eat(')')) lx.fail('missing ")"');
    return inner;
  }
  const left = parseTerm(lx);
  lx.skipSpace();
  if (lx.eat('=~')) {
    lx.skipSpace();
    if (left.kind !== 'path' || lx.src[lx.pos] !== '/') lx.fail('a regular expression must follow =~ after a path');
    const end = lx.src.slice(lx.pos + 1).search(/(?<!\\)\//);
    if (end < 0) lx.fail('unmatched /');
    const source = lx.src.slice(lx.pos + 1, lx.pos + 1 + end).replace(/\\\//g, '/');
    lx.pos += end + 2;
    return { kind: 'regex', left, re: goRegExp(source) };
  }
  for (const op of ['==', '!=', '>=', '<=', '>', '<']) {
    if (lx.eat(op)) {
      lx.skipSpace();
      return { kind: 'compare', op, left, right: parseTerm(lx) };
    }
  }
  if (left.kind === 'literal') {
    if (left.type === 'bool') return { kind: 'bool', value: left.value === 'true' };
    lx.fail('a literal alone is not a filter');
  }
  return { kind: 'exists', term: left };
}

function parseTerm(lx: Lexer): Term {
  lx.skipSpace();
  const c = lx.src[lx.pos];
  if (c === '@' || c === '$') {
    lx.pos++;
    return { kind: 'path', root: c, path: parseSegments(lx, true) };
  }
  if (c === "'" || c === '"') return { kind: 'literal', type: 'string', value: lx.quoted() };
  const m = /^(?:(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(true|false)|(null))/.exec(lx.rest);
  if (!m) lx.fail('invalid filter term');
  lx.pos += m[0].length;
  if (m[1] !== undefined) return { kind: 'literal', type: /[.eE]/.test(m[1]) ? 'float' : 'int', value: m[1] };
  return { kind: 'literal', type: m[2] !== undefined ? 'bool' : 'null', value: m[0] };
}

/** slicer.go `slice`: the indices a subscript selects in a sequence of `length`. */
function slice(subscript: string, length: number, whole: string): number[] {
  const bad = (why: string): never => {
    throw new Error(`invalid path ${JSON.stringify(whole)}: ${why}`);
  };
  const union = subscript.split(',');
  if (union.length > 1) {
    return union.flatMap((u, i) => (u.trim() === '*' ? bad(`error in union member ${i}: wildcard cannot be used in union`) : slice(u, length, whole)));
  }
  const s = subscript.trim();
  if (s === '*') return range(0, length, 1, length);
  const parts = s.split(':');
  if (parts.length > 3) bad('malformed array index, too many colons');
  const nums = parts.map((p) => (p.trim() === '' ? undefined : /^[-+]?\d+$/.test(p.trim()) ? Number(p.trim()) : bad('non-integer array index')));
  if (parts.length === 1) {
    if (nums[0] === undefined) bad('array index missing');
    const from = nums[0]! < 0 ? nums[0]! + length : nums[0]!;
    return range(from, from + 1, 1, length);
  }
  const step = nums[2] ?? 1;
  if (step === 0) bad('array index step value must be non-zero');
  const fix = (n: number | undefined, dflt: number) => (n === undefined ? dflt : n < 0 ? n + length : n);
  return range(fix(nums[0], step > 0 ? 0 : length - 1), fix(nums[1], step > 0 ? length : -1), step, length);
}

function range(from: number, to: number, step: number, length: number): number[] {
  const out: number[] = [];
  if (step > 0) for (let i = Math.max(from, 0); i < Math.min(to, length); i += step) out.push(i);
  else for (let i = Math.min(from, length); i > Math.max(to, -1); i += step) if (i >= 0 && i < length) out.push(i);
  return out;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Number);

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return isMapping(v) ? Object.values(v) : [];
}

/** yit `RecurseNodes`: the node, then each descendant, pre-order. */
function recurse(v: unknown): unknown[] {
  return [v, ...children(v).flatMap(recurse)];
}

function apply(segment: Segment, node: unknown, root: unknown, whole: string): unknown[] {
  switch (segment.kind) {
    case 'child':
      if (segment.names === '*') return children(node);
      if (!isMapping(node)) return [];
      return segment.names.filter((n) => Object.prototype.hasOwnProperty.call(node, n)).map((n) => node[n]);
    case 'descend':
      return recurse(node).flatMap((n) => (segment.then ? apply(segment.then, n, root, whole) : [n]));
    case 'index':
      if (isMapping(node) && segment.subscript === '*') return Object.values(node);
      return Array.isArray(node) ? slice(segment.subscript, node.length, whole).map((i) => node[i]) : [];
    case 'filter':
      // path.go filterThen: each item of a sequence, else the node itself.
      return (Array.isArray(node) ? node : [node]).filter((c) => holds(segment.expr, c, root, whole));
    case 'selfFilter':
      return holds(segment.expr, node, root, whole) ? [node] : [];
  }
}

function find(segments: Segment[], node: unknown, root: unknown, whole: string): unknown[] {
  let nodes: unknown[] = node === undefined ? [] : [node];
  for (const s of segments) nodes = nodes.flatMap((n) => apply(s, n, root, whole));
  return nodes;
}

interface Typed { type: ValueType; value: unknown }

function typed(v: unknown): Typed {
  if (v === null || v === undefined) return { type: 'null', value: null };
  if (v instanceof Number) return { type: 'float', value: v.valueOf() };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'int' : 'float', value: v };
  return { type: 'unknown', value: v };
}

function termValues(t: Term, node: unknown, root: unknown, whole: string): Typed[] {
  if (t.kind === 'literal') {
    const value = t.type === 'int' || t.type === 'float' ? Number(t.value) : t.type === 'bool' ? t.value === 'true' : t.type === 'null' ? null : t.value;
    return [{ type: t.type, value }];
  }
  return find(t.path, t.root === '@' ? node : root, root, whole).map(typed);
}

const numeric = (t: ValueType) => t === 'int' || t === 'float';

/** filter.go `comparisonFilter` with comparison.go: equal / less / greater / incomparable. */
function compare(op: string, l: Typed, r: Typed): boolean {
  let c: 'eq' | 'lt' | 'gt' | 'none';
  const compatible = (numeric(l.type) && numeric(r.type)) || l.type === r.type;
  if (!compatible) c = 'none';
  else if (l.type === 'bool') c = l.value === r.value ? 'eq' : 'none';
  else if (l.type === 'null') c = 'eq';
  else if (numeric(l.type)) c = (l.value as number) < (r.value as number) ? 'lt' : (l.value as number) > (r.value as number) ? 'gt' : 'eq';
  else if (l.type === 'string') c = l.value === r.value ? 'eq' : 'none';
  else c = 'none';
  switch (op) {
    case '==': return c === 'eq';
    case '!=': return c !== 'eq';
    case '>': return c === 'gt';
    case '>=': return c === 'gt' || c === 'eq';
    case '<': return c === 'lt';
    default: return c === 'lt' || c === 'eq';
  }
}

function holds(f: Filter, node: unknown, root: unknown, whole: string): boolean {
  switch (f.kind) {
    case 'exists': return termValues(f.term, node, root, whole).length > 0;
    case 'bool': return f.value;
    case 'not': return !holds(f.of, node, root, whole);
    case 'and': return holds(f.left, node, root, whole) && holds(f.right, node, root, whole);
    case 'or': return holds(f.left, node, root, whole) || holds(f.right, node, root, whole);
    case 'regex': {
      const values = termValues(f.left, node, root, whole);
      return values.length > 0 && values.every((v) => v.type === 'string' && f.re.test(v.value as string));
    }
    case 'compare': {
      const ls = termValues(f.left, node, root, whole);
      const rs = termValues(f.right, node, root, whole);
      let match = false;
      for (const l of ls) for (const r of rs) {
        if (!compare(f.op, l, r)) return false;
        match = true;
      }
      return match;
    }
  }
}

const parsed = new Map<string, Segment[]>();

/** Parses a path (cached); throws `Error` when malformed, `UnsupportedPathError` for a refused construct. */
export function parseYamlPath(path: string): Segment[] {
  let segments = parsed.get(path);
  if (!segments) {
    const lx = new Lexer(path, path);
    segments = parseSegments(lx, false);
    parsed.set(path, segments);
  }
  return segments;
}

/** Every node `path` selects in `doc` (yaml-jsonpath `Path.Find`); `''` is the document itself. */
export function findYamlPath(doc: unknown, path: string): unknown[] {
  if (path === '') return [doc];
  return find(parseYamlPath(path), doc, doc, path);
}
