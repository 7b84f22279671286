/** The defaults of `helm create`'s values.yaml. */
import type { Values } from './values';

export const defaults: Values = {
  replicaCount: 1,
  image: { repository: 'nginx', pullPolicy: 'IfNotPresent', tag: '' },
  imagePullSecrets: [],
  nameOverride: '',
  fullnameOverride: '',
  serviceAccount: { create: true, automount: true, annotations: {}, name: '' },
  podAnnotations: {},
  podLabels: {},
  podSecurityContext: {},
  securityContext: {},
  service: { type: 'ClusterIP', port: 80 },
  ingress: {
    enabled: false,
    className: '',
    annotations: {},
    hosts: [{ host: 'chart-example.local', paths: [{ path: '/', pathType: 'ImplementationSpecific' }] }],
    tls: [],
  },
  httpRoute: {
    enabled: false,
    annotations: {},
    parentRefs: [{ name: 'gateway', sectionName: 'http' }],
    hostnames: ['chart-example.local'],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/headers' } }] }],
  },
  resources: {},
  livenessProbe: { httpGet: { path: '/', port: 'http' } },
  readinessProbe: { httpGet: { path: '/', port: 'http' } },
  autoscaling: { enabled: false, minReplicas: 1, maxReplicas: 100, targetCPUUtilizationPercentage: 80 },
  volumes: [],
  volumeMounts: [],
  nodeSelector: {},
  tolerations: [],
  affinity: {},
};
