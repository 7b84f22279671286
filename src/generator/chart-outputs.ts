/**
 * The names a definition gives its outputs — chart name, template names, the
 * files it ships and its text files — checked before anything is generated:
 * each becomes a path inside `charts/<name>/`, so each must be a plain
 * relative path that stays there, mean what Helm will make of it, and not
 * collide with another output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside, OutputPathError, relativePathProblem } from '../io/safe-paths';
import type { ChartDefinition } from './chart-definition';
import { chartNameProblem } from './chart-name';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Helm's version check: `isValidSemver` (helm/helm pkg/chart/v2/metadata.go) is Masterminds
 * semver's `NewVersion`, which is loose — a leading `v`, a missing minor or patch, leading zeros —
 * but refuses other text, a fourth number and a numeric pre-release identifier with a leading zero.
 */
const HELM_SEMVER = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** Why Helm would refuse `version` as a chart version, or undefined. */
export function chartVersionProblem(version: unknown): string | undefined {
  if (typeof version !== 'string' || version === '') return 'version is required (a semantic version such as 0.1.0)';
  const m = HELM_SEMVER.exec(version);
  const pre = m?.[5]?.split('.') ?? [];
  if (!m || pre.some((id) => /^0[0-9]+$/.test(id))) return `version ${JSON.stringify(version)} is not a semantic version Helm accepts (e.g. 0.1.0, 1.2.0-rc.1)`;
  return undefined;
}

/** Chart.yaml fields a definition may set through `metadata` (Helm's Chart.yaml v2 fields helmts does not write itself). */
const METADATA_FIELDS = ['kubeVersion', 'keywords', 'home', 'sources', 'maintainers', 'icon', 'deprecated', 'annotations'];
/** Chart.yaml fields helmts writes from the definition: `metadata` must not override them. */
const MANAGED_FIELDS: Record<string, string> = {
  apiVersion: 'helmts writes apiVersion: v2',
  name: 'set name in defineChart (it also names the output folder)',
  version: 'set version in defineChart',
  appVersion: 'set appVersion in defineChart',
  description: 'set description in defineChart',
  type: 'helmts writes type: application',
  dependencies: 'set dependencies in defineChart',
};

/** Why `key` cannot name a template under `templates/`, or undefined. */
export function templateNameProblem(key: string): string | undefined {
  const problem = relativePathProblem(key);
  if (problem) return problem;
  if (key.startsWith('templates/')) return 'starts with "templates/"; name it relative to templates/ (e.g. "deployment.yaml")';
  const parts = key.split('/');
  const bad = parts.find((p) => !SEGMENT.test(p));
  if (bad !== undefined && bad.startsWith('_')) {
    return 'starts with "_": Helm treats such files as partials and never renders them as manifests; drop the underscore';
  }
  if (bad !== undefined) return `has the segment ${JSON.stringify(bad)}; use letters, digits, ".", "_" and "-", starting with a letter or digit`;
  if (!/\.ya?ml$/.test(key)) return 'must end in .yaml or .yml (templates render Kubernetes manifests; NOTES go in notes:)';
  return undefined;
}

/** Why a shipped or text file name cannot be a path in the chart, or undefined. */
function chartPathProblem(file: string): string | undefined {
  const problem = relativePathProblem(file);
  if (problem) return problem;
  const bad = file.split('/').find((p) => !/^[A-Za-z0-9._-][A-Za-z0-9._ +@=-]*$/.test(p) || p === '.' || p === '..');
  return bad === undefined ? undefined : `has the segment ${JSON.stringify(bad)}; use letters, digits, ".", "_", "-", "+", "@", "=" and spaces`;
}

/**
 * Throws an OutputPathError naming the definition's field when a name is
 * refused; `sourceDir` is the definition's source folder (absolute), which
 * shipped files must resolve inside, symbolic links included.
 */
export function checkChartOutputs(def: ChartDefinition<unknown>, sourceDir: string): void {
  const nameProblem = chartNameProblem(def.name);
  if (nameProblem) throw new OutputPathError(nameProblem);
  const chart = `chart ${def.name}`;
  const versionProblem = chartVersionProblem(def.version);
  if (versionProblem) throw new OutputPathError(`${chart}: ${versionProblem}; Helm refuses the chart otherwise`);
  for (const key of Object.keys(def.metadata ?? {})) {
    if (MANAGED_FIELDS[key]) throw new OutputPathError(`${chart}: metadata.${key} would override the Chart.yaml field helmts writes; ${MANAGED_FIELDS[key]}`);
    if (!METADATA_FIELDS.includes(key)) throw new OutputPathError(`${chart}: metadata.${key} is not a Chart.yaml field; metadata takes ${METADATA_FIELDS.join(', ')}`);
  }
  if (typeof def.templates !== 'object' || def.templates === null) throw new OutputPathError(`${chart}: templates must be a map of file names to template functions`);
  const produced = new Map<string, string>();
  const claim = (file: string, by: string) => {
    const key = file.toLowerCase();
    const first = produced.get(key);
    if (first !== undefined) {
      throw new OutputPathError(`${chart}: ${by} and ${first} would both write ${file}; rename one of them`);
    }
    produced.set(key, by);
  };
  for (const [file, by] of [
    ['Chart.yaml', 'the Chart.yaml helmts generates'],
    ['.helmignore', 'the .helmignore helmts generates'],
    ['values.yaml', 'the values.yaml helmts generates'],
    ['values.schema.json', 'the values.schema.json helmts generates'],
    ['values.override.schema.json', 'the values.override.schema.json helmts generates'],
    ['templates/_helpers.tpl', 'the helpers file helmts generates'],
    ...(def.notes ? [['templates/NOTES.txt', 'the NOTES.txt of notes:']] : []),
    ...(def.unique?.length ? [['templates/validate.yaml', 'the validate.yaml helmts generates for unique:']] : []),
  ] as Array<[string, string]>) {
    claim(file, by);
  }
  for (const key of Object.keys(def.templates)) {
    const problem = templateNameProblem(key);
    if (problem) throw new OutputPathError(`${chart}: template ${JSON.stringify(key)} ${problem}`);
    claim(`templates/${key}`, `template '${key}'`);
  }
  for (const key of Object.keys(def.textFiles ?? {})) {
    const problem = chartPathProblem(key);
    if (problem) throw new OutputPathError(`${chart}: textFiles ${JSON.stringify(key)} ${problem}`);
    if (key.startsWith('templates/') && key !== 'templates/NOTES.txt') {
      throw new OutputPathError(`${chart}: textFiles ${JSON.stringify(key)} lies under templates/, where Helm renders every file as a template; write templates in templates:`);
    }
    claim(key, `textFiles '${key}'`);
  }
  const realSource = fs.existsSync(sourceDir) ? fs.realpathSync(sourceDir) : sourceDir;
  for (const file of def.files ?? []) {
    const problem = chartPathProblem(file);
    if (problem) throw new OutputPathError(`${chart}: files ${JSON.stringify(file)} ${problem}`);
    const from = path.join(sourceDir, file);
    if (fs.existsSync(from) && !isInside(realSource, fs.realpathSync(from))) {
      throw new OutputPathError(`${chart}: files '${file}' is a symbolic link to ${fs.realpathSync(from)}, outside the chart source folder ${sourceDir}; ship a copy instead`);
    }
    claim(file, `files '${file}'`);
  }
}
