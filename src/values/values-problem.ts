/** A problem found in chart values, by the JSON schema or by the semantic checks, and how to name its place. */

export type PathSegment = string | number;

/** Which YAML node a problem points at. */
export interface ProblemLocation {
  /** Path of the node. */
  segments: PathSegment[];
  /** Point at the map key rather than its value (an unknown or invalid key). */
  key?: boolean;
  /**
   * The node is a missing key: point at the key when some file set it to `null`,
   * else at its parent map (`segments` without the last one).
   */
  missing?: boolean;
}

export interface ValuesProblem {
  /** Values path in helm-unittest syntax, e.g. `namespaces[0].sidecar.egress[1].hosts[0]`. */
  path: string;
  /** The path segments of `path`. */
  segments: PathSegment[];
  /** What is wrong, naming the key, the expectation and the value found. */
  message: string;
  /** How to fix it. */
  hint?: string;
  severity: 'error' | 'warning';
  /** The node to point at in the source files; the value at `segments` when absent. */
  at?: ProblemLocation;
}

/** `a.b[0]["x.y"]` from path segments; `(root)` for none. */
export function formatPath(segments: PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || '(root)';
}

/** The short name of the node at `segments` for messages: `port`, `hosts[1]`, `values`. */
export function nodeLabel(segments: PathSegment[]): string {
  const last = segments[segments.length - 1];
  if (last === undefined) return 'values';
  if (typeof last === 'string') return last;
  const parent = segments.slice(0, -1).reverse().find((s) => typeof s === 'string');
  return `${parent ?? ''}[${last}]`;
}

/** `"80" (a string)`, `70000`, `null`, `a list`, `a map`. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'boolean') return `${String(value)} (a boolean)`;
  return String(value);
}
