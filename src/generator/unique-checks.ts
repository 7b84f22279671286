/**
 * Uniqueness rules JSON Schema cannot state ("namespace names must be
 * unique"). Each becomes a `fail` in the emitted `templates/validate.yaml`,
 * so helm refuses such values at install, template and lint, and the same
 * rule is applied to the concrete render.
 */
import { goString } from './expr';

export interface UniqueCheck {
  /** Dotted values path of a list, e.g. `namespaces` or `service.ports`. */
  list: string;
  /** Field of each item that must be unique, e.g. `name`; or fields unique together, e.g. `['namespace', 'name']` (joined with `/`). */
  key: string | readonly string[];
}

function keys(check: UniqueCheck): readonly string[] {
  return typeof check.key === 'string' ? [check.key] : check.key;
}

function message(check: UniqueCheck): string {
  const k = keys(check);
  return `at ${check.list}[%d].${k[k.length - 1]}: %v is listed twice; each ${k.join('/')} in ${check.list} must be unique, so rename or remove one`;
}

/** Go expression of an item's key (`$item` in scope). */
function goKey(check: UniqueCheck): string {
  const part = (k: string) => `toString (get $item ${goString(k)})`;
  const k = keys(check);
  return k.length === 1 ? part(k[0]) : `list ${k.map((x) => `(${part(x)})`).join(' ')} | join "/"`;
}

/** Template text that fails on the first repeated key of each check. */
export function emitUniqueChecks(checks: UniqueCheck[], header: string): string {
  const lines = [`{{- /* ${header} */}}`, '{{- /* Rules the values schema cannot express; this template renders nothing. */}}'];
  checks.forEach((check, n) => {
    lines.push(
      `{{- $seen${n} := dict }}`,
      `{{- range $index, $item := .Values.${check.list} }}`,
      `{{- $key := ${goKey(check)} }}`,
      `{{- if hasKey $seen${n} $key }}`,
      `{{- fail (printf ${goString(message(check))} $index (quote $key)) }}`,
      '{{- end }}',
      `{{- $_ := set $seen${n} $key true }}`,
      '{{- end }}',
    );
  });
  return `${lines.join('\n')}\n`;
}

/** The same rules on concrete values: throws the message helm would fail with. */
export function assertUnique(values: unknown, checks: UniqueCheck[]): void {
  for (const check of checks) {
    let list: unknown = values;
    for (const part of check.list.split('.')) list = (list as Record<string, unknown> | undefined)?.[part];
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    list.forEach((item, index) => {
      const key = keys(check).map((k) => String((item as Record<string, unknown>)[k])).join('/');
      if (seen.has(key)) {
        throw new Error(message(check).replace('%d', String(index)).replace('%v', JSON.stringify(key)));
      }
      seen.add(key);
    });
  }
}
