/**
 * Maps a values path to `file:line:col`: the node in the last file (in merge
 * order) that set it. Because Helm merges maps key by key and replaces lists
 * whole, the last file containing a path is the one whose value Helm used.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ValuesPart } from './values-file';
import type { PathSegment, ProblemLocation } from './values-problem';

export interface SourcePosition {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
}

interface Found {
  /** The value node (null for `key:` with nothing after it). */
  value: Node | null;
  /** The key node when the path ends at a map entry. */
  key: Node | null;
}

function deref(node: unknown, doc: Document.Parsed): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The node at `segments` in `doc`, following aliases; the last entry wins for duplicate keys. */
export function findNode(doc: Document.Parsed, segments: PathSegment[]): Found | undefined {
  let found: Found = { value: (doc.contents as Node | null) ?? null, key: null };
  for (const segment of segments) {
    const node = deref(found.value, doc);
    if (isMap(node)) {
      const pair = [...node.items].reverse().find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      if (!pair) return undefined;
      found = { value: (pair.value as Node | null) ?? null, key: (pair.key as Node | null) ?? null };
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      found = { value: (node.items[segment] as Node | null) ?? null, key: null };
    } else return undefined;
  }
  return found;
}

function position(file: ValuesPart, node: Node | null | undefined): SourcePosition {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.file, line, col };
}

function isNullNode(node: Node | null): boolean {
  return !node || (isScalar(node) && node.value === null);
}

/** Node of a found entry to point at: the key when asked for, or when the value is empty. */
function pointAt(found: Found, key: boolean): Node | null {
  const emptyValue = isNullNode(found.value) && (!found.value || (found.value as { source?: string }).source === '');
  return (key || emptyValue) && found.key ? found.key : found.value;
}

/**
 * Position of `at` among `files` (chart defaults first, then the `-f` files in
 * order): the last file containing the path; for a missing key, a `null` some
 * file set it to, else its parent map; failing all that, the nearest ancestor.
 */
export function locate(files: ValuesPart[], at: ProblemLocation): SourcePosition {
  const reversed = [...files].reverse();
  const search = (segments: PathSegment[], key: boolean, onlyNull = false): SourcePosition | undefined => {
    for (const file of reversed) {
      const found = findNode(file.doc, segments);
      if (found && (!onlyNull || isNullNode(found.value))) return position(file, pointAt(found, key));
    }
    return undefined;
  };
  if (at.missing) {
    const explicitNull = search(at.segments, true, true);
    if (explicitNull) return explicitNull;
  } else {
    const exact = search(at.segments, at.key ?? false);
    if (exact) return exact;
  }
  for (let n = at.segments.length - 1; n >= 0; n--) {
    const ancestor = search(at.segments.slice(0, n), false);
    if (ancestor) return ancestor;
  }
  return { file: files[files.length - 1]?.file ?? '', line: 1, col: 1 };
}
