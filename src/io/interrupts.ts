/**
 * What a helmts process does when SIGINT, SIGTERM or SIGHUP arrives, and the
 * clean-ups that run on every way out.
 *
 * - Clean-ups (temporary folders, see temp-dir.ts) run on a normal exit and on
 *   those signals.
 * - The CLI installs the signal handlers once (`installInterruptHandlers`).
 *   A handler runs only between synchronous steps: helmts writes a folder in
 *   one synchronous run (generated-file.ts), so a signal that arrives while it
 *   writes is handled once the write is complete: the folder is wholly new.
 *   After the clean-ups the handler re-raises the signal with the default
 *   action, so the process ends by that signal (a shell shows 130 for SIGINT,
 *   143 for SIGTERM, 129 for SIGHUP), as a program without handlers would.
 * - A long-running command (`build --watch`) may take over with
 *   `stopOnInterrupt`: its callback runs instead of the re-raise.
 * - SIGKILL cannot be handled: the write journal (write-journal.ts) lets the
 *   next helmts command restore or finish an interrupted write.
 */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const cleanups = new Set<() => void>();
let stopper: ((signal: NodeJS.Signals) => void) | undefined;
let handlersInstalled = false;
let exitHookInstalled = false;

/** Runs every registered clean-up once (errors are ignored: a clean-up must not hide the reason for stopping). */
export function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
}

/** Registers a clean-up for every exit path; returns the function that unregisters it. */
export function addCleanup(cleanup: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', runCleanups);
  }
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

function onSignal(signal: NodeJS.Signals): void {
  runCleanups();
  if (stopper) return stopper(signal);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Installs the signal handlers of a helmts CLI process (idempotent). `note` prints what was interrupted. */
export function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

/** While set, a signal runs the clean-ups and then `stop` instead of ending the process. Returns the function that unsets it. */
export function stopOnInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
  stopper = stop;
  return () => {
    if (stopper === stop) stopper = undefined;
  };
}

/**
 * Lets a signal that arrived during synchronous work reach its handler before
 * the caller goes on: waits for one poll phase of the event loop (a timer, then
 * an immediate, which always has a poll phase between them).
 */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setImmediate(resolve), 0));
}
