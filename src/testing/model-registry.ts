/**
 * Maps apiVersion + kind to a model class with a `.validate()` method.
 *
 * Built-in lookup follows the packages' module layout:
 * - core and upstream groups: `kubernetes-models/<group>/<version>/<Kind>` (core: `kubernetes-models/v1/<Kind>`),
 * - `*.istio.io` groups: `@kubernetes-models/istio/<group>/<version>/<Kind>`.
 * Only top-level resources count (the class's static `apiVersion`/`kind` must match), so a
 * document claiming `kind: Container` is not validated as a sub-object.
 * `networking.istio.io/v1` (not in @kubernetes-models/istio 2.3.0) is validated with the
 * identical v1beta1 schema. {@link registerModel} adds or overrides models (e.g. for CRDs).
 */

export interface ModelClass {
  new (data: any): { validate(): void };
  apiVersion?: string;
  kind?: string;
}

export interface ResolvedModel {
  model: ModelClass;
  /** apiVersion the model's schema expects (differs from the document's for aliases). */
  schemaApiVersion: string;
}

const registered = new Map<string, ModelClass>();
const resolved = new Map<string, ResolvedModel | null>();

/** apiVersions validated with another version's schema because the schemas are identical. */
const API_VERSION_ALIASES: Record<string, string> = {
  'networking.istio.io/v1': 'networking.istio.io/v1beta1',
};

const API_VERSION = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Registers (or overrides) the model used for `apiVersion` + `kind`. */
export function registerModel(apiVersion: string, kind: string, model: ModelClass): void {
  registered.set(`${apiVersion} ${kind}`, model);
  resolved.delete(`${apiVersion} ${kind}`);
}

function modulePath(apiVersion: string, kind: string): string | undefined {
  const m = API_VERSION.exec(apiVersion);
  if (!m || !KIND.test(kind)) return undefined;
  const group = m[1];
  const version = m[5];
  if (!group) return `kubernetes-models/${version}/${kind}`;
  if (group.endsWith('.istio.io')) return `@kubernetes-models/istio/${group}/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

function loadModel(apiVersion: string, kind: string): ModelClass | undefined {
  const mod = modulePath(apiVersion, kind);
  if (!mod) return undefined;
  let exports: Record<string, unknown>;
  try {
    exports = require(mod) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  const model = exports[kind] as ModelClass | undefined;
  if (typeof model !== 'function' || model.kind !== kind || model.apiVersion !== apiVersion) return undefined;
  return model;
}

/** The model validating `apiVersion` + `kind`, or undefined when none is known. */
export function findModel(apiVersion: string, kind: string): ResolvedModel | undefined {
  const key = `${apiVersion} ${kind}`;
  if (!resolved.has(key)) {
    const own = registered.get(key);
    const schemaApiVersion = own ? apiVersion : (API_VERSION_ALIASES[apiVersion] ?? apiVersion);
    const model = own ?? loadModel(schemaApiVersion, kind);
    resolved.set(key, model ? { model, schemaApiVersion } : null);
  }
  return resolved.get(key) ?? undefined;
}
