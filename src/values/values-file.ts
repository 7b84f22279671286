/**
 * One parsed values file: its plain values, its YAML node trees (for source
 * positions) and the problems of the text itself (syntax errors, a top level
 * that is not a map, duplicate keys), read the way Helm reads `-f` files.
 *
 * Scalars are read as Helm reads them (go-yaml v2, see go-yaml.ts): `yes`/`on`
 * are booleans, `0120` and `0o120` are octal, `e80` and `12:30` are strings.
 * Merge keys, aliases and alias bombs are decoded as go-yaml does
 * (go-yaml-decode.ts). Duplicate keys are not a syntax error (Helm keeps the
 * last one) but are reported as a warning.
 *
 * Several YAML documents (`---`): Helm 4 splits the file as Kubernetes'
 * `YAMLReader` does (a line starting with `---`, followed only by spaces or a
 * `# comment`, separates documents; any other text after `---` is an error),
 * decodes each part on its own (anchors do not cross parts; a part must be a
 * map or empty) and merges them in order like `-f` files (helm/helm
 * pkg/chart/v2/loader `LoadValues`). Helm 3 reads only the first document
 * (pkg/chartutil `ReadValues`, one `yaml.Unmarshal`). The file is checked as
 * Helm 4 reads it; when Helm 3 would read other values, a warning says so
 * (test/values/values-documents.test.ts compares both with real Helm).
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, visit, type Document, type Node } from 'yaml';
import { goYamlDecode, GoYamlDecodeError } from './go-yaml-decode';
import { goYamlBreaks, goYamlOptions } from './go-yaml';
import { isValuesMap, mergeValuesFiles, type ValuesMap } from './helm-merge';
import { decodeYamlBytes, yamlCharacterProblem } from './yaml-bytes';

/** A problem of the file text itself, with the parser's 1-based line and column. */
export interface TextProblem {
  line: number;
  col: number;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

/** One YAML document of a values file as Helm 4 reads it: positions are those of the whole file. */
export interface ValuesPart {
  /** The file name shown in messages. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  values: ValuesMap;
}

export interface ValuesFile extends ValuesPart {
  /** The values of every document merged in order (Helm 4); `{}` for an empty file or one that did not parse. */
  values: ValuesMap;
  /** Syntax errors and warnings of the text; any error means `values` is unusable. */
  textProblems: TextProblem[];
  /** The documents, in order (one for most files); `doc` and `lineCounter` are the first one's. */
  parts: ValuesPart[];
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
        const keyNode = pair.key as { value?: unknown } | null;
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') continue; // `<<` merge keys may repeat
        const key = String(keyNode?.value ?? pair.key);
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

interface Chunk {
  /** 1-based line where the part starts. */
  line: number;
  text: string;
}

/** Splits `text` into documents as Kubernetes' YAMLReader (k8s.io/apimachinery pkg/util/yaml) does for Helm 4. */
function splitDocuments(text: string): { chunks: Chunk[]; problem?: TextProblem } {
  const chunks: Chunk[] = [];
  let buffer = '';
  let start = 1;
  const lines = text.split(/(?<=\n)/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) {
        return {
          chunks,
          problem: {
            line: i + 1,
            col: 4,
            message: `text after the document separator "---": Helm 4 refuses it (invalid Yaml document separator: ${rest})`,
            hint: 'put the text on the next line, or remove the "---"',
            severity: 'error',
          },
        };
      }
      if (buffer !== '') chunks.push({ line: start, text: buffer });
      buffer = '';
      continue;
    }
    if (buffer === '') start = i + 1;
    buffer += line;
  }
  if (buffer !== '') chunks.push({ line: start, text: buffer });
  return { chunks };
}

const problemAt = (lineCounter: LineCounter, offset: number, message: string, hint?: string): TextProblem => {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col, message, ...(hint ? { hint } : {}), severity: 'error' };
};

/** Decodes one document as go-yaml does; errors and a top level that is not a map become text problems. */
function decodePart(doc: Document.Parsed, lineCounter: LineCounter, problems: TextProblem[]): ValuesMap | undefined {
  let js: unknown;
  try {
    js = goYamlDecode(doc);
  } catch (error) {
    if (!(error instanceof GoYamlDecodeError)) throw error;
    const hint = /aliasing/.test(error.message)
      ? 'Helm refuses it too (an alias bomb); write the values out instead of nesting aliases'
      : /merge/.test(error.message)
        ? 'a "<<" key merges a map (<<: *anchor) or a list of maps (<<: [*a, *b]); quote "<<" to use it as a plain key'
        : undefined;
    problems.push(problemAt(lineCounter, error.offset, `YAML error (Helm refuses it too): ${error.message}`, hint));
    return undefined;
  }
  if (js === null || js === undefined) return {};
  if (isValuesMap(js) && isMap(doc.contents)) return js;
  problems.push({
    ...problemAt(lineCounter, (doc.contents as Node | null)?.range?.[0] ?? 0, `a values file must be a map of keys; this one is ${describeTopLevel(doc.contents)}`),
    hint: 'start with top-level keys such as "namespaces:"',
  });
  return undefined;
}

