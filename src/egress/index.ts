/** Offline Istio Sidecar egress reachability analyzer — public API (see README.md). */
export * from './types';
export { analyzeEgress, analyzeEgressReport } from './analyze';
export { EgressReport } from './egress-report';
export {
  compareExpectations,
  expectedOutcomes,
  parseExpectations,
  PROBE_OUTCOMES,
  type Expectation,
  type ExpectedOutcome,
  type Mismatch,
} from './expectations';
export { InputError, parseManifestYaml, parseYamlDocument, readInput } from './load-manifests';
export { formatClusterTable, formatProbeMatrix, formatWorkloadSection } from './format-text';
export { buildSyntheticManifests } from './synthetic-manifests';
export { parseIstioVersion, versionFeatures, type IstioVersion, type VersionFeatures } from './istio-version';
export { servicePortProtocol, parseProtocol, listenerClass, type IstioProtocol, type ListenerClass } from './protocol';
export { runEgressCli, DEFAULT_CHART, type CliIo } from './run-cli';
export { parseProbeRequest } from './probe-targets';
