/**
 * The exit codes of every helmts command, and how an error that reaches the
 * top is reported: one message naming the file (and line) and what to do —
 * never a stack trace, except for an internal error (a helmts bug).
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done (built, valid, agrees, pushed) |
 * | 1 | the input was refused or a check failed: a definition, a name or path, a values file, a CRD, a counterexample; nothing was written |
 * | 2 | usage error: unknown option, missing argument, a file argument that cannot be read |
 * | 70 | internal error: a bug in helmts (the only case with a stack trace) |
 * | 69 | Node.js older than 22.15 (bin/helmts.js, before anything loads) |
 * | 74 | the machine refused: read-only or full file system, no permission, an unusable TMPDIR or a deleted current folder; nothing was written |
 * | 129 / 130 / 143 | ended by SIGHUP / SIGINT / SIGTERM (the process re-raises the signal after finishing or undoing its write) |
 */
import { EnvironmentError, EXIT_ENVIRONMENT, isEnvironmentCode, environmentError } from '../io/environment-error';
import { OutputPathError } from '../io/safe-paths';
import type { CliIo } from './validate-values';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
export { EXIT_ENVIRONMENT };

/** The lines every command's --help ends with, after its own `codes` (e.g. `0 built, 1 a definition failed (nothing written), 2 usage error`). */
export function exitCodesHelp(codes: string): string {
  return (
    `Exit codes: ${codes}; 74 the file system refused (read-only, full, no\n` +
    `permission; nothing written); 70 internal error (a helmts bug). SIGINT, SIGTERM\n` +
    `and SIGHUP end helmts after it finishes or undoes the write in progress (a\n` +
    `shell shows 130, 143, 129); an interrupted write is settled by the next command.\n`
  );
}

/** Errors whose message is the whole report: the user can act on it. */
export class UserError extends Error {
  override name = 'UserError';
}

const USER_ERRORS = new Set(['OutputPathError', 'DefinitionError', 'CrdInputError', 'ValuesInputError', 'UserError', 'InputError']);

/** Reports an error that reached the top of `helmts <command>`; returns the exit code. */
export function reportError(command: string, error: unknown, io: CliIo): number {
  const name = typeof error === 'object' && error !== null ? String((error as Error).name) : '';
  if (name === 'ChartSelectionError') {
    io.stderr(`helmts ${command}: ${(error as Error).message}\n`);
    return (error as { exitCode?: number }).exitCode === 2 ? EXIT_USAGE : EXIT_REFUSED;
  }
  if (error instanceof OutputPathError || error instanceof UserError || USER_ERRORS.has(name)) {
    io.stderr(`helmts ${command}: ${(error as Error).message}\n`);
    return EXIT_REFUSED;
  }
  if (error instanceof EnvironmentError) {
    io.stderr(`helmts ${command}: ${error.message}\n`);
    return EXIT_ENVIRONMENT;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (isEnvironmentCode(code)) {
    const where = (error as NodeJS.ErrnoException).path ?? io.cwd;
    io.stderr(`helmts ${command}: ${environmentError(error, `${(error as NodeJS.ErrnoException).syscall ?? 'access'} ${where}`, where).message}\n`);
    return EXIT_ENVIRONMENT;
  }
  const detail = typeof error === 'object' && error !== null && 'message' in error ? ((error as Error).stack ?? (error as Error).message) : String(error);
  io.stderr(`helmts ${command}: internal error (a bug in helmts; please report it with the command you ran):\n${detail}\n`);
  return EXIT_INTERNAL;
}
