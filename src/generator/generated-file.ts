/**
 * Generated files and the one writer at the edge. Generators are pure
 * functions returning `{ path, content }[]`; `writeFiles` refuses two files
 * at one path and replaces each output folder atomically, so a failed build
 * never leaves a half-written chart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GeneratedFile {
  /** Path relative to the repository root. */
  path: string;
  content: string;
}

/** Throws if two files share a path. */
export function assertUniquePaths(files: GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const key = path.posix.normalize(f.path);
    if (seen.has(key)) throw new Error(`two generated files at ${key}; each path may be written once`);
    seen.add(key);
  }
}

export interface WriteSummary {
  path: string;
  bytes: number;
  changed: boolean;
}

/**
 * Writes `files` under `root`. Every file must lie in one of `ownedDirs`
 * (relative to root); each owned folder is rebuilt in a temporary sibling
 * and swapped in by rename, so stale files disappear and readers never see a
 * partial folder.
 */
export function writeFiles(root: string, ownedDirs: string[], files: GeneratedFile[]): WriteSummary[] {
  assertUniquePaths(files);
  const owner = (p: string) => ownedDirs.find((d) => p === d || p.startsWith(`${d}/`));
  for (const f of files) {
    if (!owner(f.path)) throw new Error(`${f.path} is outside the generated folders (${ownedDirs.join(', ')})`);
  }
  const summary: WriteSummary[] = [];
  const staged: Array<{ dir: string; tmp: string }> = [];
  try {
    for (const dir of ownedDirs) {
      const target = path.join(root, dir);
      const tmp = `${target}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      staged.push({ dir: target, tmp });
      for (const f of files.filter((file) => owner(file.path) === dir)) {
        const dest = path.join(tmp, path.relative(dir, f.path));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, f.content);
        const previous = path.join(root, f.path);
        const changed = !fs.existsSync(previous) || fs.readFileSync(previous, 'utf8') !== f.content;
        summary.push({ path: f.path, bytes: Buffer.byteLength(f.content), changed });
      }
    }
  } catch (error) {
    for (const s of staged) fs.rmSync(s.tmp, { recursive: true, force: true });
    throw error;
  }
  for (const s of staged) {
    const old = `${s.dir}.old-${process.pid}`;
    if (fs.existsSync(s.dir)) fs.renameSync(s.dir, old);
    fs.renameSync(s.tmp, s.dir);
    fs.rmSync(old, { recursive: true, force: true });
  }
  return summary;
}
