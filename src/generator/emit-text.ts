/**
 * Text templates (NOTES.txt) from a string built in TypeScript: literal text
 * stays as it is (`{{` escaped), each value becomes an action without
 * whitespace trimming, so the rendered text is exactly the TypeScript string.
 * A `?:` on strings becomes `{{ if }}…{{ else }}…{{ end }}` and
 * `list.map((x) => \`…\`).join('')` a `{{ range }}`.
 */
import { compile, type Expr, type Scope } from './expr';
import { asText, exprOf, isStandIn } from './symbolic';

const literal = (text: string) => text.replace(/\{\{/g, '{{ "{{" }}');

function textOf(expr: Expr, scope: Scope): string {
  if (expr.kind === 'lit') return expr.value === null ? '' : literal(String(expr.value));
  if (expr.kind === 'concat') return expr.parts.map((p) => (typeof p === 'string' ? literal(p) : textOf(p, scope))).join('');
  if (expr.kind === 'rangeText') {
    return `{{ range $${expr.varName} := ${compile(expr.source, scope)} }}${textOf(expr.body, { ...scope, depth: scope.depth + 1 })}{{ end }}`;
  }
  if (expr.kind === 'cond') return `{{ if ${compile(expr.test, scope)} }}${textOf(expr.then, scope)}{{ else }}${textOf(expr.else, scope)}{{ end }}`;
  if (expr.kind === 'call' && expr.fn === 'ternary' && expr.args.every((a) => typeof a === 'object')) {
    const [then, otherwise, test] = expr.args as Expr[];
    return `{{ if ${compile(test, scope)} }}${textOf(then, scope)}{{ else }}${textOf(otherwise, scope)}{{ end }}`;
  }
  return `{{ ${compile(expr, scope)} }}`;
}

/** The text of a NOTES.txt template for `output` (a string, possibly with symbolic parts). */
export function emitText(output: unknown, chartName: string, header: string): string {
  const info = isStandIn(output) ? exprOf(output) : undefined;
  if (typeof output !== 'string' && !info) throw new Error('NOTES.txt: the notes function must return a string (a template literal)');
  const scope: Scope = { depth: 0, chartName };
  const parts = !info ? [output as string] : info.expr.kind === 'concat' ? info.expr.parts : [asText(info)];
  const body = parts.map((p) => (typeof p === 'string' ? literal(p) : textOf(p, scope))).join('');
  // The header comment prints nothing and trims nothing, so the text starts exactly where the string does.
  return `{{/* ${header} */}}${body}`;
}

