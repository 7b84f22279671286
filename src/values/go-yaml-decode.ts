/**
 * A parsed YAML document turned into plain values the way go-yaml v2 decodes
 * it (go.yaml.in/yaml/v2 `decode.go`, which Helm 3 and 4 reach through
 * sigs.k8s.io/yaml), where that differs from the `yaml` library's `toJS`:
 *
 * - merge keys `<<` are applied in document order, each key set overriding what
 *   is there (`{x: 0, <<: {x: 1}}` gives x = 1, `{<<: {x: 1}, x: 0}` gives 0);
 *   a list of maps is merged from the last to the first (earlier maps win);
 *   a merge value that is not a map or a list of maps is an error ("map merge
 *   requires map or sequence of maps as the value"); only a plain `<<` merges;
 * - an alias bomb is refused by go-yaml's own rule ("document contains
 *   excessive aliasing"): every decoded node counts, nodes reached through an
 *   alias count as aliased, and the decode fails once more than 100 aliased
 *   nodes make more than 99 % of more than 1,000 decoded ones (the allowed
 *   share falls to 10 % between 400,000 and 4,000,000 decodes);
 * - an alias of a node that contains it is an error; a map or list used as a key
 *   is an error; a later duplicate key wins.
 *
 * Scalars are already resolved as go-yaml does by the options of go-yaml.ts.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** A decode error at a node (its offset in the text). */
export class GoYamlDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function allowedAliasRatio(decodes: number): number {
  if (decodes <= 400_000) return 0.99;
  if (decodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000);
}

const isMergeKey = (key: unknown): boolean =>
  isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));

/** Decodes `doc` as go-yaml v2 would into `interface{}`, then to JSON (keys stringified). Throws GoYamlDecodeError. */
export function goYamlDecode(doc: Document.Parsed): unknown {
  let decodes = 1; // the document node
  let aliased = 0;
  let aliasDepth = 0;
  const active = new Set<Node>();

  const count = (node: unknown) => {
    decodes++;
    if (aliasDepth > 0) aliased++;
    if (aliased > 100 && decodes > 1000 && aliased / decodes > allowedAliasRatio(decodes)) {
      throw new GoYamlDecodeError('document contains excessive aliasing', (node as Node | null)?.range?.[0] ?? 0);
    }
  };

  const fail = (node: unknown, message: string): never => {
    throw new GoYamlDecodeError(message, (node as Node | null)?.range?.[0] ?? 0);
  };

  function viaAlias<T>(node: Node & { source?: string }, fn: (target: Node) => T): T {
    const target = (node as unknown as { resolve(d: Document): Node | undefined }).resolve(doc);
    if (!target) return fail(node, `unknown anchor '${node.source}' referenced`);
    if (active.has(node)) return fail(node, `anchor '${node.source}' value contains itself`);
    active.add(node);
    aliasDepth++;
    try {
      return fn(target);
    } finally {
      aliasDepth--;
      active.delete(node);
    }
  }

  function value(node: unknown): unknown {
    count(node);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return viaAlias(node, (target) => value(target));
    if (isScalar(node)) {
      const v = node.value;
      if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8'); // !!binary: go-yaml gives the decoded text
      if (typeof v === 'number' && !Number.isFinite(v)) {
        // go-yaml reads .inf and .nan, but Helm converts values to JSON, which has neither.
        return fail(node, `${String((node as { source?: string }).source ?? v)} (${v}) cannot be a value: Helm converts values to JSON, which has no infinity or NaN`);
      }
      return v === undefined ? null : v;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      mapInto(node, out);
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item) => {
        if (isPair(item)) {
          // !!omap / !!pairs: a list of one-key maps
          const out: Record<string, unknown> = {};
          setPair(item, out, node);
          return out;
        }
        return value(item);
      });
    }
    if (isPair(node)) return fail(node, 'unexpected key/value pair');
    return fail(node, 'unsupported YAML node');
  }

  function keyOf(key: unknown, at: unknown): string {
    const k = value(key);
    if (k !== null && typeof k === 'object') fail(key ?? at, `invalid map key: a ${Array.isArray(k) ? 'list' : 'map'} cannot be a key`);
    return String(k);
  }

  function setPair(pair: { key: unknown; value: unknown }, out: Record<string, unknown>, at: unknown): void {
    const key = keyOf(pair.key, at);
    const v = value(pair.value);
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }

  function mapInto(node: { items: unknown[] }, out: Record<string, unknown>): void {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) merge(pair.value, out);
      else setPair(pair, out, node);
    }
  }

  function mergeMap(node: unknown, out: Record<string, unknown>): void {
    count(node);
    if (isAlias(node)) {
      viaAlias(node, (target) => {
        if (!isMap(target)) fail(node, 'map merge requires map or sequence of maps as the value');
        count(target);
        mapInto(target as unknown as { items: unknown[] }, out);
      });
      return;
    }
    mapInto(node as { items: unknown[] }, out);
  }

  function merge(node: unknown, out: Record<string, unknown>): void {
    if (isMap(node)) return mergeMap(node, out);
    if (isAlias(node)) return mergeMap(node, out);
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isAlias(item)) {
          const target = (item as unknown as { resolve(d: Document): Node | undefined }).resolve(doc);
          if (target && !isMap(target)) fail(item, 'map merge requires map or sequence of maps as the value');
        } else if (!isMap(item)) fail(item ?? node, 'map merge requires map or sequence of maps as the value');
        mergeMap(item, out);
      }
      return;
    }
    fail(node, 'map merge requires map or sequence of maps as the value');
  }

  return value(doc.contents);
}
