/** The public charts' helm-unittest suites on Helm 4.1 (see real-suites.ts). */
import { describeRealSuites } from './real-suites';

describeRealSuites(4);
