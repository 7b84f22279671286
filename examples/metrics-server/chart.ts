/**
 * metrics-server, ported from kubernetes-sigs/metrics-server's charts/metrics-server (3.13.1, Apache-2.0; vendored in
 * test/fixtures/upstream/metrics-server) as a new user would write it, with only what helmts' README documents.
 * Not ported (see /work/coord/LANGUAGE-REQUESTS.md and the closing note): tls.type helm (genSelfSignedCert and lookup),
 * the existingSecret lookup of the CA bundle, the PodSecurityPolicy, NOTES.txt, and the
 * semverCompare conditions on the Kubernetes version (the port renders what upstream renders on Kubernetes 1.33+).
 */
import { defineChart } from 'helmts';
import { apiService, certificate } from './apiservice';
import { defaults } from './defaults';
import { chart, fullname, image, labels, name, namespace, selectorLabels, serviceAccountName } from './helpers';
import { aggregatedReader, authDelegator, authReader, clusterRole, clusterRoleBinding, serviceAccount } from './rbac';
import type { Values } from './values';
import { deployment, pdb, service } from './workload';
import { nannyClusterRole, nannyClusterRoleBinding, nannyConfig, nannyRole, nannyRoleBinding, serviceMonitor } from './nanny';

export const metricsServer = defineChart<Values>({
  name: 'metrics-server',
  version: '3.13.1',
  appVersion: '0.8.1',
  description: 'Metrics Server is a scalable, efficient source of container resource metrics for Kubernetes built-in autoscaling pipelines.',
  metadata: {
    keywords: ['kubernetes', 'metrics-server', 'metrics'],
    home: 'https://github.com/kubernetes-sigs/metrics-server',
    sources: ['https://github.com/kubernetes-sigs/metrics-server'],
  },
  source: 'examples/metrics-server',
  values: { file: 'examples/metrics-server/values.ts', type: 'Values' },
  defaults,
  helpers: [name, fullname, namespace, chart, labels, selectorLabels, serviceAccountName, image],
  templates: {
    'serviceaccount.yaml': serviceAccount,
    'clusterrole.yaml': clusterRole,
    'clusterrole-aggregated-reader.yaml': aggregatedReader,
    'clusterrolebinding.yaml': clusterRoleBinding,
    'clusterrolebinding-auth-delegator.yaml': authDelegator,
    'rolebinding.yaml': authReader,
    'service.yaml': service,
    'deployment.yaml': deployment,
    'pdb.yaml': pdb,
    'apiservice.yaml': apiService,
    'certificate.yaml': certificate,
    'configmaps-nanny.yaml': nannyConfig,
    'role-nanny.yaml': nannyRole,
    'rolebinding-nanny.yaml': nannyRoleBinding,
    'clusterrole-nanny.yaml': nannyClusterRole,
    'clusterrolebinding-nanny.yaml': nannyClusterRoleBinding,
    'servicemonitor.yaml': serviceMonitor,
  },
});
