/**
 * helm-unittest-style chart testing for Jest, on real `helm template` output.
 *
 *   import { loadChart } from '../src/testing';   // also registers the matchers
 *
 * Importing this module registers the matchers with the global `expect` when there is one
 * (inside Jest); `registerMatchers(expect)` registers them on another `expect`.
 */
import { stopClusterStub } from './cluster-stub';
import { registerMatchers } from './matchers';

export { Chart, loadChart } from './chart';
export { SubchartView } from './subchart-view';
export { subcharts, type Subchart } from './subcharts';
export { RenderResult, findDocuments } from './render-result';
export { parseQuantity, compareQuantities, type Quantity, type QuantityComparison } from './quantity';
export { ChartRenderError, HelmRenderError, ManifestParseError, ManifestValidationError, type DocumentProblem } from './errors';
export { renderStats, resetRenderStats, clearRenderCache, type RenderStats } from './render-stats';
export { registerModel, findModel, type ModelClass } from './model-registry';
export { kubeYamlOptions } from './kube-yaml';
export { documentInfo, type DocumentInfo } from './document-info';
export { toJsonPath, evaluatePath, type PathMatch } from './path';
export { chartMatchers, registerMatchers } from './matchers';
export { snapshotValue, type ChartSnapshotOptions } from './matchers/snapshot-matcher';
export type { ChartMatchers } from './matchers/matcher-types';
export type { ValueType } from './matchers/value-matchers';
export type { GoTypeName } from './matchers/unittest-matchers';
export { stopClusterStub, clusterStubRunning, type ClusterObject } from './cluster-stub';
export type { ApiResource } from './api-resources';
export { DEFAULT_NAMESPACE, DEFAULT_RELEASE_NAME } from './helm-args';
export type { ChartDocument, DocumentQuery, DocumentSelector, HelmMajor, ReleaseOptions, RenderOptions } from './types';

if (typeof (globalThis as { expect?: unknown }).expect === 'function') registerMatchers();
// The stub API server of `cluster` renders lives as long as the test file.
const jestAfterAll = (globalThis as { afterAll?: (fn: () => Promise<void>) => void }).afterAll;
if (typeof jestAfterAll === 'function') jestAfterAll(stopClusterStub);
