/**
 * Expressions over chart inputs (`.Values`, `.Release`, `.Chart`, loop and
 * `with` variables) and their compilation to Go-template pipelines.
 */

/** Where a reference starts. */
export type Root =
  | { type: 'values' }
  | { type: 'builtin'; object: 'Release' | 'Chart' | 'Capabilities' }
  | { type: 'var'; name: string }
  /** A computed base, e.g. `(first .Values.list)` for `list[0]`. */
  | { type: 'expr'; expr: Expr };

/** The JSON type a value has, taken from the values schema. */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'unknown';

export type Expr =
  /**
   * A read; `nilable` lists the path positions whose value may be unset while the path goes on (-1: the root),
   * which are read through `default dict` so that Helm never evaluates a field of nil.
   */
  | { kind: 'ref'; root: Root; path: string[]; nilable?: number[]; maybeNil?: boolean }
  | { kind: 'concat'; parts: Array<string | Expr> }
  | { kind: 'ternary'; test: Expr; then: Expr | string; else: Expr | string }
  /** `test ? then : else` evaluated lazily (a branch may fail in Helm): an `if` assigning a variable, see `Scope.pre`. */
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr }
  | { kind: 'call'; fn: string; args: Array<Expr | string | number> }
  /** A Go literal: a string, number, boolean or `nil`. */
  | { kind: 'lit'; value: string | number | boolean | null }
  /** `list.map((x) => \`…\`).join('')`: a range whose body is text (NOTES.txt only). */
  | { kind: 'rangeText'; source: Expr; varName: string; body: Expr }
  /**
   * `include "<chart>.<helper>" (dict "root" $ "key" value …)`: a helper's result; without `args`,
   * `include "<chart>.<helper>" .` (the root context).
   */
  | { kind: 'include'; helper: string; args?: Record<string, Expr> };

/** Compilation scope: inside `range`/`with` the dot is rebound, so the root is `$`. */
export interface Scope {
  /** Number of enclosing blocks that rebind the dot. */
  depth: number;
  /** Prefix of named templates (`<chart>.<helper>`). */
  chartName?: string;
  /** Loop and `with` variables → the values path they stand for (coverage builds only). */
  vars?: Record<string, string>;
  /** Inside a helper with arguments, the chart root is `.root` of the dict the helper gets. */
  inHelperDict?: boolean;
  /** Called for every reference compiled in this scope (coverage builds only). */
  onRef?: (ref: Expr) => void;
  /**
   * Actions to place before the one being compiled (they print nothing): a lazy `cond` assigns its variable
   * there. Without it, a lazy `cond` cannot be compiled.
   */
  pre?: string[];
}


const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Go string literal. */
export function goString(text: string): string {
  return JSON.stringify(text);
}

function refText(expr: Extract<Expr, { kind: 'ref' }>, scope: Scope): string {
  scope.onRef?.(expr);
  const dot = (scope.depth === 0 ? '.' : '$.') + (scope.inHelperDict ? 'root.' : '');
  let base: string;
  if (expr.root.type === 'values') base = `${dot}Values`;
  else if (expr.root.type === 'builtin') base = `${dot}${expr.root.object}`;
  else if (expr.root.type === 'expr') base = `(${compile(expr.root.expr, scope)})`;
  else base = `$${expr.root.name}`;
  const nilable = new Set(expr.nilable ?? []);
  let text = nilable.has(-1) && expr.path.length > 0 ? `(${base} | default dict)` : base;
  expr.path.forEach((p, i) => {
    // Keys that are not Go identifiers need `index`.
    text = IDENT.test(p) ? `${text}.${p}` : `(index ${text} ${goString(p)})`;
    if (nilable.has(i) && i < expr.path.length - 1) text = `(${text} | default dict)`;
  });
  return text;
}

