/** The chart Helm 4.1.4's `helm create starter` writes, as a typed definition (no hand-written Go). */
import { defineChart } from '../../generator';
import { defaults } from './defaults';
import { deployment } from './deployment';
import { chart, fullname, labels, name, selectorLabels, serviceAccountName } from './helpers';
import { hpa } from './hpa';
import { httpRoute } from './httproute';
import { ingress } from './ingress';
import { notes } from './notes';
import { service } from './service';
import { serviceAccount } from './service-account';
import { testConnection } from './test-connection';
import type { Values } from './values';

export const starter = defineChart<Values>({
  name: 'starter',
  version: '0.1.0',
  appVersion: '1.16.0',
  description: 'A Helm chart for Kubernetes',
  source: 'src/charts/starter',
  values: { file: 'src/charts/starter/values.ts', type: 'Values' },
  defaults,
  helpers: [name, fullname, chart, selectorLabels, labels, serviceAccountName],
  templates: {
    'deployment.yaml': deployment,
    'service.yaml': service,
    'serviceaccount.yaml': serviceAccount,
    'hpa.yaml': hpa,
    'ingress.yaml': ingress,
    'httproute.yaml': httpRoute,
    'tests/test-connection.yaml': testConnection,
  },
  notes,
});
