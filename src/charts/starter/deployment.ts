/** The Deployment of the starter chart. */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { merge, orDefault, type BuiltIns } from '../../generator';
import { fullname, labels, selectorLabels, serviceAccountName } from './helpers';
import type { Values } from './values';

export const deployment = (v: Values, b: BuiltIns) =>
  new Deployment({
    metadata: { name: fullname(v, b), labels: labels(v, b) },
    spec: {
      replicas: !v.autoscaling.enabled ? v.replicaCount : undefined,
      selector: { matchLabels: selectorLabels(v, b) },
      template: {
        metadata: {
          annotations: v.podAnnotations,
          labels: merge(labels(v, b), v.podLabels),
        },
        spec: {
          imagePullSecrets: v.imagePullSecrets,
          serviceAccountName: serviceAccountName(v, b),
          securityContext: v.podSecurityContext,
          containers: [
            {
              name: b.chart.name,
              securityContext: v.securityContext,
              image: `${v.image.repository}:${orDefault(v.image.tag, b.chart.appVersion)}`,
              imagePullPolicy: v.image.pullPolicy,
              ports: [{ name: 'http', containerPort: v.service.port, protocol: 'TCP' }],
              livenessProbe: v.livenessProbe,
              readinessProbe: v.readinessProbe,
              resources: v.resources,
              volumeMounts: v.volumeMounts,
            },
          ],
          volumes: v.volumes,
          nodeSelector: v.nodeSelector,
          affinity: v.affinity,
          tolerations: v.tolerations,
        },
      },
    },
  });