function syntaxProblems(doc: Document.Parsed, lineCounter: LineCounter): TextProblem[] {
  return doc.errors.map((error) => {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    if (/Maximum call stack size exceeded/.test(error.message)) {
      // Not the file's fault: the YAML reader's own limit (Helm's go-yaml reads up to 10,000 levels).
      return {
        line: pos.line,
        col: pos.col,
        message: 'the values nest too deep for helmts to read (several hundred levels; Helm reads up to 10,000), so helmts cannot check them',
        hint: 'flatten the structure',
        severity: 'error' as const,
      };
    }
    return { line: pos.line, col: pos.col, message: `YAML syntax error: ${parserMessage(error.message)}`, severity: 'error' as const };
  });
}

function sameValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What Helm 3 reads: the first document of the stream (decoded), or undefined when it would not parse. */
function helm3Values(text: string): unknown {
  const [first] = parseAllDocuments(text, { ...goYamlOptions, uniqueKeys: false });
  if (!first || !('contents' in first) || first.errors.length > 0) return undefined;
  try {
    return goYamlDecode(first) ?? {};
  } catch {
    return undefined;
  }
}

/** A file Helm refuses before reading any YAML (its bytes or characters, yaml-bytes.ts). */
function refusedFile(file: string, problem: TextProblem): ValuesFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument('', { ...goYamlOptions, lineCounter });
  const part = { file, doc, lineCounter, values: {} };
  return { ...part, textProblems: [problem], parts: [part] };
}

/**
 * Parses a values file named `file`: its bytes as Helm gets them (UTF-8 checked as go-yaml checks it), or its text.
 * Never throws on bad input: see `textProblems`.
 */
export function parseValuesFile(file: string, raw: string | Uint8Array): ValuesFile {
  let decoded: string;
  if (typeof raw === 'string') decoded = raw;
  else {
    const d = decodeYamlBytes(raw);
    if ('problem' in d) return refusedFile(file, { ...d.problem, severity: 'error' });
    decoded = d.text;
  }
  const bad = yamlCharacterProblem(decoded);
  if (bad) return refusedFile(file, { ...bad, severity: 'error' });
  const text = goYamlBreaks(decoded);
  const textProblems: TextProblem[] = [];
  const { chunks, problem } = splitDocuments(text);
  if (problem) textProblems.push(problem);
  const parts: ValuesPart[] = [];
  let ok = !problem;
  for (const chunk of problem ? [] : chunks) {
    // Padding keeps the positions those of the whole file.
    const padded = '\n'.repeat(chunk.line - 1) + chunk.text;
    const lineCounter = new LineCounter();
    const firstLine = chunk.text.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    if (firstLine?.startsWith('%')) {
      textProblems.push({
        line: chunk.line + chunk.text.split('\n').indexOf(firstLine),
        col: 1,
        message: `YAML directive ${JSON.stringify(firstLine.trim())}: Helm 4 refuses it (its document splitter cuts the directive off its document)`,
        hint: 'delete the directive line; values files need none',
        severity: 'error',
      });
      ok = false;
      continue;
    }
    const docs = parseAllDocuments(padded, { ...goYamlOptions, uniqueKeys: false, lineCounter });
    const doc = (Array.isArray(docs) ? docs[0] : undefined) ?? parseDocument(padded, { ...goYamlOptions, uniqueKeys: false, lineCounter });
    const errors = syntaxProblems(doc, lineCounter);
    textProblems.push(...errors);
    if (errors.length > 0) {
      ok = false;
      continue;
    }
    if (Array.isArray(docs) && docs.length > 1 && docs.slice(1).some((d) => d.contents !== null)) {
      const start = docs[1].range[0];
      textProblems.push({
        ...problemAt(lineCounter, start, 'YAML after a document end marker "..." is ignored by Helm 3 and 4 (they read the first document of each "---" part)'),
        hint: 'remove the "..." line or separate documents with "---"',
        severity: 'warning',
      });
    }
    const values = decodePart(doc, lineCounter, textProblems);
    if (values === undefined) {
      ok = false;
      continue;
    }
    textProblems.push(...duplicateKeyWarnings(doc, lineCounter));
    parts.push({ file, doc, lineCounter, values });
  }
  const values = ok ? parts.reduce<ValuesMap>((acc, p) => mergeValuesFiles(acc, p.values), {}) : {};
  if (ok && /^(---|\.\.\.)/m.test(text) && !sameValues(helm3Values(text), values)) {
    const second = parts.find((p, i) => i > 0 && Object.keys(p.values).length > 0) ?? parts[parts.length - 1];
    const { line } = second.lineCounter.linePos((second.doc.contents as Node | null)?.range?.[0] ?? 0);
    textProblems.push({
      line,
      col: 1,
      message: `this file has ${Math.max(parts.length, 2)} YAML documents: Helm 4 merges them (as checked here), Helm 3 reads only the first, so the two render different values`,
      hint: 'put all values in one document (remove the "---" lines)',
      severity: 'warning',
    });
  }
  const empty = parseDocument('', { ...goYamlOptions, lineCounter: new LineCounter() });
  const first = parts[0] ?? { file, doc: empty, lineCounter: new LineCounter(), values: {} };
  return { file, doc: first.doc, lineCounter: first.lineCounter, values, textProblems, parts: parts.length > 0 ? parts : [first] };
}
