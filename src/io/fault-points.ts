/**
 * Test hooks at the steps of a write, so tests can interrupt a real helmts
 * process at each of them. Off unless `HELMTS_TEST_FAULT` is set; its value is
 * a comma-separated list of `<point>:<action>`:
 *
 * - `pause=<file>`: print `helmts-fault: paused at <point>` on stderr, then
 *   wait (synchronously, at most 60 s) until `<file>` exists;
 * - `kill`: SIGKILL this process at that point;
 * - `error=<CODE>`: throw a file-system error with that code (ENOSPC, EROFS, …)
 *   as if the next call had failed.
 *
 * `<point>` may end in `#n` to act only at its n-th passage (1-based).
 */
import * as fs from 'node:fs';

const passages = new Map<string, number>();
let lastSpec: string | undefined;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function wait(file: string, point: string): void {
  process.stderr.write(`helmts-fault: paused at ${point}\n`);
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(file) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 10);
}

/** Marks a step of a write; does nothing unless HELMTS_TEST_FAULT names it. */
export function faultPoint(point: string, target?: string): void {
  const spec = process.env.HELMTS_TEST_FAULT;
  if (!spec) return;
  if (spec !== lastSpec) {
    // A new setting (a test in the same process) counts passages afresh.
    lastSpec = spec;
    passages.clear();
  }
  const n = (passages.get(point) ?? 0) + 1;
  passages.set(point, n);
  for (const entry of spec.split(',')) {
    const [where, action = ''] = entry.split(/:(.*)/s);
    const [name, nth] = where.split('#');
    if (name !== point || (nth !== undefined && Number(nth) !== n)) continue;
    if (action.startsWith('pause=')) wait(action.slice('pause='.length), where);
    else if (action === 'kill') process.kill(process.pid, 'SIGKILL');
    else if (action.startsWith('error=')) {
      const code = action.slice('error='.length);
      throw Object.assign(new Error(`${code}: injected fault at ${point}${target ? `, '${target}'` : ''}`), { code, path: target });
    }
  }
}