/** Whether Helm may fail evaluating `e` (a function of a value that may be nil, `required`, an include …). */
export function canFail(e: Expr | string | number): boolean {
  if (typeof e !== 'object') return false;
  switch (e.kind) {
    case 'lit':
      return false;
    case 'ref':
      return e.root.type === 'expr' && canFail(e.root.expr);
    case 'concat':
      return e.parts.some(canFail);
    case 'ternary':
      return canFail(e.test) || canFail(e.then) || canFail(e.else);
    case 'cond':
      return canFail(e.test);
    case 'include':
      return true;
    case 'rangeText':
      return true;
    case 'call':
      if (!TOTAL.has(e.fn)) return true;
      return e.args.some((a) => canFail(a) || (typeof a === 'object' && a.kind === 'ref' && a.maybeNil === true && !TAKES_NIL.has(e.fn)));
  }
}

/** Functions that never fail on arguments of their types. */
const TOTAL = new Set(['first', 'not', 'and', 'or', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'kindIs', 'default', 'ternary', 'toJson', 'printf', 'print', 'quote', 'empty', 'upper', 'lower', 'trim', 'contains', 'hasPrefix', 'hasSuffix', 'has', 'list', 'dict', 'len', 'float64', 'trunc', 'trimSuffix', 'replace', 'b64enc', 'sha256sum', 'join', 'coalesce', 'regexReplaceAll']);
/** …and those of them that take nil too. */
const TAKES_NIL = new Set(['not', 'and', 'or', 'kindIs', 'default', 'ternary', 'toJson', 'empty', 'has', 'list', 'dict', 'coalesce', 'quote']);

/** Compiles an expression to a Go-template pipeline (without the `{{ }}`). */
export function compile(expr: Expr, scope: Scope): string {
  switch (expr.kind) {
    case 'ref':
      return refText(expr, scope);
    case 'concat': {
      const format = expr.parts.map((p) => (typeof p === 'string' ? p.replace(/%/g, '%%') : '%v')).join('');
      const args = expr.parts.filter((p): p is Expr => typeof p !== 'string').map((p) => operand(p, scope));
      return `printf ${goString(format)} ${args.join(' ')}`;
    }
    case 'ternary':
      return `ternary ${operandOrLiteral(expr.then, scope)} ${operandOrLiteral(expr.else, scope)} (not (empty ${operand(expr.test, scope)}))`;
    case 'cond': {
      if (!scope.pre) throw new Error('a ?: whose branch may fail in Helm can only be placed as a value; use if/else blocks (an object-valued ?:)');
      // Inner conditions first: their variables are assigned before this one reads them.
      const test = compile(expr.test, scope);
      const then = compile(expr.then, scope);
      const otherwise = compile(expr.else, scope);
      const name = `$_cond${scope.pre.length + 1}`;
      scope.pre.push(`{{ ${name} := "" }}{{ if ${test} }}{{ ${name} = ${then} }}{{ else }}{{ ${name} = ${otherwise} }}{{ end }}`);
      return name;
    }
    case 'rangeText':
      throw new Error('a list joined into text (.map(…).join(\'\')) can only be used in NOTES.txt');
    case 'lit':
      return expr.value === null ? 'nil' : typeof expr.value === 'string' ? goString(expr.value) : String(expr.value);
    case 'call':
      return [expr.fn, ...expr.args.map((a) => (typeof a === 'number' ? String(a) : operandOrLiteral(a, scope)))].join(' ');
    case 'include': {
      const root = scope.inHelperDict ? '$.root' : '$';
      if (!expr.args) return `include ${goString(`${scope.chartName ?? 'chart'}.${expr.helper}`)} ${scope.depth === 0 && !scope.inHelperDict ? '.' : root}`;
      const pairs = Object.entries(expr.args).flatMap(([k, v]) => [goString(k), operand(v, scope)]);
      return `include ${goString(`${scope.chartName ?? 'chart'}.${expr.helper}`)} (dict "root" ${root} ${pairs.join(' ')})`;
    }
  }
}

/** An expression as an argument: parenthesised unless it is a plain reference. */
export function operand(expr: Expr, scope: Scope): string {
  const text = compile(expr, scope);
  return (expr.kind === 'ref' && !text.startsWith('(')) || expr.kind === 'lit' || expr.kind === 'cond' ? text : `(${text})`;
}

function operandOrLiteral(e: Expr | string, scope: Scope): string {
  return typeof e === 'string' ? goString(e) : operand(e, scope);
}
