/**
 * The shape of a chart definition, checked when `defineChart` is called and again by `generateChart`: a definition
 * written in JavaScript, cast with `as any` or built by code can miss a field or give one of the wrong kind, and the
 * build must then say which field and what it wants — never fail later inside the generator
 * (`Cannot read properties of undefined`). The CLI adds the file and line of the `defineChart` call.
 */

export class DefinitionShapeError extends Error {
  override name = 'DefinitionShapeError';
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHelper = (v: unknown) => typeof v === 'function' && typeof (v as { helperName?: unknown }).helperName === 'string';

/** The problems of a definition's shape, one sentence each (empty when it is well formed). */
export function definitionShapeProblems(def: unknown): string[] {
  if (!isPlainObject(def)) return [`the definition must be an object ({ name, version, appVersion, description, source, values, defaults, templates }); got ${kindOf(def)}`];
  const problems: string[] = [];
  const want = (field: string, ok: boolean, what: string) => {
    if (!ok) problems.push(`${field} must be ${what}; got ${kindOf(field.split('.').reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), def))}`);
  };
  for (const field of ['name', 'version', 'appVersion', 'description', 'source']) want(field, typeof def[field] === 'string', 'a string');
  want('values', isPlainObject(def.values), "an object { file: 'src/charts/<name>/values.ts', type: 'Values' }");
  if (isPlainObject(def.values)) {
    want('values.file', typeof def.values.file === 'string', 'a string: the TypeScript file declaring the values type');
    want('values.type', typeof def.values.type === 'string', 'a string: the name of the values type');
  }
  want('defaults', isPlainObject(def.defaults), 'an object: the default values (written to values.yaml)');
  want('templates', isPlainObject(def.templates), "an object of template functions by file name ({ 'deployment.yaml': deployment })");
  if (isPlainObject(def.templates)) {
    for (const [name, fn] of Object.entries(def.templates)) {
      if (typeof fn !== 'function') problems.push(`templates[${JSON.stringify(name)}] must be a function (values, builtIns) => object; got ${kindOf(fn)}`);
    }
  }
  if (def.helpers !== undefined) {
    want('helpers', Array.isArray(def.helpers), 'a list of helpers (defineHelper or defineComputedHelper results), or left out');
    if (Array.isArray(def.helpers)) {
      def.helpers.forEach((h, i) => {
        if (!isHelper(h)) problems.push(`helpers[${i}] must be a helper made by defineHelper or defineComputedHelper; got ${kindOf(h)}`);
      });
    }
  }
  if (def.notes !== undefined) want('notes', typeof def.notes === 'function', 'a function (values, builtIns) => string, or left out');
  if (def.metadata !== undefined) want('metadata', isPlainObject(def.metadata), 'an object of extra Chart.yaml fields, or left out');
  if (def.textFiles !== undefined) {
    want('textFiles', isPlainObject(def.textFiles), 'an object of Handlebars sources by path, or left out');
    if (isPlainObject(def.textFiles)) {
      for (const [file, source] of Object.entries(def.textFiles)) {
        if (typeof source !== 'string') problems.push(`textFiles[${JSON.stringify(file)}] must be a string (a Handlebars source); got ${kindOf(source)}`);
      }
    }
  }
  if (def.files !== undefined) {
    want('files', Array.isArray(def.files) && def.files.every((f) => typeof f === 'string'), "a list of paths (['config/app.conf']), or left out");
  }
  if (def.unique !== undefined) want('unique', Array.isArray(def.unique), 'a list of unique-key checks, or left out');
  if (def.dependencies !== undefined) {
    want('dependencies', Array.isArray(def.dependencies), 'a list of { chart, alias? } entries, or left out');
    if (Array.isArray(def.dependencies)) {
      def.dependencies.forEach((d, i) => {
        if (!isPlainObject(d) || !isPlainObject(d.chart) || typeof d.chart.name !== 'string') {
          problems.push(`dependencies[${i}] must be { chart: <a defineChart result>, alias?, condition?, repository? }; got ${kindOf(d)}`);
        }
      });
    }
  }
  return problems;
}

/** Throws a DefinitionShapeError listing every problem of the definition's shape. */
export function assertDefinitionShape(def: unknown): void {
  const problems = definitionShapeProblems(def);
  if (problems.length === 0) return;
  const name = isPlainObject(def) && typeof def.name === 'string' ? ` of ${def.name}` : '';
  throw new DefinitionShapeError(`the chart definition${name} is malformed: ${problems.join('; ')}`);
}
