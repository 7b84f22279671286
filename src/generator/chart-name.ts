/**
 * Which chart names helmts accepts: one rule for `helmts init`, `helmts build`
 * and every definition, checked before anything is generated or written.
 *
 * - Helm: `helm create` and `helm lint` take `^[a-zA-Z0-9._-]+$`, at most 250
 *   characters, never `.` or `..`, no path separator (helm/helm
 *   pkg/chart/v2/util/create.go `chartName` and `maxChartNameLength`;
 *   pkg/chart/v2/metadata.go `Validate`: name not ".", "..", and equal to its
 *   `filepath.Base`).
 * - OCI: `helmts push` stores the chart as repository `<repo>/<name>`, and a
 *   repository path component must match
 *   `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*` (OCI distribution spec, "pulling
 *   manifests": the `<name>` rule; oras-go's reference parser checks it).
 *
 * The OCI rule is the stricter and lies inside Helm's, so it is the rule:
 * lowercase letters and digits, separated by one `.`, one `_`, `__` or dashes.
 */

export const CHART_NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
export const MAX_CHART_NAME_LENGTH = 250;

export const CHART_NAME_RULE =
  'lowercase letters and digits, separated by single ".", "_" or "__" or by dashes ' +
  `(Helm's rule ^[a-zA-Z0-9._-]+$ in the lowercase OCI registries require), at most ${MAX_CHART_NAME_LENGTH} characters`;

function suggestion(name: string): string | undefined {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/_{3,}/g, '__')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return slug && slug !== name && CHART_NAME.test(slug) ? slug : undefined;
}

/** Why `name` is not a valid chart name, or undefined when it is. */
export function chartNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `chart name must be a string, not ${name === null ? 'null' : typeof name}`;
  if (CHART_NAME.test(name) && name.length <= MAX_CHART_NAME_LENGTH) return undefined;
  const shown = JSON.stringify(name);
  let why: string;
  if (name === '') why = 'is empty';
  else if (name === '.' || name === '..') why = 'names a folder, not a chart';
  else if (name.includes('/') || name.includes('\\')) why = 'contains a path separator';
  else if (name.length > MAX_CHART_NAME_LENGTH) why = `is ${name.length} characters long`;
  else if (/\s/.test(name)) why = 'contains white space';
  else if (/[A-Z]/.test(name)) why = 'has uppercase letters, which OCI registries (helmts push) refuse';
  else if (/[^a-z0-9._-]/.test(name)) why = `contains ${JSON.stringify(/[^a-z0-9._-]/.exec(name)![0])}`;
  else why = 'does not start and end with a letter or digit, or has two separators in a row';
  const guess = suggestion(name);
  return `chart name ${shown} ${why}; use ${CHART_NAME_RULE}${guess ? `, e.g. "${guess}"` : ''}`;
}
