/**
 * Dependencies of a generated chart on other helmts charts of this repository: the `Chart.yaml`
 * `dependencies` entries, and the subcharts' values schemas placed under their keys (alias, else
 * name) in the parent's schema, so a parent values file is checked, completed and documented
 * down into its subcharts. The subchart's `definitions` are copied in with the key as a prefix
 * (`hw.App`), and its `$ref`s rewritten to match.
 *
 * Helm merges `.Values.global` into every subchart's values and validates each subchart against
 * its own schema too, so a condition such as `<key>.enabled` only works if the subchart's
 * `Values` type declares `enabled`.
 */
import type { ChartDefinition } from './chart-definition';
import type { JsonSchema } from './json-schema';

export interface ChartDependency {
  /** A helmts chart definition of this repository. */
  chart: ChartDefinition<any>;
  /** Chart.yaml `alias`: the values key and the name in `charts/<alias>/...` sources. */
  alias?: string;
  /** Chart.yaml `condition`, e.g. `global.monitoringEnabled`. */
  condition?: string;
  /** Chart.yaml `repository`; default `file://../<name>` (the generated chart next to this one). */
  repository?: string;
}

/** The values key of a dependency (alias, else chart name). */
export function dependencyKey(dep: ChartDependency): string {
  return dep.alias ?? dep.chart.name;
}

/** `Chart.yaml` `dependencies` entries. */
export function dependencyEntries(deps: readonly ChartDependency[]): Record<string, string>[] {
  return deps.map((d) => ({
    name: d.chart.name,
    version: d.chart.version,
    repository: d.repository ?? `file://../${d.chart.name}`,
    ...(d.alias ? { alias: d.alias } : {}),
    ...(d.condition ? { condition: d.condition } : {}),
  }));
}

function rewriteRefs<T>(node: T, prefix: string): T {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, prefix)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')
      ? `#/definitions/${prefix}${v.slice('#/definitions/'.length)}`
      : rewriteRefs(v, prefix);
  }
  return out as T;
}

/** `parent` with each subchart schema under its key; throws when a key is already a parent value. */
export function withDependencySchemas(parent: JsonSchema, subs: { dep: ChartDependency; schema: JsonSchema }[]): JsonSchema {
  if (subs.length === 0) return parent;
  const out: JsonSchema = { ...parent, properties: { ...parent.properties }, definitions: { ...parent.definitions } };
  for (const { dep, schema } of subs) {
    const key = dependencyKey(dep);
    if (out.properties![key]) {
      throw new Error(`dependency ${dep.chart.name}: its values key "${key}" is already a field of the parent's Values; set an alias`);
    }
    const prefix = `${key}.`;
    const { $schema: _s, title: _t, definitions, ...body } = schema;
    for (const [name, def] of Object.entries(definitions ?? {})) out.definitions![`${prefix}${name}`] = rewriteRefs(def, prefix);
    out.properties![key] = { ...rewriteRefs(body, prefix), description: `Values of the ${dep.chart.name} subchart (${dep.chart.description}).` };
  }
  return out;
}
