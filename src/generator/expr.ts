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
  | { kind: 'ref'; root: Root; path: string[] }
  | { kind: 'concat'; parts: Array<string | Expr> }
  | { kind: 'ternary'; test: Expr; then: Expr | string; else: Expr | string }
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
  if (expr.path.every((p) => IDENT.test(p))) return [base, ...expr.path].join('.');
  // Keys that are not Go identifiers need `index`.
  return `(index ${base} ${expr.path.map(goString).join(' ')})`;
}

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
  return (expr.kind === 'ref' && !text.startsWith('(')) || expr.kind === 'lit' ? text : `(${text})`;
}

function operandOrLiteral(e: Expr | string, scope: Scope): string {
  return typeof e === 'string' ? goString(e) : operand(e, scope);
}
