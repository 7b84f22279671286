/** The public charts' helm-unittest suites on Helm 4.1 and Helm 3.18 (see real-suites.ts). */
import { describeRealSuites } from './real-suites';

describeRealSuites(4);
describeRealSuites('3-latest');
