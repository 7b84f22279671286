/**
 * The toolkit's side of chart coverage (`npm run test:coverage`). The coverage
 * runner points the tests at a marked build of the chart and collects the
 * coverage marks of every successful render:
 *
 * - `HELMTS_COVERAGE_CHARTS`: JSON map of chart directory → marked build directory;
 * - `HELMTS_COVERAGE_HITS`: a directory where each test process appends the marks it saw.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { coverageHits } from '../generator/coverage';

let redirects: Record<string, string> | undefined;

/** The directory a test's `loadChart(dir)` renders: the marked build during a coverage run. */
export function resolveChartDir(dir: string): string {
  redirects ??= process.env.HELMTS_COVERAGE_CHARTS ? (JSON.parse(process.env.HELMTS_COVERAGE_CHARTS) as Record<string, string>) : {};
  return redirects[dir] ?? dir;
}

/** Appends the coverage marks of one rendered manifest stream (no-op outside a coverage run). */
export function recordCoverage(manifest: string): void {
  const dir = process.env.HELMTS_COVERAGE_HITS;
  if (!dir) return;
  const ids = [...new Set(coverageHits(manifest))];
  if (ids.length > 0) fs.appendFileSync(path.join(dir, `${process.pid}.hits`), `${ids.join('\n')}\n`);
}
