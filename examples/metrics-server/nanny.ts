/** The addon-resizer's (nanny's) ConfigMap and RBAC, and the ServiceMonitor. */
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { merge, type BuiltIns } from 'helmts';
import { fullname, labels, namespace, selectorLabels, serviceAccountName } from './helpers';
import type { Values } from './values';

export const nannyConfig = (v: Values, b: BuiltIns) =>
  v.addonResizer.enabled
    ? new ConfigMap({
        metadata: { name: `${fullname(v, b)}-nanny-config`, namespace: namespace(v, b), labels: labels(v, b) },
        data: {
          NannyConfiguration:
            'apiVersion: nannyconfig/v1alpha1\nkind: NannyConfiguration\n' +
            `baseCPU: ${v.addonResizer.nanny.cpu}\ncpuPerNode: ${v.addonResizer.nanny.extraCpu}\n` +
            `baseMemory: ${v.addonResizer.nanny.memory}\nmemoryPerNode: ${v.addonResizer.nanny.extraMemory}`,
        },
      })
    : undefined;

const nannyRbac = (v: Values) => v.rbac.create && v.addonResizer.enabled;

export const nannyRole = (v: Values, b: BuiltIns) =>
  nannyRbac(v)
    ? new Role({
        metadata: { name: `system:${fullname(v, b)}-nanny`, namespace: namespace(v, b), labels: labels(v, b) },
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
          { apiGroups: ['apps'], resources: ['deployments'], resourceNames: [fullname(v, b)], verbs: ['get', 'patch'] },
        ],
      })
    : undefined;

export const nannyRoleBinding = (v: Values, b: BuiltIns) =>
  nannyRbac(v)
    ? new RoleBinding({
        metadata: { name: `${fullname(v, b)}-nanny`, namespace: namespace(v, b), labels: labels(v, b) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `system:${fullname(v, b)}-nanny` },
        subjects: [{ kind: 'ServiceAccount', name: serviceAccountName(v, b), namespace: namespace(v, b) }],
      })
    : undefined;

export const nannyClusterRole = (v: Values, b: BuiltIns) =>
  nannyRbac(v)
    ? new ClusterRole({ metadata: { name: `system:${fullname(v, b)}-nanny`, labels: labels(v, b) }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] })
    : undefined;

export const nannyClusterRoleBinding = (v: Values, b: BuiltIns) =>
  nannyRbac(v)
    ? new ClusterRoleBinding({
        metadata: { name: `system:${fullname(v, b)}-nanny`, labels: labels(v, b) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `system:${fullname(v, b)}-nanny` },
        subjects: [{ kind: 'ServiceAccount', name: serviceAccountName(v, b), namespace: namespace(v, b) }],
      })
    : undefined;

export const serviceMonitor = (v: Values, b: BuiltIns) =>
  v.serviceMonitor.enabled && v.metrics.enabled
    ? new ServiceMonitor({
        metadata: { name: fullname(v, b), namespace: namespace(v, b), labels: merge(labels(v, b), v.serviceMonitor.additionalLabels) },
        spec: {
          jobLabel: 'app.kubernetes.io/instance',
          namespaceSelector: { matchNames: [namespace(v, b)] },
          selector: { matchLabels: selectorLabels(v, b) },
          endpoints: [
            {
              port: 'https',
              path: '/metrics',
              scheme: 'https',
              tlsConfig: { insecureSkipVerify: true },
              ...(v.serviceMonitor.interval ? { interval: v.serviceMonitor.interval } : {}),
              ...(v.serviceMonitor.scrapeTimeout ? { scrapeTimeout: v.serviceMonitor.scrapeTimeout } : {}),
              metricRelabelings: v.serviceMonitor.metricRelabelings,
              relabelings: v.serviceMonitor.relabelings,
            },
          ],
        },
      })
    : undefined;
