/**
 * Temporary folders that are removed on every exit path helmts sees: the
 * caller's `remove()`, a normal process exit, SIGINT, SIGTERM and SIGHUP
 * (interrupts.ts). Only SIGKILL (or a power cut) leaves one behind; its name
 * carries the process id (`helmts-<what>-<pid>-XXXXXX`) so it can be told apart.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { environmentError } from './environment-error';
import { addCleanup } from './interrupts';

export interface TempDir {
  path: string;
  /** Removes the folder (idempotent). */
  remove(): void;
}

/** Creates `<tmpdir>/helmts-<what>-<pid>-XXXXXX`; `what` is a short word such as `check`. */
export function makeTempDir(what: string): TempDir {
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `helmts-${what}-${process.pid}-`));
  } catch (error) {
    throw environmentError(error, `create a temporary folder in ${os.tmpdir()}`, os.tmpdir());
  }
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    unregister();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const unregister = addCleanup(remove);
  return { path: dir, remove };
}

/** Runs `fn` with a temporary folder and removes the folder afterwards, whatever happens. */
export async function withTempDir<T>(what: string, fn: (dir: string) => Promise<T> | T): Promise<T> {
  const tmp = makeTempDir(what);
  try {
    return await fn(tmp.path);
  } finally {
    tmp.remove();
  }
}
