/**
 * Validates values files the way `helm template <chart> -f a.yaml -f b.yaml`
 * would see them: parse each file, merge them over the chart's `values.yaml`,
 * check the result against the JSON schema and the semantic checks, and point
 * each problem at `file:line:col` of the node that set the offending value.
 *
 * Reads only the schema and values files from disk: no generator, no chart
 * definition, so it starts fast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonSchema } from '../generator/json-schema';
import { helmMergedValues, type ValuesMap } from './helm-merge';
import { schemaProblems } from './schema-problems';
import { semanticProblems } from './semantic-problems';
import { locate, type SourcePosition } from './source-position';
import { parseValuesFile, type ValuesFile } from './values-file';
import type { ValuesProblem } from './values-problem';

/** Where a problem was found: the YAML text, the JSON schema, or the semantic checks. */
export type ProblemSource = 'yaml' | 'schema' | 'semantic';

export type LocatedProblem = ValuesProblem & SourcePosition & { source: ProblemSource };

export interface ValidateFilesOptions {
  /** The `-f` files, in merge order. */
  files: string[];
  /** Chart directory; its `values.yaml` holds the defaults. */
  chartDir: string;
  /** The JSON schema file. */
  schemaPath: string;
  /** File names in messages are relative to this directory (default: the working directory). */
  cwd?: string;
}

export interface ValuesReport {
  /** The `-f` files as shown in messages. */
  files: string[];
  /** Every problem, in merge order of files, then by line and column. */
  problems: LocatedProblem[];
  errors: number;
  warnings: number;
  /** The merged values (undefined when a file did not parse). */
  values?: ValuesMap;
}

/** A file that cannot be read or a schema that is not JSON: the command was pointed at the wrong thing. */
export class ValuesInputError extends Error {
  override name = 'ValuesInputError';
}

function readText(file: string, what: string, shown?: string): string;
function readText(file: string, what: string, shown: string | undefined, bytes: true): Buffer;
function readText(file: string, what: string, shown = file, bytes = false): string | Buffer {
  try {
    return bytes ? fs.readFileSync(file) : fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new ValuesInputError(`cannot read ${what} ${shown}: ${reason}`);
  }
}

/** Reads and parses a JSON schema file. */
export function readSchema(schemaPath: string, shown = schemaPath): JsonSchema {
  const text = readText(schemaPath, 'schema', shown);
  try {
    return JSON.parse(text) as JsonSchema;
  } catch (error) {
    throw new ValuesInputError(`schema ${shown} is not JSON: ${(error as Error).message}`);
  }
}

function display(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative && !relative.startsWith('..') ? relative : file;
}

function count(problems: LocatedProblem[], severity: ValuesProblem['severity']): number {
  return problems.filter((p) => p.severity === severity).length;
}

function textProblems(sources: ValuesFile[]): LocatedProblem[] {
  return sources.flatMap((source) =>
    source.textProblems.map((t) => ({ ...t, file: source.file, path: '', segments: [], source: 'yaml' as const })),
  );
}

function sortByPosition(problems: LocatedProblem[], order: string[]): LocatedProblem[] {
  return [...problems].sort(
    (a, b) => order.indexOf(a.file) - order.indexOf(b.file) || a.line - b.line || a.col - b.col,
  );
}

/** Validates `options.files` merged over the chart defaults. Throws `ValuesInputError` only for unreadable input. */
export function validateValuesFiles(options: ValidateFilesOptions): ValuesReport {
  const cwd = options.cwd ?? process.cwd();
  const schema = readSchema(path.resolve(cwd, options.schemaPath), display(options.schemaPath, cwd));
  const defaultsPath = path.join(path.resolve(cwd, options.chartDir), 'values.yaml');
  const read = (file: string, what: string) => {
    const shown = display(file, cwd);
    return parseValuesFile(shown, readText(path.resolve(cwd, file), what, shown, true));
  };
  const sources = [read(defaultsPath, 'chart values'), ...options.files.map((f) => read(f, 'values file'))];
  const shown = sources.slice(1).map((s) => s.file);
  const order = sources.map((s) => s.file);
  const parsed = textProblems(sources);
  if (parsed.some((p) => p.severity === 'error')) {
    const problems = sortByPosition(parsed, order);
    return { files: shown, problems, errors: count(problems, 'error'), warnings: count(problems, 'warning') };
  }
  const values = helmMergedValues(sources[0].values, sources.slice(1).map((s) => s.values));
  // Every YAML document of every file, in merge order: a later document wins like a later file.
  const parts = sources.flatMap((s) => s.parts);
  const found: LocatedProblem[] = [
    ...schemaProblems(values, schema).map((p) => ({ ...p, ...locate(parts, p.at ?? { segments: p.segments }), source: 'schema' as const })),
    ...semanticProblems(values).map((p) => ({ ...p, ...locate(parts, p.at ?? { segments: p.segments }), source: 'semantic' as const })),
  ];
  const problems = sortByPosition([...parsed, ...found], order);
  return { files: shown, problems, errors: count(problems, 'error'), warnings: count(problems, 'warning'), values };
}
