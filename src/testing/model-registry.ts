/**
 * Maps apiVersion + kind to a model class with a `.validate()` method: the
 * kubernetes-models class of that kind (src/loading/model-modules.ts: core and
 * upstream groups in `kubernetes-models`, custom resources in any installed
 * `@kubernetes-models/*` package, e.g. istio, gateway-api, cert-manager,
 * prometheus-operator). Only top-level resources count (the class's static
 * `apiVersion`/`kind` must match), so a document claiming `kind: Container` is
 * not validated as a sub-object. {@link registerModel} adds or overrides models
 * (e.g. the classes `helmts import-crd` generates).
 */
import { modelModules } from '../loading/model-modules';
import { allowRequireOfImportOnlyPackages } from '../loading/require-esm';

export interface ModelClass {
  new (data: any): { validate(): void };
  apiVersion?: string;
  kind?: string;
}

export interface ResolvedModel {
  model: ModelClass;
  /** apiVersion the model's schema expects (the document's). */
  schemaApiVersion: string;
}

const registered = new Map<string, ModelClass>();
const resolved = new Map<string, ResolvedModel | null>();

/** Registers (or overrides) the model used for `apiVersion` + `kind`. */
export function registerModel(apiVersion: string, kind: string, model: ModelClass): void {
  registered.set(`${apiVersion} ${kind}`, model);
  resolved.delete(`${apiVersion} ${kind}`);
}

function loadModel(apiVersion: string, kind: string): ModelClass | undefined {
  allowRequireOfImportOnlyPackages();
  for (const { file } of modelModules(apiVersion, kind)) {
    const model = (require(file) as Record<string, unknown>)[kind] as ModelClass | undefined;
    if (typeof model === 'function' && model.kind === kind && model.apiVersion === apiVersion) return model;
  }
  return undefined;
}

/** The model validating `apiVersion` + `kind`, or undefined when none is known. */
export function findModel(apiVersion: string, kind: string): ResolvedModel | undefined {
  const key = `${apiVersion} ${kind}`;
  if (!resolved.has(key)) {
    const model = registered.get(key) ?? loadModel(apiVersion, kind);
    resolved.set(key, model ? { model, schemaApiVersion: apiVersion } : null);
  }
  return resolved.get(key) ?? undefined;
}
