/**
 * TypeScript syntax errors of a source file, as `file:line:column: message`.
 * The compiler's parser recovers from them (a missing `)` still yields a
 * program), and the chart transform and the schema generator would go on with
 * what it guessed: both stop here instead.
 */
import * as path from 'node:path';
import ts from 'typescript';

/** `file:line:col: TypeScript syntax error: …` for the first syntax error of `diagnostics`, or undefined. */
export function firstSyntaxError(diagnostics: readonly ts.Diagnostic[] | undefined, fileName: string): string | undefined {
  const d = diagnostics?.find((x) => x.category === ts.DiagnosticCategory.Error);
  if (!d) return undefined;
  const rel = path.relative(process.cwd(), fileName);
  const shown = rel && !rel.startsWith('..') ? rel : fileName;
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  const at = where ? `${shown}:${where.line + 1}:${where.character + 1}` : shown;
  return `${at}: TypeScript syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

/** Throws `file:line:col: TypeScript syntax error: …` when `source` does not parse. */
export function assertParses(source: string, fileName: string): void {
  const out = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: { noEmit: false } });
  const message = firstSyntaxError(out.diagnostics, fileName);
  if (message) throw new Error(message);
}
