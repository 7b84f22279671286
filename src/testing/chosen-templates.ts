/**
 * `render({ templates: ['deployment.yaml', 'tests/*', '!tests/slow.yaml'] })`: render only the
 * chosen templates, like helm-unittest renders only a suite's templates. `--show-only` is not
 * enough (helm still runs every template, so a `fail` anywhere breaks the render), so the
 * toolkit renders a temporary copy of the chart without the other templates.
 *
 * - Patterns are minimatch globs over template paths relative to the chart root. A pattern
 *   that does not start with `templates/` or `charts/` is relative to `templates/`, so
 *   `deployment.yaml` means `templates/deployment.yaml`, and `charts/<key>/templates/*` picks
 *   templates of a subchart (`<key>`: its alias, else its name, as in `# Source:`).
 * - A pattern starting with `!` excludes what it matches (evaluated after every inclusion).
 * - Files whose name starts with `_` (helpers such as `_helpers.tpl`) are always kept.
 *   NOTES.txt is kept only when chosen (`'NOTES.txt'`).
 * - Templates inside packaged `.tgz` subcharts can be chosen but are not pruned (they all render).
 * - A pattern that matches no template is an error (a misspelt name would otherwise render nothing).
 */
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { chartTemplateFiles, subcharts } from './subcharts';

/**
 * Template files of the chart and its subcharts, as Helm names them in `# Source:` (relative to
 * the chart root; a subchart under its alias or name, packaged ones included).
 */
export function templateFiles(chartDir: string): string[] {
  return chartTemplateFiles(chartDir);
}

/** Where a template named as in `# Source:` is on disk in a copy of the chart (undefined: inside an archive). */
function diskPath(chartDir: string, file: string): string | undefined {
  const m = /^charts\/([^/]+)\/(.*)$/.exec(file);
  if (!m) return file;
  const sub = subcharts(chartDir).find((s) => s.key === m[1]);
  return sub?.dir ? `${sub.dir}/${m[2]}` : undefined;
}

function normalize(pattern: string): string {
  const p = pattern.replace(/^\.\//, '');
  return p.startsWith('templates/') || p.startsWith('charts/') ? p : `templates/${p}`;
}

/** Whether template `file` (named as in `# Source:`) is chosen by `patterns` (helpers always are). */
export function templateChooser(patterns: readonly string[]): (file: string) => boolean {
  const include = patterns.filter((p) => !p.startsWith('!')).map(normalize);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => normalize(p.slice(1)));
  return (f) => isHelper(f) || (include.some((p) => minimatch(f, p, { dot: true })) && !exclude.some((p) => minimatch(f, p, { dot: true })));
}

/** The template files to remove from the copy so that only `patterns` (plus helpers) render. */
export function unchosenTemplates(chartDir: string, patterns: readonly string[]): string[] {
  const files = templateFiles(chartDir);
  if (!patterns.some((p) => !p.startsWith('!'))) throw new Error(`templates: ${JSON.stringify(patterns)} chooses nothing; give at least one pattern without "!"`);
  for (const [pattern, normalized] of patterns.map((p) => [p, normalize(p.replace(/^!/, ''))] as const)) {
    if (!files.some((f) => minimatch(f, normalized, { dot: true }))) {
      throw new Error(
        `templates: ${JSON.stringify(pattern)} matches no template of ${chartDir} (patterns are relative to templates/). ` +
          `Templates: ${files.filter((f) => !isHelper(f)).join(', ') || '(none)'}`,
      );
    }
  }
  const chosen = templateChooser(patterns);
  return files
    .filter((f) => !chosen(f))
    .map((f) => diskPath(chartDir, f))
    .filter((f): f is string => f !== undefined);
}

export function isHelper(file: string): boolean {
  return path.posix.basename(file).startsWith('_');
}
