/**
 * The generator: a chart definition in, the chart's files out, as
 * `{ path, content }[]` (pure apart from reading the TypeScript source of the
 * values type). `writeFiles` puts them on disk.
 */
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import type { ChartDefinition } from './chart-definition';
import { symbolicBuiltIns, takeUsedHelpers, type ComputedHelper, type Helper } from './combinators';
import { CoverageRecorder, type CoverageBranch } from './coverage';
import { emitHelper, emitTemplate } from './emit-template';
import { emitText } from './emit-text';
import { DocumentKindError } from './document-kind';
import { emitUniqueChecks } from './unique-checks';
import type { GeneratedFile } from './generated-file';
import type { JsonSchema } from './json-schema';
import { nullableOptionals } from './nullable-schema';
import { assertDefinitionShape } from './definition-shape';
import { shippedFiles } from './chart-files';
import { checkChartOutputs } from './chart-outputs';
import { overrideSchema } from './override-schema';
import { schemaLeaves } from './schema-leaves';
import { resetVariableNames, symbolicValue, symbolicValues } from './symbolic';
import { assertAnalysed } from '../language/runtime/entries';
import { generateValuesSchema } from './values-schema';
import { dependencyEntries, withDependencySchemas } from './chart-dependencies';
import { readBackValuesYaml, writeValuesYaml } from './values-yaml';
import { formatProblems, schemaProblems } from '../values/schema-problems';

export interface GenerateOptions {
  /** Repository root (where tsconfig.json is). */
  repoRoot: string;
  /** Output folder of the chart, relative to the root. Default `charts/<name>`. */
  chartDir?: string;
  /** The command named in every generated file's header. Default `helmts build <name>`. */
  command?: string;
  /** Emit a marked build for chart coverage (see coverage.ts). */
  coverage?: boolean;
}

export interface GeneratedChart {
  files: GeneratedFile[];
  schema: JsonSchema;
  /** The branches of a marked build (empty otherwise). */
  coverage: CoverageBranch[];
  timings: Record<'schema' | 'templates' | 'text', number>;
}

/** Next to `values.schema.json`: the schema editors use for partial values files; kept out of the packaged chart. */
export const OVERRIDE_SCHEMA = 'values.override.schema.json';

const HELMIGNORE = [OVERRIDE_SCHEMA, '.DS_Store', '.git/', '.gitignore', '*.swp', '*.bak', '*.tmp', '*.orig', '*~', '.vscode/', '.idea/'];

/** The command that regenerates a chart's files. */
export function buildCommand(chartName: string): string {
  return `helmts build ${chartName}`;
}

function headerOf<V>(def: ChartDefinition<V>, command = buildCommand(def.name)): string {
  return `Generated from ${def.source} by \`${command}\`. Do not edit by hand.`;
}

/** The schema, checked against the defaults: bad defaults stop the build with path-named errors. */
export function chartSchema<V>(def: ChartDefinition<V>, repoRoot: string): JsonSchema {
  const schema = generateValuesSchema(def.values, repoRoot, `Values of the ${def.name} chart`);
  const problems = schemaProblems(def.defaults, schema);
  if (problems.length > 0) {
    throw new Error(`the default values of ${def.name} do not match ${def.values.type}:\n${formatProblems(problems)}`);
  }
  return schema;
}

