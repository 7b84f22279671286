/**
 * One parsed values file: its plain values, its YAML node tree (for source
 * positions) and the problems of the text itself (syntax errors, a top level
 * that is not a map, duplicate keys).
 *
 * Scalars are read as Helm reads them (go-yaml v2, see go-yaml.ts): `yes`/`on`
 * are booleans, `0120` and `0o120` are octal, `e80` and `12:30` are strings.
 * Duplicate keys are not a syntax error (Helm keeps the last
 * one) but are reported as a warning.
 */
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { goYamlOptions } from './go-yaml';
import { isValuesMap, type ValuesMap } from './helm-merge';

/** A problem of the file text itself, with the parser's 1-based line and column. */
export interface TextProblem {
  line: number;
  col: number;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

export interface ValuesFile {
  /** The file name shown in messages (as given, or relative to the working directory). */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain values; `{}` for an empty file or one that did not parse. */
  values: ValuesMap;
  /** Syntax errors and warnings of the text; any error means `values` is unusable. */
  textProblems: TextProblem[];
}

/** `Nested mappings are not allowed ... at line 3, column 8:\n\n<context>` → its first sentence. */
function parserMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function describeTopLevel(node: unknown): string {
  if (isSeq(node)) return 'a list';
  return 'a single value';
}

function duplicateKeyWarnings(doc: Document.Parsed, lineCounter: LineCounter): TextProblem[] {
  const out: TextProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
        if (seen.has(key)) {
          const start = (pair.key as Node | null)?.range?.[0] ?? 0;
          const { line, col } = lineCounter.linePos(start);
          out.push({
            line,
            col,
            message: `duplicate key "${key}": Helm uses the last one and ignores the earlier`,
            hint: 'delete the duplicate; YAML editors report it as an error',
            severity: 'warning',
          });
        }
        seen.add(key);
      }
    },
  });
  return out;
}

/** Parses the text of a values file named `file`. Never throws on bad YAML: see `textProblems`. */
export function parseValuesFile(file: string, text: string): ValuesFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...goYamlOptions, uniqueKeys: false, lineCounter });
  const textProblems: TextProblem[] = doc.errors.map((error) => {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    return { line: pos.line, col: pos.col, message: `YAML syntax error: ${parserMessage(error.message)}`, severity: 'error' };
  });
  let values: ValuesMap = {};
  if (textProblems.length === 0) {
    const js: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (js === null || js === undefined) values = {};
    else if (isValuesMap(js) && isMap(doc.contents)) values = js;
    else {
      const start = (doc.contents as Node | null)?.range?.[0] ?? 0;
      const { line, col } = lineCounter.linePos(start);
      textProblems.push({
        line,
        col,
        message: `a values file must be a map of keys; this one is ${describeTopLevel(doc.contents)}`,
        hint: 'start with top-level keys such as "namespaces:"',
        severity: 'error',
      });
    }
    textProblems.push(...duplicateKeyWarnings(doc, lineCounter));
  }
  return { file, doc, lineCounter, values, textProblems };
}
