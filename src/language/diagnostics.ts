/** A refusal of the chart language: where (the user's file:line:column), what (the construct's text), why and what to write instead. */
import * as path from 'node:path';
import ts from 'typescript';
import { row, type Row } from './grammar';

export interface LanguageDiagnostic {
  /** `file:line:column`, relative to the working directory. */
  location: string;
  /** The construct as written (one line, shortened). */
  construct: string;
  /** The grammar row that refuses it. */
  row: string;
  message: string;
}

export function constructText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function locationOf(node: ts.Node, cwd = process.cwd()): string {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return `${path.relative(cwd, file.fileName) || file.fileName}:${line + 1}:${character + 1}`;
}

/** A refusal at `node` by the refused row `id`; `detail` says what it is in this case. */
export function refusal(node: ts.Node, id: string, detail: string): LanguageDiagnostic {
  const r: Row = row(id);
  const advice = r.status === 'refused' ? r.advice : '';
  return { location: locationOf(node), construct: constructText(node), row: id, message: `${detail}; ${advice}` };
}

export function formatLanguageDiagnostic(d: LanguageDiagnostic): string {
  return `${d.location}: \`${d.construct}\`: ${d.message}`;
}

/** The build error of an entry whose analysis refused constructs (every one of them, in source order). */
export class ChartLanguageError extends Error {
  constructor(readonly diagnostics: readonly LanguageDiagnostic[]) {
    super(diagnostics.map(formatLanguageDiagnostic).join('\n'));
    this.name = 'ChartLanguageError';
  }
}
