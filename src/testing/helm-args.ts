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

/**
 * Why `key` is not a `--set` path helm reads as the one key the test means, or undefined: helm's strvals parser
 * splits assignments at an unescaped `,` and the key from the value at the first unescaped `=`, and ignores an
 * empty key — so such a key would set something else or nothing, silently.
 */
export function setKeyProblem(key: string): string | undefined {
  if (key === '') return 'an empty key sets nothing in helm; name the values path (e.g. "image.tag")';
  const segments: string[] = [''];
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '\\') {
      segments[segments.length - 1] += key.slice(i, i + 2);
      i++;
    } else if (c === ',' || c === '=') return `"${c}" would end the key in helm (it separates assignments / key and value): write it as "\\${c}"`;
    else if (c === '.') segments.push('');
    else segments[segments.length - 1] += c;
  }
  if (segments.some((s) => s === '')) return 'has an empty segment (a leading, trailing or double "."); write each key of the path';
  return undefined;
}

/** Why `value` (inside a `--set-json` object or list) would not reach helm as written, or undefined. */
function jsonValueProblem(value: unknown, at: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at} is ${value}, which JSON (so helm) cannot carry`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${at}[${i}] is undefined, which JSON turns into null`;
      const p = jsonValueProblem(value[i], `${at}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    // Plain in any realm (a Jest test's objects, and structuredClone's, have another realm's Object.prototype).
    const proto = Object.getPrototypeOf(value) as object | null;
    const plain = Object.prototype.toString.call(value) === '[object Object]' && (proto === null || Object.getPrototypeOf(proto) === null);
    if (!plain) return `${at} is a ${(value as object).constructor?.name ?? 'class instance'}, not a plain object; pass plain data`;
    for (const [k, v] of Object.entries(value)) {
      const p = jsonValueProblem(v, `${at}.${k}`);
      if (p) return p;
    }
    return undefined;
  }
  return `${at} is a ${typeof value}, which cannot be passed to helm`;
}

/** The `--set*` flags for one `set` entry; a TypeError naming `set["key"]` for a key or value helm would not read as written. */
export function setFlag(key: string, value: unknown): string[] {
  const keyProblem = setKeyProblem(key);
  if (keyProblem) throw new TypeError(`set[${JSON.stringify(key)}]: ${keyProblem}`);
  if (value === undefined) return [];
  const valueProblem = typeof value === 'object' && value !== null ? jsonValueProblem(value, 'the value') : undefined;
  if (valueProblem) throw new TypeError(`set[${JSON.stringify(key)}]: ${valueProblem}`);
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
