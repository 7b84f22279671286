/** The public charts' helm-unittest suites on Helm 4.1, and the RELEASE-NAME proof on jenkins (see real-suites.ts). */
import { CHARTS, describeRealSuites, releaseNameProof } from './real-suites';

describeRealSuites(4);
describe('the RELEASE-NAME artefact on Helm 4', () => {
  releaseNameProof(4, CHARTS.find((c) => c.chart === 'jenkins')!);
});
