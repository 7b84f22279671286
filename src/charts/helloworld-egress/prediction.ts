/**
 * The egress analyzer's prediction (src/egress) for the chart's own objects, computed once per
 * values object: the concrete side of the chart's egress helpers (`egressChecks`,
 * `externalOutcomes`, `podProxy`) reads every outcome from it.
 */
import { concreteFiles, concreteRandom, type BuiltIns } from '../../generator';
import { renderTemplates } from '../../generator/concrete';
import { analyzeEgressReport, type EgressReport } from '../../egress';
import type { Values } from './values';

export type AppTemplates = Record<string, (v: Values, b: BuiltIns) => unknown>;

const reports = new WeakMap<Values, EgressReport>();

/** The analyzer's report on the application templates rendered with `v`, probing `externalProbes` as well. */
export function prediction(v: Values, templates: AppTemplates, externalProbes: readonly string[]): EgressReport {
  let r = reports.get(v);
  if (!r) {
    // Labels do not affect the analysis, so placeholder built-ins will do.
    const builtIns: BuiltIns = {
      release: { name: 'analysis', namespace: 'analysis', service: 'Helm', isInstall: true, isUpgrade: false, revision: 1 },
      chart: { name: 'analysis', version: '0', appVersion: '0', description: '', type: 'application' },
      capabilities: { kubeVersion: { version: 'v1.20.0', major: '1', minor: '20' }, apiVersions: { has: () => false } },
      files: concreteFiles([], '.'),
      checksumOf: () => '',
      ...concreteRandom(),
    };
    const manifests = renderTemplates(templates, v, builtIns).flatMap((t) => t.documents);
    // The chart's external hosts are assumed to resolve (the test pods' `tests.externalHosts`
    // documents that they must); the analyzer cannot know DNS otherwise.
    const resolvableHosts = [...v.serviceEntries.flatMap((e) => e.hosts), ...externalProbes.map((p) => p.slice(0, p.lastIndexOf(':')))];
    // Objects Istio would refuse are analysed as written, as the chart's Go twin does; the values
    // validation (`helmts validate`) reports them. The twin also takes the Services' ClusterIPs to
    // lie outside the entries' CIDR ranges (ignoreCidrEntries).
    r = analyzeEgressReport(manifests, { meshMode: v.istio.meshOutboundTrafficPolicy, istioVersion: '1.24', externalProbes, resolvableHosts, refused: 'as-written', ignoreCidrEntries: true });
    reports.set(v, r);
  }
  return r;
}
