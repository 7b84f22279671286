/** What a chart author writes: metadata, the typed values and one function per template. */
import type { BuiltIns, ComputedHelper, Helper } from './combinators';
import type { ChartDependency } from './chart-dependencies';
import type { UniqueCheck } from './unique-checks';
import { assertDefinitionShape } from './definition-shape';

/** A template file: a function of the values returning objects, lists of them, or `undefined`. */
export type TemplateFn<V> = (values: V, builtIns: BuiltIns) => unknown;

export interface ChartDefinition<V> {
  /** Chart name (`Chart.yaml` name, helper prefix, output folder). */
  name: string;
  version: string;
  appVersion: string;
  description: string;
  /** Extra `Chart.yaml` fields (keywords, home, sources, maintainers, kubeVersion, annotations). */
  metadata?: Record<string, unknown>;
  /** The TypeScript source of the values type, for the schema generator. */
  values: { file: string; type: string };
  /** The default values (written to `values.yaml`). */
  defaults: V;
  /** Named templates for `_helpers.tpl` (in this order; helpers the templates use but this list omits are added after them). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any argument type
  helpers?: Array<Helper<V, unknown, any> | ComputedHelper<V, never, unknown>>;
  /** Template files by name under `templates/`, e.g. `deployment.yaml`. */
  templates: Record<string, TemplateFn<V>>;
  /** List items whose key must be unique; helm fails on a repeat (see unique-checks.ts). */
  unique?: UniqueCheck[];
  /** `templates/NOTES.txt`, written in TypeScript: a function returning the text (a template literal). */
  notes?: TemplateFn<V>;
  /** Handlebars sources of text files, by path in the chart (e.g. `README.md`, `templates/NOTES.txt`). */
  textFiles?: Record<string, string>;
  /** Other helmts charts this chart depends on (Chart.yaml `dependencies`, their schemas under their keys). */
  dependencies?: ChartDependency[];
  /**
   * Files the chart ships (`.Files.Get` / `.Files.Glob` through `b.files`), relative to `source`; copied into the
   * chart at the same path. A missing one stops the build.
   */
  files?: string[];
  /** Path of the folder holding the definition, relative to the repository (for generated-file headers). */
  source: string;
}

/** A chart definition; a malformed one (a missing or mistyped field) throws here, naming each field. */
export function defineChart<V>(definition: ChartDefinition<V>): ChartDefinition<V> {
  assertDefinitionShape(definition);
  return definition;
}
