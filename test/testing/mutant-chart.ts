/** Scripted, deterministic mutants of a chart: a temp copy with text edits, each of which must apply. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Edit {
  /** File relative to the chart. */
  file: string;
  from: string | RegExp;
  to: string;
}

const made: string[] = [];

/** A copy of `chartDir` with `edits` applied (each must change its file); removed by {@link removeMutants}. */
export function mutantChart(chartDir: string, edits: Edit[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-mutant-'));
  made.push(root);
  const copy = path.join(root, path.basename(chartDir));
  fs.cpSync(chartDir, copy, { recursive: true });
  for (const e of edits) {
    const file = path.join(copy, e.file);
    const before = fs.readFileSync(file, 'utf8');
    const after = before.replace(e.from, e.to);
    if (after === before) throw new Error(`mutant edit of ${e.file} changed nothing: ${String(e.from)}`);
    fs.writeFileSync(file, after);
  }
  return copy;
}

export function removeMutants(): void {
  for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
