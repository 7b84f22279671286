/**
 * Child process of the cold-generation benchmark (`bench/generation.ts`):
 * what `npm run build-chart` does — generate the chart and write it — but
 * into the folder given as the only argument instead of the repository, so
 * the committed chart is never touched. Prints one JSON line of
 * {@link HelperTimings} on stdout.
 *
 *   tsx bench/generate-helper.ts <outRoot>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateChart, writeFiles } from '../src/generator';
import { helloworldEgress } from '../src/charts';

/** Milliseconds; `startup` is process start → first line of `main` (node + tsx + imports). */
export interface HelperTimings {
  startup: number;
  schema: number;
  templates: number;
  text: number;
  write: number;
  /** Process start → files written. */
  total: number;
  files: number;
  bytes: number;
}

function main(): void {
  const outRoot = process.argv[2];
  if (!outRoot) throw new Error('usage: tsx bench/generate-helper.ts <outRoot>');
  const startup = performance.now(); // performance.now() counts from process start
  const repoRoot = path.resolve(__dirname, '..');
  const chart = generateChart(helloworldEgress, { repoRoot });
  // writeFiles writes only inside an existing root (it resolves the root's real path first).
  fs.mkdirSync(path.resolve(outRoot), { recursive: true });
  const t = performance.now();
  const written = writeFiles(path.resolve(outRoot), [`charts/${helloworldEgress.name}`], chart.files);
  const write = performance.now() - t;
  const timings: HelperTimings = {
    startup,
    ...chart.timings,
    write,
    total: performance.now(),
    files: written.length,
    bytes: written.reduce((n, w) => n + w.bytes, 0),
  };
  process.stdout.write(`${JSON.stringify(timings)}\n`);
}

main();
