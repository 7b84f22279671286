/**
 * Faults of the machine rather than of the input: a read-only or full file
 * system, missing permissions, too many open files. helmts reports them as one
 * line naming the path, what failed and what to do, and exits with 74
 * (EX_IOERR of sysexits.h), never with a stack trace.
 */
import * as path from 'node:path';

/** The exit code of an environment fault. */
export const EXIT_ENVIRONMENT = 74;

export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const REASONS: Record<string, (where: string) => string> = {
  EROFS: (where) => `the file system is read-only; remount it read-write or work in another folder (${where})`,
  EACCES: (where) => `permission denied; check the owner and mode of ${where} (ls -ld ${where})`,
  EPERM: (where) => `operation not permitted; check the owner, mode and attributes of ${where} (ls -ld ${where})`,
  ENOSPC: (where) => `no space left on the device; free some space (df -h ${where}) and run again`,
  EDQUOT: (where) => `disk quota exceeded; free some space (quota, df -h ${where}) and run again`,
  EIO: (where) => `input/output error on the device holding ${where}; check the disk`,
  EMFILE: () => 'too many open files in this process; raise the limit (ulimit -n) and run again',
  ENFILE: () => 'too many open files on this machine; close some programs and run again',
  ENAMETOOLONG: () => 'a file name is too long for the file system; use shorter names',
  ENOTDIR: (where) => `a part of the path ${where} is a file, not a folder; move the file away`,
  EISDIR: (where) => `${where} is a folder where a file was expected; move the folder away`,
  ENOENT: (where) => `${where} does not exist (it may have been removed while helmts ran)`,
  EBUSY: (where) => `${where} is busy (a mount point, or in use by another program)`,
  EXDEV: (where) => `${where} spans two file systems; helmts needs its temporary sibling on the same one`,
  ELOOP: (where) => `too many symbolic links in ${where}`,
  EEXIST: (where) => `${where} already exists (a file where a folder was expected, or another process created it meanwhile)`,
};

/** Error codes that mean the machine, not the input, is at fault. */
export function isEnvironmentCode(code: unknown): code is string {
  return typeof code === 'string' && code in REASONS && code !== 'ENOENT';
}

/** A path as shown to the user: relative to `base` when inside it. */
export function shownPath(file: string, base = process.cwd()): string {
  const rel = path.relative(base, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * An EnvironmentError for a failed file-system call: `cannot <action>: <reason> (<CODE>). <note>`.
 * `where` is the folder the hint names (shown relative to the working directory).
 */
export function environmentError(error: unknown, action: string, where: string, note?: string): Error {
  if (error instanceof EnvironmentError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code && REASONS[code] ? REASONS[code](shownPath(where)) : ((error as Error)?.message ?? String(error));
  return new EnvironmentError(`cannot ${action}: ${reason}${code ? ` (${code})` : ''}${note ? `. ${note}.` : ''}`, code);
}
