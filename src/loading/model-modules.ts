/**
 * Where the model class of an `apiVersion` + `kind` lives, following the
 * packages' module layout:
 * - core: `kubernetes-models/v1/<Kind>`; other upstream groups: `kubernetes-models/<group>/<version>/<Kind>`;
 * - custom resources: `@kubernetes-models/<package>/<group>/<version>/<Kind>` in any installed
 *   `@kubernetes-models/*` package that has a `<group>` folder (istio, gateway-api, cert-manager,
 *   prometheus-operator, argo-cd, keda, …: every model package of the kubernetes-models line).
 * Only files that exist are named, so nothing is required on a guess.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const API_VERSION = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
/** Packages of the `@kubernetes-models` scope that hold no models. */
const NOT_MODELS = new Set(['apimachinery', 'base', 'validate', 'crd-generate', 'generate', 'read-input', 'string-util']);

/** The node_modules folders a `require` from here or from the working directory searches. */
function nodeModulesDirs(): string[] {
  const dirs: string[] = [];
  for (const start of [__dirname, process.cwd()]) {
    for (let d = path.resolve(start); ; d = path.dirname(d)) {
      if (path.basename(d) !== 'node_modules') dirs.push(path.join(d, 'node_modules'));
      if (path.dirname(d) === d) break;
    }
  }
  return [...new Set(dirs)].filter((d) => fs.existsSync(d));
}

/** Module specifiers and files of the model for `apiVersion` + `kind`, most specific package first (none for a malformed one). */
export function modelModules(apiVersion: string, kind: string): Array<{ specifier: string; file: string }> {
  const m = API_VERSION.exec(apiVersion);
  if (!m || !KIND.test(kind)) return [];
  const group = m[1];
  const version = m[5];
  const out: Array<{ specifier: string; file: string }> = [];
  const seen = new Set<string>();
  for (const dir of nodeModulesDirs()) {
    const core = path.join(dir, 'kubernetes-models', ...(group ? [group] : []), version, `${kind}.js`);
    const coreSpecifier = `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
    if (!seen.has(coreSpecifier) && fs.existsSync(core)) out.push({ specifier: coreSpecifier, file: core });
    seen.add(coreSpecifier);
    if (!group) continue;
    const scope = path.join(dir, '@kubernetes-models');
    const packages = fs.existsSync(scope) ? fs.readdirSync(scope).filter((p) => !NOT_MODELS.has(p)).sort() : [];
    for (const pkg of packages) {
      const specifier = `@kubernetes-models/${pkg}/${group}/${version}/${kind}`;
      const file = path.join(scope, pkg, group, version, `${kind}.js`);
      if (!seen.has(specifier) && fs.existsSync(file)) out.push({ specifier, file });
      seen.add(specifier);
    }
  }
  return out;
}
