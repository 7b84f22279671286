/**
 * Paths helmts writes, checked before anything is written: each is a plain
 * relative path (no `..`, no `.`, no empty part, no backslash or control
 * character), resolves inside the folder it belongs to, and reaches it through
 * no symbolic link that leads out of the project.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A path or name helmts refuses to write: the refusal names it and says why. */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
}

/**
 * Why `rel` is not a plain relative POSIX path, or undefined when it is.
 * `what` names it in the message (e.g. `template "x.yaml"`).
 */
export function relativePathProblem(rel: string): string | undefined {
  if (typeof rel !== 'string') return `must be a string, not ${typeof rel}`;
  if (rel === '') return 'is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(rel)) return 'contains a control character (a newline, tab or NUL)';
  if (rel.includes('\\')) return 'contains a backslash; separate folders with "/"';
  if (rel.startsWith('/') || path.win32.isAbsolute(rel)) return 'is absolute; give a path relative to the folder';
  const parts = rel.split('/');
  if (parts.includes('..')) return 'contains ".." and would leave its folder';
  if (parts.includes('.')) return 'contains a "." segment; write the path without it';
  if (parts.includes('')) return rel.endsWith('/') ? 'ends with "/"; name a file' : 'contains an empty segment ("//")';
  if (parts.some((p) => p.trim() !== p)) return 'has a segment that starts or ends with a space';
  const long = parts.find((p) => Buffer.byteLength(p) > MAX_NAME_BYTES);
  if (long) {
    return `has a file or folder name of ${Buffer.byteLength(long)} bytes ("${long.slice(0, 16)}…"); file systems allow at most ${MAX_NAME_BYTES} bytes per name: shorten it`;
  }
  return undefined;
}

/** The longest file or folder name ext4, xfs, btrfs, tmpfs, APFS and NTFS take (NAME_MAX), in bytes of UTF-8. */
export const MAX_NAME_BYTES = 255;
/** The longest path Linux takes (PATH_MAX 4096, with its NUL), in bytes. */
export const MAX_PATH_BYTES = 4095;

/** Why the absolute path `abs` is longer than the system takes, or undefined. */
export function absolutePathProblem(abs: string): string | undefined {
  const bytes = Buffer.byteLength(abs);
  return bytes > MAX_PATH_BYTES ? `is ${bytes} bytes long as an absolute path; the system takes at most ${MAX_PATH_BYTES}: shorten it` : undefined;
}

/** Whether `child` (absolute) is `parent` or lies inside it, after resolving both. */
export function isInside(parent: string, child: string, allowEqual = false): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  if (rel === '') return allowEqual;
  return !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel);
}

/**
 * Checks that the folder `dir` (absolute, inside `root`) is reached from `root`
 * through no symbolic link that leads outside `root`, and that `dir` itself is
 * not a symbolic link (helmts replaces the folder, and would replace the link).
 * Throws an OutputPathError naming the link.
 */
export function assertNoEscapingLinks(root: string, dir: string, shown: (p: string) => string): void {
  const realRoot = fs.realpathSync(root);
  const rel = path.relative(root, dir);
  let current = root;
  for (const part of rel.split(path.sep)) {
    current = path.join(current, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      return; // the rest does not exist yet: it will be created as plain folders
    }
    if (stat.isSymbolicLink()) {
      if (current === dir) {
        throw new OutputPathError(`${shown(current)} is a symbolic link; helmts replaces its output folder as a whole and does not follow links: remove the link or point the output elsewhere`);
      }
      const real = fs.realpathSync(current);
      if (!isInside(realRoot, real, true)) {
        throw new OutputPathError(`${shown(current)} is a symbolic link to ${real}, outside the project ${root}; helmts writes only inside the project: remove the link or point the output elsewhere`);
      }
    } else if (!stat.isDirectory()) {
      throw new OutputPathError(`${shown(current)} is a file, not a folder; move it away so helmts can write ${shown(dir)}`);
    }
  }
}
