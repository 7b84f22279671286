/** The Deployment, its Service and its PodDisruptionBudget. */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { merge, type BuiltIns } from 'helmts';
import { fullname, image, labels, namespace, selectorLabels, serviceAccountName } from './helpers';
import type { Values } from './values';

export const service = (v: Values, b: BuiltIns) =>
  new Service({
    metadata: { name: fullname(v, b), namespace: namespace(v, b), labels: merge(labels(v, b), v.service.labels), annotations: v.service.annotations },
    spec: {
      type: v.service.type,
      ports: [{ name: 'https', port: v.service.port, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' }],
      selector: selectorLabels(v, b),
    },
  });

const ownTls = (v: Values) => v.tls.type !== 'metrics-server';

/** The addon-resizer sidecar. */
const nanny = (v: Values, b: BuiltIns) => ({
  name: 'metrics-server-nanny',
  securityContext: v.addonResizer.securityContext,
  image: `${v.addonResizer.image.repository}:${v.addonResizer.image.tag}`,
  env: [
    { name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'MY_POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  ],
  command: [
    '/pod_nanny',
    '--config-dir=/etc/config',
    `--deployment=${fullname(v, b)}`,
    '--container=metrics-server',
    `--threshold=${v.addonResizer.nanny.threshold}`,
    `--poll-period=${v.addonResizer.nanny.pollPeriod}`,
    '--estimator=exponential',
    `--minClusterSize=${v.addonResizer.nanny.minClusterSize}`,
    '--use-metrics=true',
  ],
  volumeMounts: [{ name: 'nanny-config-volume', mountPath: '/etc/config' }],
  resources: v.addonResizer.resources,
});

export const deployment = (v: Values, b: BuiltIns) =>
  new Deployment({
    metadata: { name: fullname(v, b), namespace: namespace(v, b), labels: labels(v, b), annotations: v.deploymentAnnotations },
    spec: {
      replicas: v.replicas,
      ...(v.revisionHistoryLimit == null ? {} : { revisionHistoryLimit: v.revisionHistoryLimit }),
      strategy: v.updateStrategy,
      selector: { matchLabels: selectorLabels(v, b) },
      template: {
        metadata: { labels: merge(selectorLabels(v, b), v.podLabels), annotations: v.podAnnotations },
        spec: {
          ...(v.schedulerName ? { schedulerName: v.schedulerName } : {}),
          imagePullSecrets: v.imagePullSecrets,
          serviceAccountName: serviceAccountName(v, b),
          ...(v.hostUsers == null ? {} : { hostUsers: v.hostUsers }),
          securityContext: v.podSecurityContext,
          ...(v.priorityClassName ? { priorityClassName: v.priorityClassName } : {}),
          ...(v.hostNetwork.enabled ? { hostNetwork: true } : {}),
          dnsConfig: v.dnsConfig,
          containers: [
            {
              name: 'metrics-server',
              securityContext: v.securityContext,
              image: image(v, b),
              imagePullPolicy: v.image.pullPolicy,
              args: [
                `--secure-port=${v.containerPort}`,
                ...v.defaultArgs,
                ...(v.metrics.enabled ? ['--authorization-always-allow-paths=/metrics'] : []),
                ...(ownTls(v) ? ['--tls-cert-file=/tmp/tls-certs/tls.crt', '--tls-private-key-file=/tmp/tls-certs/tls.key'] : []),
                ...v.args,
              ],
              ports: [{ name: 'https', protocol: 'TCP', containerPort: v.containerPort }],
              livenessProbe: v.livenessProbe,
              readinessProbe: v.readinessProbe,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                ...(ownTls(v) ? [{ mountPath: '/tmp/tls-certs', name: 'certs', readOnly: true }] : []),
                ...v.extraVolumeMounts,
              ],
              resources: v.resources,
            },
            ...(v.addonResizer.enabled ? [nanny(v, b)] : []),
          ],
          volumes: [
            { name: 'tmp', emptyDir: v.tmpVolume.emptyDir },
            ...(v.addonResizer.enabled ? [{ name: 'nanny-config-volume', configMap: { name: `${fullname(v, b)}-nanny-config` } }] : []),
            ...(ownTls(v)
              ? [{ name: 'certs', secret: { secretName: v.tls.type === 'existingSecret' && v.tls.existingSecret.name ? v.tls.existingSecret.name : fullname(v, b) } }]
              : []),
            ...v.extraVolumes,
          ],
          nodeSelector: v.nodeSelector,
          affinity: v.affinity,
          tolerations: v.tolerations,
          topologySpreadConstraints: v.topologySpreadConstraints,
        },
      },
    },
  });

export const pdb = (v: Values, b: BuiltIns) =>
  v.podDisruptionBudget.enabled
    ? new PodDisruptionBudget({
        metadata: { name: fullname(v, b), namespace: namespace(v, b), labels: labels(v, b) },
        spec: {
          ...(v.podDisruptionBudget.minAvailable ? { minAvailable: v.podDisruptionBudget.minAvailable } : {}),
          ...(v.podDisruptionBudget.maxUnavailable ? { maxUnavailable: v.podDisruptionBudget.maxUnavailable } : {}),
          ...(v.podDisruptionBudget.unhealthyPodEvictionPolicy ? { unhealthyPodEvictionPolicy: v.podDisruptionBudget.unhealthyPodEvictionPolicy } : {}),
          selector: { matchLabels: selectorLabels(v, b) },
        },
      })
    : undefined;
