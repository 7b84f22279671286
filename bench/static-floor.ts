/**
 * The static floor of a render: a chart whose `templates/` hold the manifests
 * already rendered for one values file (from `renderConcrete`), as plain YAML
 * with no template actions, beside the same Chart.yaml, an empty values.yaml
 * and no values.schema.json. `helm template` of it does what any render must
 * (start, load the chart, run the template engine over text, sort and print
 * the manifests) and nothing the generated templates add (values merging,
 * schema validation, `range`/`include`/`toYaml`), so generated ÷ floor is the
 * price of templating.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { helloworldEgress } from '../src/charts';
import { concreteBuiltIns, renderConcrete, type ConcreteTemplate } from '../src/generator';
import type { Values } from '../src/charts/helloworld-egress/values';
import { helmMergedValues, type ValuesMap } from '../src/values/helm-merge';
import { RELEASE } from './helm';

/** The concrete manifests `helm template -f <values>` should print: `values` merged over the chart defaults as Helm merges them. */
export function concreteManifests(values: Values): ConcreteTemplate[] {
  const merged = helmMergedValues(helloworldEgress.defaults as unknown as ValuesMap, [values as unknown as ValuesMap]);
  return renderConcrete(helloworldEgress, merged as unknown as Values, concreteBuiltIns(helloworldEgress, RELEASE));
}

/** One template file's text: its documents as YAML 1.1 (so `on`, `no`, `0777` stay quoted strings). */
export function staticTemplateText(documents: ReadonlyArray<Record<string, unknown>>): string {
  return documents.map((doc) => `---\n${stringify(doc, { version: '1.1', lineWidth: 0 })}`).join('');
}

/**
 * Writes the static-floor chart of `manifests` to `dir` (replacing it), taking
 * Chart.yaml and .helmignore from the generated chart at `generatedChartDir`.
 */
export function writeStaticFloor(dir: string, generatedChartDir: string, manifests: readonly ConcreteTemplate[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  for (const name of ['Chart.yaml', '.helmignore']) {
    const from = path.join(generatedChartDir, name);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, name));
  }
  fs.writeFileSync(path.join(dir, 'values.yaml'), '');
  for (const { template, documents } of manifests) {
    fs.mkdirSync(path.dirname(path.join(dir, template)), { recursive: true });
    fs.writeFileSync(path.join(dir, template), staticTemplateText(documents));
  }
}

/**
 * Copies the generated chart to `dir` without the files at `omit` (chart-relative
 * paths), e.g. `values.schema.json` (the same templates minus Helm's JSON-schema
 * validation of the merged values) or `templates/NOTES.txt` (which `helm template`
 * renders but does not print).
 */
export function writeChartWithout(dir: string, generatedChartDir: string, omit: readonly string[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(generatedChartDir, dir, { recursive: true });
  for (const rel of omit) fs.rmSync(path.join(dir, rel), { force: true });
}

/** bench/hand-written's templates with the generated chart's Chart.yaml and values.yaml (same name, same defaults). */
export function writeHandWritten(dir: string, generatedChartDir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(__dirname, 'hand-written', 'templates'), path.join(dir, 'templates'), { recursive: true });
  for (const name of ['Chart.yaml', 'values.yaml']) fs.copyFileSync(path.join(generatedChartDir, name), path.join(dir, name));
}
