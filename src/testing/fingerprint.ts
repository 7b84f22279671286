/**
 * Cache keys: a stable serialization of render options plus content hashes of the chart
 * directory and the values files. File hashes are memoized by (size, mtime), so re-keying a
 * render costs one `stat` per file.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** JSON with object keys sorted at every level (so `{a, b}` and `{b, a}` key the same). */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

const fileHashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();

/** Content hash of one file (`missing` when it does not exist; helm then reports the error). */
export function fileHash(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'missing';
  }
  const memo = fileHashes.get(file);
  if (memo && memo.size === stat.size && memo.mtimeMs === stat.mtimeMs) return memo.hash;
  const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  fileHashes.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  return hash;
}

/** Hash over every file below `dir` (relative path + content hash), in sorted order. */
export function directoryHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(dir, child)));
      if (isDir) walk(child);
      else hash.update(`${child}\0${fileHash(path.join(dir, child))}\n`);
    }
  };
  walk('');
  return hash.digest('hex');
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
