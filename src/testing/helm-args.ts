/**
 * Translates {@link RenderOptions} into helm command-line arguments.
 *
 * `set` typing (decided by the JS value, so a test says exactly what the chart receives):
 * - string → `--set-string` (always a string; `,` `\` `{` `}` are escaped, so `'a,b'`,
 *   `'{x}'`, `'true'` and `'8080'` arrive verbatim),
 * - safe integer, boolean, null → `--set` (Helm types them: int64, bool, null removes the key),
 * - any other number (e.g. `1.5`, which `--set` would turn into a string), array or object →
 *   `--set-json`.
 * Helm applies `--set-json`, then `--set`, then `--set-string` whatever their order, so keep
 * overlapping keys (`a` and `a.b`) out of one `set` object. `setRaw` entries go verbatim to `--set`.
 */
import * as path from 'node:path';
import { postRendererArgs } from './post-renderer';
import type { RenderOptions } from './types';

export const DEFAULT_RELEASE_NAME = 'release-name';
export const DEFAULT_NAMESPACE = 'NAMESPACE';

/** Escapes a value for `--set-string`: Helm's parser takes the character after `\` literally. */
export function escapeSetString(value: string): string {
  return value.replace(/[\\,{}]/g, '\\$&');
}

/** The `--set*` flags for one `set` entry. */
export function setFlag(key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return ['--set-string', `${key}=${escapeSetString(value)}`];
  if (typeof value === 'boolean' || value === null) return ['--set', `${key}=${String(value)}`];
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`set["${key}"]: ${value} cannot be passed to helm`);
    if (Number.isSafeInteger(value)) return ['--set', `${key}=${value}`];
    return ['--set-json', `${key}=${JSON.stringify(value)}`];
  }
  if (typeof value === 'object') return ['--set-json', `${key}=${JSON.stringify(value)}`];
  throw new TypeError(`set["${key}"]: a ${typeof value} cannot be passed to helm`);
}

/** Values-related flags shared by `helm template` and `helm install`. */
export function valueArgs(options: RenderOptions, cwd = process.cwd()): string[] {
  const args: string[] = [];
  for (const file of options.values ?? []) args.push('--values', path.resolve(cwd, file));
  for (const [key, value] of Object.entries(options.set ?? {})) args.push(...setFlag(key, value));
  for (const raw of options.setRaw ?? []) args.push('--set', raw);
  for (const [key, file] of Object.entries(options.setFile ?? {})) {
    args.push('--set-file', `${key}=${escapeSetString(path.resolve(cwd, file))}`);
  }
  if (options.skipSchemaValidation) args.push('--skip-schema-validation');
  return args;
}

/** Files whose content a render depends on besides the chart: values files, `setFile` files, the post-renderer. */
export function inputFiles(options: RenderOptions, cwd = process.cwd()): string[] {
  return [
    ...(options.values ?? []),
    ...Object.values(options.setFile ?? {}),
    ...(options.postRenderer ? [options.postRenderer.command] : []),
  ].map((f) => path.resolve(cwd, f));
}

export function releaseName(options: RenderOptions): string {
  return options.release?.name ?? DEFAULT_RELEASE_NAME;
}

export function releaseNamespace(options: RenderOptions): string {
  return options.release?.namespace ?? DEFAULT_NAMESPACE;
}

/** Flags describing the target cluster (`helm template` only; `helm install` has none of them). */
export function capabilityArgs(options: RenderOptions): string[] {
  const args: string[] = [];
  for (const v of options.apiVersions ?? []) args.push('--api-versions', v);
  if (options.kubeVersion !== undefined) args.push('--kube-version', options.kubeVersion);
  if (options.release?.upgrade) args.push('--is-upgrade');
  return args;
}

/** Full `helm template` argument list for a chart directory. */
export function templateArgs(chartDir: string, options: RenderOptions, cwd = process.cwd()): string[] {
  return [
    'template',
    releaseName(options),
    chartDir,
    '--namespace',
    releaseNamespace(options),
    ...capabilityArgs(options),
    ...(options.includeCrds ? ['--include-crds'] : []),
    // lookup against the stub API server (see run-render.ts); the kubeconfig is added per run.
    ...(options.cluster !== undefined ? ['--dry-run=server', '--disable-openapi-validation'] : []),
    ...valueArgs(options, cwd),
    ...postRendererArgs(options, options.helm ?? 4, cwd),
    ...(options.extraArgs ?? []),
  ];
}
