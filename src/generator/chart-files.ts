/**
 * Files shipped in the chart (`.Files.Get`, `.Files.Glob`): the definition
 * declares them (`files: ['config/app.conf']`, paths relative to its source
 * folder); the generator copies them into the chart at the same path, and a
 * template reads them through `b.files`:
 *
 * - `b.files.get('config/app.conf')` → `$.Files.Get "config/app.conf"` (a
 *   string: a ConfigMap value, `b64enc()` for a Secret, a template literal);
 * - `b.files.glob('config/*').asConfig()` / `.asSecrets()` →
 *   `($.Files.Glob "config/*").AsConfig | nindent N`: a map from file base
 *   names to contents (base64 for Secrets), placed as a ConfigMap's `data`.
 *
 * Concretely both read the same files from the source folder, so the
 * TypeScript render equals Helm's. A path that is not declared, a pattern
 * that matches no declared file, or a declared file that is missing stops
 * the build: Helm itself would silently render an empty string.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { chartError } from '../language/chart-files';
import { registerToken } from './symbolic';
import type { Expr } from './expr';
import { spreadable } from './markers';

/** `b.files`: what a template may read of the files the chart ships. */
export interface ChartFiles {
  /** `.Files.Get "<path>"`: the text of a declared file. */
  get(file: string): string;
  /** `.Files.Glob "<pattern>"` over the declared files (`*` within a folder, `**` across folders, as Helm's glob). */
  glob(pattern: string): FileGroup;
}

export interface FileGroup {
  /** `.AsConfig`: file base name → text, for a ConfigMap's `data`. */
  asConfig(): Record<string, string>;
  /** `.AsSecrets`: file base name → base64 of the bytes, for a Secret's `data`. */
  asSecrets(): Record<string, string>;
}

/** A YAML map Helm prints as text (`(.Files.Glob "…").AsConfig`), placed with `| nindent`. */
export class YamlTextMarker {
  constructor(readonly expr: Expr) {}
}

function checkDeclared(declared: readonly string[], file: string): void {
  if (!declared.includes(file)) {
    throw chartError(
      `files.get('${file}'): the chart does not ship ${file} (Helm would render an empty string); ` +
        `add it to the definition's files: [${declared.map((f) => `'${f}'`).join(', ')}]`,
    );
  }
}

function matching(declared: readonly string[], pattern: string): string[] {
  const found = declared.filter((f) => minimatch(f, pattern, { dot: true })).sort();
  if (found.length === 0) {
    throw chartError(`files.glob('${pattern}') matches none of the files the chart ships (${declared.join(', ') || 'none declared'}); check the pattern or the definition's files`);
  }
  return found;
}

const call = (fn: string, ...args: Array<Expr | string>): Expr => ({ kind: 'call', fn, args: args.map((a) => (typeof a === 'string' ? { kind: 'lit', value: a } : a)) });

/** `b.files` while the templates are emitted. */
export function symbolicFiles(declared: readonly string[]): ChartFiles {
  return {
    get(file) {
      checkDeclared(declared, file);
      return registerToken(call('$.Files.Get', file), 'string');
    },
    glob(pattern) {
      matching(declared, pattern);
      const group = (method: string) => () => spreadable(new YamlTextMarker(call(`($.Files.Glob ${JSON.stringify(pattern)}).${method}`))) as unknown as Record<string, string>;
      return { asConfig: group('AsConfig'), asSecrets: group('AsSecrets') };
    },
  };
}

/** `b.files` for the TypeScript render: the declared files read from `sourceDir`. */
export function concreteFiles(declared: readonly string[], sourceDir: string): ChartFiles {
  const read = (file: string) => fs.readFileSync(path.join(sourceDir, file));
  const group = (pattern: string, encode: (bytes: Buffer) => string) =>
    Object.fromEntries(matching(declared, pattern).map((f) => [path.posix.basename(f), encode(read(f))]));
  return {
    get(file) {
      checkDeclared(declared, file);
      return read(file).toString('utf8');
    },
    glob(pattern) {
      return {
        asConfig: () => group(pattern, (b) => b.toString('utf8')),
        asSecrets: () => group(pattern, (b) => b.toString('base64')),
      };
    },
  };
}

/** The declared files as generated files of the chart (same relative path); a missing one stops the build. */
export function shippedFiles(
  chart: string,
  declared: readonly string[],
  sourceDir: string,
  chartDir: string,
  helmignore: readonly string[] = [],
): Array<{ path: string; content: string }> {
  return declared.map((file) => {
    const problem = (what: string) => new Error(`chart ${chart}: files: '${file}' ${what}`);
    if (path.isAbsolute(file) || file.split('/').includes('..')) throw problem(`must be a path inside the chart source folder ${sourceDir}`);
    if (file.startsWith('templates/')) throw problem('is under templates/, which Helm renders as a template; ship it from another folder (e.g. config/)');
    const ignored = helmignore.find((p) => (p.endsWith('/') ? `/${file}`.includes(`/${p}`) : minimatch(path.posix.basename(file), p, { dot: true })));
    if (ignored) throw problem(`matches the chart's .helmignore (${ignored}), so Helm would not see it; rename it`);
    const from = path.join(sourceDir, file);
    if (!fs.existsSync(from)) {
      throw new Error(`chart ${chart}: files: '${file}' is declared but ${from} does not exist; add the file or remove it from files`);
    }
    return { path: `${chartDir}/${file}`, content: fs.readFileSync(from, 'utf8') };
  });
}
