/**
 * Values checked against `values.schema.json` with ajv, each problem
 * reported as where / what / how to fix:
 * `at namespaces[1].sidecar.egress[0].port: 70000 is above 65535`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../generator/json-schema';

export interface ValuesProblem {
  /** Values path in helm-unittest syntax, e.g. `namespaces[0].sidecar.egress[1].hosts[0]`. */
  path: string;
  /** The JSON-pointer path segments. */
  segments: Array<string | number>;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** `a.b[0]["x.y"]` from path segments. */
export function formatPath(segments: Array<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || '(root)';
}

function pointerSegments(pointer: string, data: unknown): Array<string | number> {
  if (!pointer) return [];
  const segments: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg = Array.isArray(node) ? Number(key) : key;
    segments.push(seg);
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return segments;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${String(value)} (a ${typeof value})`;
}

function valueAt(data: unknown, segments: Array<string | number>): unknown {
  let node = data;
  for (const s of segments) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

function explain(error: ErrorObject, value: unknown, schema: JsonSchema | undefined): { message: string; hint?: string } {
  const p = error.params as Record<string, unknown>;
  const description = (error.parentSchema as JsonSchema | undefined)?.description ?? schema?.description;
  switch (error.keyword) {
    case 'type': {
      const hint =
        p.type === 'integer' && typeof value === 'string' && /^\d+$/.test(value)
          ? 'remove the quotes'
          : `write ${p.type === 'object' ? 'a map' : p.type === 'array' ? 'a list' : `a ${String(p.type)}`}`;
      return { message: `must be ${String(p.type)}; got ${show(value)}`, hint };
    }
    case 'minimum':
      return { message: `${String(value)} is below ${String(p.limit)}`, hint: `use a value of at least ${String(p.limit)}` };
    case 'maximum':
      return { message: `${String(value)} is above ${String(p.limit)}`, hint: `use a value of at most ${String(p.limit)}` };
    case 'enum':
      return {
        message: `${show(value)} is not allowed`,
        hint: `use one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'pattern':
    case 'maxLength':
    case 'minLength':
      return {
        message: `${show(value)} is not valid (${error.message ?? error.keyword})`,
        hint: description ? description.split('\n')[0] : undefined,
      };
    case 'additionalProperties':
      return {
        message: `unknown key "${String(p.additionalProperty)}"`,
        hint: 'remove it or check its spelling; the chart accepts only the keys in values.schema.json',
      };
    case 'required':
      return { message: `missing required key "${String(p.missingProperty)}"`, hint: 'add it (see the chart README)' };
    case 'minItems':
      return { message: `needs at least ${String(p.limit)} item(s)`, hint: 'add an item' };
    case 'propertyNames':
      return { message: `has an invalid key`, hint: description?.split('\n')[0] };
    default:
      return { message: error.message ?? error.keyword };
  }
}

/** Every schema problem of `values`, most specific first, one per path and keyword. */
export function schemaProblems(values: unknown, schema: JsonSchema): ValuesProblem[] {
  const validate = compileSchema(schema);
  if (validate(values)) return [];
  const seen = new Set<string>();
  const problems: ValuesProblem[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if') continue;
    let segments = pointerSegments(error.instancePath, values);
    if (error.keyword === 'propertyNames') segments = [...segments, String((error.params as { propertyName?: string }).propertyName ?? '')];
    const key = `${formatPath(segments)}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { message, hint } = explain(error, valueAt(values, segments), error.parentSchema as JsonSchema);
    problems.push({ path: formatPath(segments), segments, message, hint, severity: 'error' });
  }
  return problems;
}

/** One line per problem: `at <path>: <message> (<hint>)`. */
export function formatProblems(problems: ValuesProblem[]): string {
  return problems.map((p) => `at ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`).join('\n');
}
