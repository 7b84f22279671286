/**
 * Values checked against `values.schema.json` with ajv, each problem
 * reported as where / what / how to fix:
 * `at namespaces[1].sidecar.egress[0].port: port must be an integer 1–65535; got 70000 (use a value of at most 65535)`.
 */
import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '../generator/json-schema';
import { compileSchema } from './compile-schema';
import { explainSchemaError } from './schema-messages';
import { formatPath, type PathSegment, type ValuesProblem } from './values-problem';

export { compileSchema } from './compile-schema';
export { formatPath, type ValuesProblem } from './values-problem';

function pointerSegments(pointer: string, data: unknown): PathSegment[] {
  if (!pointer) return [];
  const segments: PathSegment[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg = Array.isArray(node) ? Number(key) : key;
    segments.push(seg);
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return segments;
}

function valueAt(data: unknown, segments: PathSegment[]): unknown {
  let node = data;
  for (const s of segments) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

/** Lower wins when two errors point at the same node: a wrong type hides the enum or range it also breaks. */
const PRIORITY: Record<string, number> = { type: 0, enum: 1, pattern: 2, minimum: 3, maximum: 3 };

/**
 * The `$comment` of the `then` branch an error comes from (cross-field rules written with
 * `@schemaAllOf`), which says in words what the rule wants; undefined for other errors.
 */
function ruleComment(error: ErrorObject, schema: JsonSchema): string | undefined {
  const parts = error.schemaPath.replace(/^#\//, '').split('/');
  const then = parts.lastIndexOf('then');
  if (then < 0) return undefined;
  // ajv gives the path from the innermost $ref target: try the root, then each definition.
  for (const base of [schema, ...Object.values(schema.definitions ?? {})]) {
    let node: unknown = base;
    for (const key of parts.slice(0, then + 1)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    const comment = node && typeof node === 'object' ? (node as Record<string, unknown>).$comment : undefined;
    if (typeof comment === 'string') return comment;
  }
  return undefined;
}

/** Every schema problem of `values`: one per node (the most telling), in ajv's order. */
export function schemaProblems(values: unknown, schema: JsonSchema): ValuesProblem[] {
  const validate = compileSchema(schema);
  if (validate(values)) return [];
  const chosen = new Map<string, { problem: ValuesProblem; priority: number }>();
  const errors = (validate.errors ?? []) as ErrorObject[];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    // An optional field is `anyOf: [T, null]`: a value that is not null fails the null branch too, which says
    // nothing (it would read "labels must be a map; got a map"); the T branch's errors, and the anyOf error when
    // there are none deeper, tell what is wrong.
    if (error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null' && /\/anyOf\/\d+\/type$/.test(error.schemaPath)) continue;
    if (error.keyword === 'anyOf' && errors.some((e) => e !== error && e.keyword !== 'anyOf' && !((e.params as { type?: unknown }).type === 'null') && (e.instancePath === error.instancePath || e.instancePath.startsWith(`${error.instancePath}/`)))) continue;
    const segments = pointerSegments(error.instancePath, values);
    const rule = ruleComment(error, schema);
    const explained = rule
      ? { segments, message: rule, hint: undefined, at: { segments } }
      : explainSchemaError(error, segments, valueAt(values, segments), schema);
    const key = `${formatPath(explained.at.segments)}|${explained.at.key ? 'key' : explained.at.missing ? 'missing' : 'value'}`;
    const priority = rule ? -1 : (PRIORITY[error.keyword] ?? 9);
    const existing = chosen.get(key);
    if (existing && existing.priority <= priority) continue;
    const problem: ValuesProblem = {
      path: formatPath(explained.segments),
      segments: explained.segments,
      message: explained.message,
      hint: explained.hint,
      severity: 'error',
      at: explained.at,
    };
    if (existing) Object.assign(existing, { problem, priority });
    else chosen.set(key, { problem, priority });
  }
  return [...chosen.values()].map((c) => c.problem);
}

/** One line per problem: `at <path>: <message> (<hint>)`. */
export function formatProblems(problems: ValuesProblem[]): string {
  return problems.map((p) => `at ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`).join('\n');
}
