/** Text report of a run in helm-unittest's terms: per suite file, per test, per assert. */
import * as path from 'node:path';
import type { AssertResult, TestResult } from './run-suites';

const MARK: Record<string, string> = { passed: 'PASS', failed: 'FAIL', unsupported: 'UNSUPPORTED', skipped: 'SKIP' };

export function describeAssert(a: AssertResult): string {
  return `asserts[${a.index}] ${a.not ? 'not ' : ''}${a.type}${a.template ? ` (template ${a.template})` : ''}`;
}

export interface Totals {
  tests: number;
  asserts: number;
  byStatus: Record<string, number>;
}

export function totals(results: TestResult[]): Totals {
  const byStatus: Record<string, number> = { passed: 0, failed: 0, unsupported: 0, skipped: 0 };
  for (const t of results) for (const a of t.asserts) byStatus[a.status]++;
  return { tests: results.length, asserts: results.reduce((n, t) => n + t.asserts.length, 0), byStatus };
}

/** Lines for a terminal: failing and unsupported asserts in detail, passing tests as one line each when `verbose`. */
export function formatReport(results: TestResult[], chartDir: string, verbose = false): string {
  const lines: string[] = [];
  let file = '';
  for (const t of results) {
    if (t.file !== file) {
      file = t.file;
      lines.push('', `${path.relative(chartDir, t.file)}  (suite: ${t.suite})`);
    }
    if (t.status === 'passed' && !verbose) continue;
    lines.push(`  ${MARK[t.status]} ${t.test}${t.reason ? `: ${t.reason}` : ''}`);
    for (const a of t.asserts) {
      if (a.status === 'passed' && !verbose) continue;
      lines.push(`    - ${describeAssert(a)}: ${MARK[a.status]}`, ...a.info.map((i) => `        ${i}`));
    }
  }
  const sum = totals(results);
  const s = sum.byStatus;
  lines.push('', `Tests: ${sum.tests}, asserts: ${sum.asserts}: ${s.passed} passed, ${s.failed} failed, ${s.unsupported} unsupported, ${s.skipped} skipped`);
  return lines.join('\n');
}
