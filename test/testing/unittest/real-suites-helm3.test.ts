/**
 * The public charts' helm-unittest suites on Helm 3.17 (all three) and on Helm 3.18 (a sample:
 * reloader unchanged, and flux2's suites that expect RELEASE-NAME with it written as release-name).
 * See real-suites.ts.
 */
import { CHARTS, describeRealSuites, releaseNameProof } from './real-suites';

describeRealSuites(3);
describeRealSuites('3-latest', CHARTS.filter((c) => c.chart === 'reloader'));
describe('the RELEASE-NAME artefact on Helm 3.18', () => {
  releaseNameProof('3-latest', CHARTS.find((c) => c.chart === 'flux2')!);
});
