/** The Service and the PodDisruptionBudget (the Deployment is blocked: see PORT-NOTES.md). */
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { merge, type BuiltIns } from 'helmts';
import { fullname, labels, namespace, selectorLabels } from './helpers';
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
