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
  /** Field of each item that must be unique, e.g. `name`. */
  key: string;
}

function message(check: UniqueCheck): string {
  return `at ${check.list}[%d].${check.key}: %v is listed twice; each ${check.key} in ${check.list} must be unique, so rename or remove one`;
}

/** Template text that fails on the first repeated key of each check. */
export function emitUniqueChecks(checks: UniqueCheck[], header: string): string {
  const lines = [`{{- /* ${header} */}}`, '{{- /* Rules the values schema cannot express; this template renders nothing. */}}'];
  checks.forEach((check, n) => {
    lines.push(
      `{{- $seen${n} := dict }}`,
      `{{- range $index, $item := .Values.${check.list} }}`,
      `{{- $key := toString (get $item ${goString(check.key)}) }}`,
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
      const key = String((item as Record<string, unknown>)[check.key]);
      if (seen.has(key)) {
        throw new Error(message(check).replace('%d', String(index)).replace('%v', JSON.stringify(key)));
      }
      seen.add(key);
    });
  }
}
