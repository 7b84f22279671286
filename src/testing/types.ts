/** Shared types of the chart testing toolkit. */
import type { HelmMajor } from '../helm/helm-binary';
import type { ApiResource } from './api-resources';
import type { ClusterObject } from './cluster-stub';

export type { HelmMajor };

/**
 * One rendered Kubernetes object, as parsed (YAML 1.1) from `helm template`.
 * Documents are deep-frozen: renders are cached and shared between tests.
 */
export interface ChartDocument {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [key: string]: any };
  [key: string]: any;
}

/** Picks documents; every given field must be equal. */
export interface DocumentSelector {
  kind?: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
  /**
   * A helm-unittest path (`metadata.labels.app`, `spec.ports[0].port`): the document must have
   * it, and when `value` is given, some node the path selects must deep-equal `value`.
   */
  path?: string;
  value?: unknown;
}

/** helm-unittest's `documentSelector`: a {@link DocumentSelector} plus how many may match. */
export interface DocumentQuery extends DocumentSelector {
  /** Several matching documents are fine (default: more than one is an error). */
  matchMany?: boolean;
  /**
   * No matching document is fine (helm-unittest `skipEmptyTemplates`): the selection is empty
   * and assertions on it pass without checking anything, instead of failing.
   */
  skipEmpty?: boolean;
}

export interface ReleaseOptions {
  /** `.Release.Name`; default `release-name` (helm rejects helm-unittest's `RELEASE-NAME`). */
  name?: string;
  /** `.Release.Namespace`; default `NAMESPACE` (like helm-unittest). */
  namespace?: string;
  /** Render as an upgrade (`--is-upgrade`: `.Release.IsUpgrade` true). */
  upgrade?: boolean;
}

export interface RenderOptions {
  /** Values files, relative to the current working directory, applied in order (`--values`). */
  values?: string[];
  /**
   * Helm `--set` keys (`a.b`, `list[0].name`, `a\.b` for a dot inside a key) → values.
   * Strings stay strings (`--set-string`), safe integers / booleans / null use `--set`,
   * other numbers, arrays and objects use `--set-json`.
   */
  set?: Record<string, unknown>;
  /** Raw `--set` arguments passed verbatim, for Helm's own syntax such as `'tags={a,b}'`. */
  setRaw?: string[];
  release?: ReleaseOptions;
  /** `--api-versions` (Capabilities.APIVersions). */
  apiVersions?: string[];
  /** `--kube-version` (Capabilities.KubeVersion), e.g. `1.30.0`. */
  kubeVersion?: string;
  /** Overrides Chart.yaml fields; the chart is copied to a temp dir and its Chart.yaml patched. */
  chart?: { version?: string; appVersion?: string };
  /**
   * Chart.yaml overrides of subcharts, by key (alias, else name): the chart is copied to a temp
   * dir and the subchart's Chart.yaml patched there (a packaged `.tgz` is unpacked in the copy).
   */
  dependencies?: Record<string, { version?: string; appVersion?: string }>;
  /** `--include-crds`. */
  includeCrds?: boolean;
  /** Helm major version; default 4. */
  helm?: HelmMajor;
  /** Validate every document against its kubernetes-models schema; default true. */
  validate?: boolean;
  /** `--skip-schema-validation`: helm does not check the values against values.schema.json. */
  skipSchemaValidation?: boolean;
  /** `--set-file key=path`: the value of `key` is the content of the file (path relative to the cwd). */
  setFile?: Record<string, string>;
  /**
   * A post-renderer executable (path relative to the cwd) reading the manifests on stdin and
   * printing them on stdout. Helm 3: `--post-renderer <path>`; Helm 4 (which only runs
   * post-renderer plugins) gets a generated `postrenderer/v1` plugin wrapping the executable.
   */
  postRenderer?: { command: string; args?: string[] };
  /**
   * `.Release.Revision` (default 1). A revision N > 1 is rendered by a real
   * `helm upgrade --dry-run=server` over a previous release at revision N-1 (memory storage
   * driver) against the toolkit's stub API server, so `.Release.IsUpgrade` is true.
   */
  revision?: number;
  /**
   * Render only these templates (plus every `_*` helper) from a temporary copy of the chart, so a
   * failing unrelated template cannot fail the test. minimatch globs relative to `templates/`
   * (`'deployment.yaml'`, `'tests/*'`, `'charts/sub/templates/*'`); `'!pattern'` excludes.
   */
  templates?: string[];
  /**
   * Objects in the (stub) cluster that `lookup` sees. Given (even `[]`), the chart is rendered
   * with `helm template --dry-run=server` against the toolkit's stub Kubernetes API on
   * 127.0.0.1; namespaced objects without a namespace get the release namespace.
   */
  cluster?: ClusterObject[];
  /** Extra kinds the stub API server advertises in discovery (CRDs rendered or looked up). */
  apiResources?: ApiResource[];
  /** Extra helm arguments, appended verbatim to the command line (e.g. `['--skip-tests']`). */
  extraArgs?: string[];
}
