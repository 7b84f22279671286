/** The helloworld-egress chart: the seed system of two namespaces whose Istio Sidecars limit egress. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineChart } from '../../generator';
import { defaults } from './defaults';
import { deployments } from './deployment';
import { commonLabels, labels, selectorLabels } from './helpers';
import { namespaces } from './namespace';
import { services } from './service';
import { sidecars } from './sidecar';
import { serviceEntries } from './service-entry';
import { egressChecksHelper } from './egress-expectation';
import { externalOutcomesHelper } from './external-expectation';
import { podProxyHelper } from './pod-proxy';
import { testPods } from './test-pods';
import type { Values } from './values';

const text = (file: string) => fs.readFileSync(path.join(__dirname, file), 'utf8');

/** The templates the egress analysis reads; the test pods' expectations come from them. */
const application = {
  'namespace.yaml': namespaces,
  'service.yaml': services,
  'deployment.yaml': deployments,
  'sidecar.yaml': sidecars,
  'serviceentry.yaml': serviceEntries,
};
const NAME = 'helloworld-egress';
const egressChecks = egressChecksHelper(application, NAME);
const externalOutcomes = externalOutcomesHelper(application, NAME);
const podProxy = podProxyHelper(application);

export const helloworldEgress = defineChart<Values>({
  name: NAME,
  version: '0.1.0',
  appVersion: '1.0.0',
  description: 'Two namespaces, a Service and an nginx Deployment in each, and an Istio Sidecar per namespace limiting egress',
  metadata: {
    keywords: ['istio', 'sidecar', 'egress'],
    annotations: { 'helmts/generated': 'true' },
  },
  source: 'src/charts/helloworld-egress',
  values: { file: 'src/charts/helloworld-egress/values.ts', type: 'Values' },
  defaults,
  helpers: [selectorLabels, commonLabels, labels, egressChecks, externalOutcomes, podProxy],
  templates: { ...application, 'tests/egress-test.yaml': testPods(egressChecks) },
  unique: [
    { list: 'namespaces', key: 'name' },
    { list: 'service.ports', key: 'name' },
    { list: 'service.ports', key: 'port' },
    { list: 'serviceEntries', key: ['namespace', 'name'] },
  ],
  textFiles: {
    'README.md': text('README.md.hbs'),
    'templates/NOTES.txt': text('NOTES.txt.hbs'),
  },
});
