/** The concrete interpretation: a chart definition run on real values, giving the objects directly. */
import * as path from 'node:path';
import { concreteFiles } from './chart-files';
import { concreteChecksum } from './template-checksum';
import { concreteRandom } from './random-builtins';
import type { BuiltIns } from './combinators';
import type { ChartDefinition, TemplateFn } from './chart-definition';
import { assertUnique } from './unique-checks';
import { NULL_KEYS } from './go-truthy';

/** Objects one template renders, in order, as plain JSON (what `helm template` should print). */
export interface ConcreteTemplate {
  template: string;
  documents: Array<Record<string, unknown>>;
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(flatten);
  return [value];
}

/**
 * A map field set to `null` (Helm's unset; it stays in `.Values` when the chart has no default for it) is absent
 * to the templates (`kindIs "invalid"`), so the TypeScript render sees it absent too.
 */
export function withoutNullFields<V>(values: V): V {
  if (Array.isArray(values)) return values.map(withoutNullFields) as V;
  if (values === null || typeof values !== 'object') return values;
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNullFields(v)]));
  // Helm still counts the null keys in the map (Go's `with` sees it non-empty): goTruthy reads this mark.
  const nulls = Object.values(values).filter((v) => v === null).length;
  if (nulls > 0) Object.defineProperty(present, NULL_KEYS, { value: nulls, enumerable: false });
  return present as V;
}

/** Renders every template of a chart concretely, in template-name order. */
export function renderConcrete<V>(definition: ChartDefinition<V>, values: V, builtIns: BuiltIns): ConcreteTemplate[] {
  const present = withoutNullFields(values);
  assertUnique(present, definition.unique ?? []);
  return renderTemplates(definition.templates, present, builtIns);
}

/** Renders template functions concretely, in name order (no chart-level checks). */
export function renderTemplates<V>(
  templates: Record<string, TemplateFn<V>>,
  values: V,
  builtIns: BuiltIns,
): ConcreteTemplate[] {
  const documents = (fn: TemplateFn<V>) =>
    flatten(fn(values, bound)).map(
      // An undefined list item is left out, like an undefined field (the template omits both).
      (doc) => JSON.parse(JSON.stringify(doc, (_k, v: unknown) => (Array.isArray(v) ? v.filter((x) => x !== undefined) : v))) as Record<string, unknown>,
    );
  const bound: BuiltIns = { ...builtIns, checksumOf: concreteChecksum(templates, (fn) => documents(fn as TemplateFn<V>)) };
  return Object.keys(templates)
    .sort()
    .map((name) => ({ template: `templates/${name}`, documents: documents(templates[name]) }));
}

/**
 * Built-ins as `helm template` sets them for a release: an install, revision 1; the Kubernetes version is
 * the one given to `helm template --kube-version` (default: Helm 4.1.4's own, v1.35.0; Helm 3.17's is v1.32.0).
 */
export function concreteBuiltIns<V>(
  definition: ChartDefinition<V>,
  release: { name: string; namespace: string; service?: string; upgrade?: boolean },
  capabilities: { kubeVersion?: string; apiVersions?: string[] } = {},
): BuiltIns {
  const kubeVersion = capabilities.kubeVersion ?? 'v1.35.0';
  const [major, minor] = kubeVersion.replace(/^v/, '').split('.');
  const apiVersions = new Set(capabilities.apiVersions ?? []);
  return {
    release: {
      name: release.name,
      namespace: release.namespace,
      service: release.service ?? 'Helm',
      isInstall: !release.upgrade,
      isUpgrade: !!release.upgrade,
      revision: 1,
    },
    chart: {
      name: definition.name,
      version: definition.version,
      appVersion: definition.appVersion,
      description: definition.description,
      type: 'application',
    },
    capabilities: {
      kubeVersion: { version: kubeVersion, major, minor },
      apiVersions: { has: (v) => apiVersions.has(v) || DEFAULT_API_VERSIONS.has(v) },
    },
    // The shipped files, read from the definition's source folder (relative to the working directory).
    files: concreteFiles(definition.files ?? [], path.resolve(definition.source)),
    checksumOf: () => {
      throw new Error('checksumOf() needs the values: render through renderConcrete() or renderTemplates()');
    },
    ...concreteRandom(),
  };
}

/** A few of the group/versions `helm template` reports without a cluster. */
const DEFAULT_API_VERSIONS = new Set(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'autoscaling/v2', 'policy/v1', 'rbac.authorization.k8s.io/v1']);
