/**
 * `render({ templates: ['deployment.yaml', 'tests/*', '!tests/slow.yaml'] })`: render only the
 * chosen templates, like helm-unittest renders only a suite's templates. `--show-only` is not
 * enough (helm still runs every template, so a `fail` anywhere breaks the render), so the
 * toolkit renders a temporary copy of the chart without the other templates.
 *
 * - Patterns are minimatch globs over template paths relative to the chart root. A pattern
 *   that does not start with `templates/` or `charts/` is relative to `templates/`, so
 *   `deployment.yaml` means `templates/deployment.yaml`, and `charts/sub/templates/*` picks
 *   templates of an unpacked subchart.
 * - A pattern starting with `!` excludes what it matches (evaluated after every inclusion).
 * - Files whose name starts with `_` (helpers such as `_helpers.tpl`) are always kept.
 *   NOTES.txt is kept only when chosen (`'NOTES.txt'`).
 * - Templates inside packaged `.tgz` subcharts are not pruned.
 * - A pattern that matches no template is an error (a misspelt name would otherwise render nothing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';

/** Template files of a chart and its unpacked subcharts, relative to the chart root (posix separators). */
export function templateFiles(chartDir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string, inTemplates: boolean): void => {
    for (const entry of fs.readdirSync(path.join(chartDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(path.join(chartDir, child)).isDirectory());
      if (isDir) {
        if (inTemplates) walk(child, true);
        else if (entry.name === 'templates') walk(child, true);
        else if (entry.name === 'charts' || path.basename(rel) === 'charts') walk(child, false);
      } else if (inTemplates) {
        found.push(child);
      }
    }
  };
  walk('', false);
  return found.sort();
}

function normalize(pattern: string): string {
  const p = pattern.replace(/^\.\//, '');
  return p.startsWith('templates/') || p.startsWith('charts/') ? p : `templates/${p}`;
}

/** The template files to remove from the copy so that only `patterns` (plus helpers) render. */
export function unchosenTemplates(chartDir: string, patterns: readonly string[]): string[] {
  const files = templateFiles(chartDir);
  const include = patterns.filter((p) => !p.startsWith('!')).map(normalize);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => normalize(p.slice(1)));
  if (include.length === 0) throw new Error(`templates: ${JSON.stringify(patterns)} chooses nothing; give at least one pattern without "!"`);
  for (const [pattern, normalized] of patterns.map((p) => [p, normalize(p.replace(/^!/, ''))] as const)) {
    if (!files.some((f) => minimatch(f, normalized, { dot: true }))) {
      throw new Error(
        `templates: ${JSON.stringify(pattern)} matches no template of ${chartDir} (patterns are relative to templates/). ` +
          `Templates: ${files.filter((f) => !isHelper(f)).join(', ') || '(none)'}`,
      );
    }
  }
  const chosen = (f: string): boolean =>
    include.some((p) => minimatch(f, p, { dot: true })) && !exclude.some((p) => minimatch(f, p, { dot: true }));
  return files.filter((f) => !isHelper(f) && !chosen(f));
}

function isHelper(file: string): boolean {
  return path.posix.basename(file).startsWith('_');
}
