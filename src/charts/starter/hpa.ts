/** The HorizontalPodAutoscaler of the starter chart, when `autoscaling.enabled`. */
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { BuiltIns } from '../../generator';
import { fullname, labels } from './helpers';
import type { Values } from './values';

const utilization = (name: string, averageUtilization: number) => ({
  type: 'Resource',
  resource: { name, target: { type: 'Utilization', averageUtilization } },
});

export const hpa = (v: Values, b: BuiltIns) => {
  if (!v.autoscaling.enabled) return undefined;
  const cpu = v.autoscaling.targetCPUUtilizationPercentage;
  const memory = v.autoscaling.targetMemoryUtilizationPercentage;
  return new HorizontalPodAutoscaler({
    metadata: { name: fullname(v, b), labels: labels(v, b) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: fullname(v, b) },
      minReplicas: v.autoscaling.minReplicas,
      maxReplicas: v.autoscaling.maxReplicas,
      metrics: [...(cpu ? [utilization('cpu', cpu)] : []), ...(memory ? [utilization('memory', memory)] : [])],
    },
  });
};