/** Go-template text of every template file, from one symbolic run each. */
export function emitTemplates<V>(
  def: ChartDefinition<V>,
  schema: JsonSchema,
  coverage?: CoverageBranch[],
  command?: string,
): Record<string, string> {
  const header = (d: ChartDefinition<V>) => headerOf(d, command);
  const out: Record<string, string> = { '_helpers.tpl': '' };
  takeUsedHelpers();
  if (def.unique?.length) out['validate.yaml'] = emitUniqueChecks(def.unique, header(def));
  if (def.notes) {
    assertAnalysed(def.notes, `${def.name}: notes`);
    resetVariableNames();
    out['NOTES.txt'] = emitText(def.notes(symbolicValues<V>(schema), symbolicBuiltIns(def.files, def.templates)), def.name, header(def));
  }
  for (const [name, fn] of Object.entries(def.templates)) {
    assertAnalysed(fn, `${def.name}: the template ${name}`);
    resetVariableNames();
    const recorder = coverage ? new CoverageRecorder(`${def.name}/${name}`) : undefined;
    try {
      out[name] = emitTemplate(fn(symbolicValues<V>(schema), symbolicBuiltIns(def.files, def.templates)), def.name, header(def), recorder, name);
    } catch (error) {
      throw error instanceof DocumentKindError ? new DocumentKindError(`templates/${name}: ${error.message}`) : error;
    }
    if (recorder) coverage!.push(...recorder.branches);
  }
  // Helpers last: a helper with arguments learns their types from the templates' calls. Every helper a template
  // (or another helper) used is written, listed in `helpers` or not; two helpers of one name stop the build.
  const written = new Map<string, unknown>();
  const helpers: string[] = [];
  const pending = [...(def.helpers ?? []), ...takeUsedHelpers()];
  for (let i = 0; i < pending.length; i++) {
    const helper = pending[i];
    const twin = written.get(helper.helperName);
    if (twin === helper) continue;
    if (twin) throw new Error(`chart ${def.name}: two different helpers are named "${helper.helperName}"; give each its own name`);
    written.set(helper.helperName, helper);
    helpers.push(emitOneHelper(def, helper, schema));
    pending.push(...takeUsedHelpers());
  }
  out['_helpers.tpl'] = [`{{- /* ${header(def)} */}}\n`, ...helpers].join('\n');
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any helper
function emitOneHelper<V>(def: ChartDefinition<V>, helper: Helper<V, unknown, any> | ComputedHelper<V, never, unknown>, schema: JsonSchema): string {
  if ('goBody' in helper) return `{{- define "${def.name}.${helper.helperName}" -}}\n${helper.goBody.trim()}\n{{- end }}\n`;
  assertAnalysed(helper.body, `${def.name}: the helper ${helper.helperName}`);
  resetVariableNames();
  const argSchemas = helper.argSchemas;
  if (argSchemas && Object.keys(argSchemas).length === 0) {
    throw new Error(`helper "${helper.helperName}" takes arguments but no template calls it with values; its argument types come from the calls`);
  }
  const args = argSchemas
    ? Object.fromEntries(Object.entries(argSchemas).map(([k, s]) => [k, symbolicValue({ type: 'var', name: k }, [], s, schema)]))
    : undefined;
  const output = helper.body(symbolicValues<V>(schema), symbolicBuiltIns(def.files, def.templates), args);
  return emitHelper(helper.helperName, output, def.name, args && Object.keys(args));
}

export function generateChart<V>(def: ChartDefinition<V>, options: GenerateOptions): GeneratedChart {
  assertDefinitionShape(def);
  // Names and paths first: a refused name stops the build before any work.
  checkChartOutputs(def as ChartDefinition<unknown>, path.resolve(options.repoRoot, def.source));
  const dir = options.chartDir ?? `charts/${def.name}`;
  const t0 = performance.now();
  const deps = def.dependencies ?? [];
  const schema = withDependencySchemas(
    chartSchema(def, options.repoRoot),
    deps.map((dep) => ({ dep, schema: chartSchema(dep.chart, options.repoRoot) })),
  );
  const t1 = performance.now();
  const coverage: CoverageBranch[] = [];
  const templates = emitTemplates(def, schema, options.coverage ? coverage : undefined, options.command);
  const header = (d: ChartDefinition<V>) => headerOf(d, options.command);
  const t2 = performance.now();

  const chartYaml = {
    apiVersion: 'v2',
    name: def.name,
    description: def.description,
    type: 'application',
    version: def.version,
    appVersion: def.appVersion,
    ...def.metadata,
    ...(deps.length > 0 ? { dependencies: dependencyEntries(deps) } : {}),
  };
  const context = {
    chart: chartYaml,
    header: header(def),
    leaves: schemaLeaves(schema, def.defaults),
    defaults: def.defaults,
  };
  const files: GeneratedFile[] = [
    { path: `${dir}/Chart.yaml`, content: `# ${header(def)}\n${stringify(chartYaml, { lineWidth: 0 })}` },
    { path: `${dir}/.helmignore`, content: `# ${header(def)}\n${HELMIGNORE.join('\n')}\n` },
    { path: `${dir}/values.yaml`, content: readBackValuesYaml(def.name, writeValuesYaml(def.defaults, schema, [header(def)]), def.defaults, schema) },
    // Optional fields accept null (Helm's unset), see nullable-schema.ts.
    { path: `${dir}/values.schema.json`, content: `${JSON.stringify(nullableOptionals(schema), null, 2)}\n` },
    {
      path: `${dir}/${OVERRIDE_SCHEMA}`,
      content: `${JSON.stringify(nullableOptionals(overrideSchema(schema, `Partial values files of the ${def.name} chart (merged over its defaults)`)), null, 2)}\n`,
    },
    ...Object.entries(templates).map(([name, content]) => ({ path: `${dir}/templates/${name}`, content })),
    // Shipped as they are (no header: `.Files.Get` returns the bytes).
    ...shippedFiles(def.name, def.files ?? [], path.resolve(options.repoRoot, def.source), dir, HELMIGNORE),
    ...Object.entries(def.textFiles ?? {}).map(([path, source]) => ({
      path: `${dir}/${path}`,
      content: Handlebars.compile(source, { noEscape: true, strict: true })(context),
    })),
  ];
  const t3 = performance.now();
  return { files, schema, coverage, timings: { schema: t1 - t0, templates: t2 - t1, text: t3 - t2 } };
}
