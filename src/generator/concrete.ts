/** The concrete interpretation: a chart definition run on real values, giving the objects directly. */
import type { BuiltIns } from './combinators';
import type { ChartDefinition, TemplateFn } from './chart-definition';
import { assertUnique } from './unique-checks';

/** Objects one template renders, in order, as plain JSON (what `helm template` should print). */
export interface ConcreteTemplate {
  template: string;
  documents: Array<Record<string, unknown>>;
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(flatten);
  return [value];
}

/** Renders every template of a chart concretely, in template-name order. */
export function renderConcrete<V>(definition: ChartDefinition<V>, values: V, builtIns: BuiltIns): ConcreteTemplate[] {
  assertUnique(values, definition.unique ?? []);
  return renderTemplates(definition.templates, values, builtIns);
}

/** Renders template functions concretely, in name order (no chart-level checks). */
export function renderTemplates<V>(
  templates: Record<string, TemplateFn<V>>,
  values: V,
  builtIns: BuiltIns,
): ConcreteTemplate[] {
  return Object.keys(templates)
    .sort()
    .map((name) => ({
      template: `templates/${name}`,
      documents: flatten(templates[name](values, builtIns)).map(
        // An undefined list item is left out, like an undefined field (the template omits both).
        (doc) => JSON.parse(JSON.stringify(doc, (_k, v: unknown) => (Array.isArray(v) ? v.filter((x) => x !== undefined) : v))) as Record<string, unknown>,
      ),
    }));
}

/** Built-ins as `helm template` sets them for a release. */
export function concreteBuiltIns<V>(
  definition: ChartDefinition<V>,
  release: { name: string; namespace: string; service?: string },
): BuiltIns {
  return {
    release: { name: release.name, namespace: release.namespace, service: release.service ?? 'Helm' },
    chart: { name: definition.name, version: definition.version, appVersion: definition.appVersion },
  };
}
