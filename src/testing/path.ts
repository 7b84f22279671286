/**
 * helm-unittest paths (`a.b[0].c`, `metadata.labels["app.kubernetes.io/name"]`,
 * `ports[?(@.name == "http")].port`, `containers[*].image`) are JSONPath without the leading
 * `$`. They are translated by prefixing `$` and evaluated with jsonpath-plus.
 */
import { JSONPath } from 'jsonpath-plus';

/** Translates a helm-unittest path to JSONPath. An empty path means the whole document. */
export function toJsonPath(path: string): string {
  const p = path.trim();
  if (p === '' || p === '$') return '$';
  if (p.startsWith('$')) return p;
  if (p.startsWith('[')) return `$${p}`;
  return `$.${p}`;
}

export interface PathMatch {
  value: unknown;
  /** JSON pointer of the match, e.g. `/spec/ports/0`. */
  pointer: string;
}

interface JsonPathResult {
  value: unknown;
  pointer: string;
  parent: unknown;
  parentProperty: string | number;
}

function query(json: unknown, path: string): JsonPathResult[] {
  try {
    return JSONPath({ path: toJsonPath(path), json: json as object, wrap: true, resultType: 'all', eval: 'safe' }) as JsonPathResult[];
  } catch (error) {
    throw new Error(`invalid path ${JSON.stringify(path)}: ${(error as Error).message}`);
  }
}

/** Every node `path` selects in `json` (empty when the path does not exist). */
export function evaluatePath(json: unknown, path: string): PathMatch[] {
  return query(json, path).map((r) => ({ value: r.value, pointer: r.pointer }));
}

/**
 * Deletes every node `path` selects from `json` (which must be a mutable copy). Array elements
 * are spliced out, highest index first. Returns the number of removed nodes.
 */
export function removePath(json: unknown, path: string): number {
  const hits = query(json, path).filter((r) => r.parent !== null && typeof r.parent === 'object');
  const arrays = hits.filter((r) => Array.isArray(r.parent));
  for (const r of hits) if (!Array.isArray(r.parent)) delete (r.parent as Record<string, unknown>)[r.parentProperty];
  arrays
    .sort((a, b) => Number(b.parentProperty) - Number(a.parentProperty))
    .forEach((r) => (r.parent as unknown[]).splice(Number(r.parentProperty), 1));
  return hits.length;
}
