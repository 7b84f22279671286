/**
 * Text and JSON renderings of a values report, for the terminal and for tools.
 *
 * Text, one line per problem (columns separated by two spaces):
 * `values/bad.yaml:12:17  namespaces[0].sidecar.egress[0].port  port must be an integer 1–65535; got "80" (a string)  (remove the quotes)`
 * Warnings carry `warning: ` before the message; YAML syntax problems have no path column.
 */
import type { LocatedProblem, ValuesReport } from './validate-files';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `file:line:col  path  message  (hint)`. */
export function formatProblemLine(p: LocatedProblem): string {
  const message = `${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
  return [`${p.file}:${p.line}:${p.col}`, p.path, message, p.hint ? `(${p.hint})` : '']
    .filter((column) => column !== '')
    .join('  ');
}

/** Whether the report fails: any error, or (with `strict`) any warning. */
export function reportFails(report: ValuesReport, strict: boolean): boolean {
  return report.errors > 0 || (strict && report.warnings > 0);
}

/**
 * The problem lines, then a summary line:
 * `OK: values/seed.yaml (0 errors, 0 warnings)` or
 * `FAILED: values/bad.yaml (2 errors, 1 warning)` — the same words for every chart.
 */
export function formatReportText(report: ValuesReport, strict: boolean): string {
  const lines = report.problems.map(formatProblemLine);
  const files = report.files.join(' + ');
  if (reportFails(report, strict)) {
    const why = strict && report.errors === 0 ? '; --strict fails on warnings' : '';
    lines.push(`FAILED: ${files} (${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}${why})`);
  } else {
    lines.push(`OK: ${files} (${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')})`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `{ok, files, errors, warnings, problems: [{file, line, col, path, severity, source, message, hint}]}`,
 * pretty-printed.
 */
export function formatReportJson(report: ValuesReport, strict: boolean): string {
  const problems = report.problems.map((p) => ({
    file: p.file,
    line: p.line,
    col: p.col,
    path: p.path,
    severity: p.severity,
    source: p.source,
    message: p.message,
    ...(p.hint ? { hint: p.hint } : {}),
  }));
  const ok = !reportFails(report, strict);
  return `${JSON.stringify({ ok, files: report.files, errors: report.errors, warnings: report.warnings, problems }, null, 2)}\n`;
}
