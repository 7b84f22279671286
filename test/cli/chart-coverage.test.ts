/**
 * `npm run test:coverage` as a user runs it: it exits 0 at or above both
 * thresholds and 1 below one. One small chart test file keeps it quick; its
 * coverage is well under 100%. (Each run builds the marked chart, ~10 s, so a
 * failing test's exit 1 is left to reading src/cli/chart-coverage.ts.)
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const ONE_FILE = 'test/charts/helloworld-egress/namespace.test.ts';

function coverage(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'test:coverage', '--', ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The totals line: `branches 42.0%, values paths 37.5%`. */
function totals(stdout: string): { branches: number; paths: number } {
  const m = /^branches ([\d.]+)%, values paths ([\d.]+)%$/m.exec(stdout);
  if (!m) throw new Error(`no totals line in:\n${stdout}`);
  return { branches: Number(m[1]), paths: Number(m[2]) };
}

describe('npm run test:coverage', () => {
  let measured: { branches: number; paths: number };

  it('exits 0 when both ratios reach their thresholds, and reports the never-rendered branches', async () => {
    const result = await coverage('--threshold', '0', '--paths-threshold', '0', ONE_FILE);
    expect(result.code).toBe(0);
    measured = totals(result.stdout);
    expect(measured.branches).toBeGreaterThan(0);
    expect(measured.branches).toBeLessThan(100); // one test file leaves branches unrendered...
    expect(result.stdout).toMatch(/never rendered: /); // ...and names them
    expect(result.stderr).not.toMatch(/test:coverage:/);
  }, 120_000);

  it('exits 1 when the values paths fall under --paths-threshold, and says so', async () => {
    const result = await coverage('--threshold', String(measured.branches), '--paths-threshold', String(measured.paths + 0.1), ONE_FILE);
    expect(totals(result.stdout)).toEqual(measured);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/below the threshold/);
  }, 120_000);
});
