/** ServiceAccount, ClusterRoles and their bindings, the auth-reader RoleBinding. */
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { merge, type BuiltIns } from 'helmts';
import { fullname, labels, namespace, serviceAccountName } from './helpers';
import type { Values } from './values';

export const serviceAccount = (v: Values, b: BuiltIns) =>
  v.serviceAccount.create
    ? new ServiceAccount({
        metadata: { name: serviceAccountName(v, b), namespace: namespace(v, b), labels: labels(v, b), annotations: v.serviceAccount.annotations },
        secrets: v.serviceAccount.secrets,
      })
    : undefined;

const subjects = (v: Values, b: BuiltIns) => [{ kind: 'ServiceAccount', name: serviceAccountName(v, b), namespace: namespace(v, b) }];

export const clusterRole = (v: Values, b: BuiltIns) =>
  v.rbac.create
    ? new ClusterRole({
        metadata: { name: `system:${fullname(v, b)}`, labels: labels(v, b) },
        rules: [
          { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
          { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces', 'configmaps'], verbs: ['get', 'list', 'watch'] },
          ...(v.rbac.pspEnabled
            ? [{ apiGroups: ['extensions', 'policy'], resources: ['podsecuritypolicies'], resourceNames: [`privileged-${fullname(v, b)}`], verbs: ['use'] }]
            : []),
        ],
      })
    : undefined;

export const aggregatedReader = (v: Values, b: BuiltIns) =>
  v.rbac.create
    ? new ClusterRole({
        metadata: {
          name: `system:${fullname(v, b)}-aggregated-reader`,
          labels: merge(labels(v, b), {
            'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
            'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
            'rbac.authorization.k8s.io/aggregate-to-view': 'true',
          }),
        },
        rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
      })
    : undefined;

export const clusterRoleBinding = (v: Values, b: BuiltIns) =>
  v.rbac.create
    ? new ClusterRoleBinding({
        metadata: { name: `system:${fullname(v, b)}`, labels: labels(v, b) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `system:${fullname(v, b)}` },
        subjects: subjects(v, b),
      })
    : undefined;

export const authDelegator = (v: Values, b: BuiltIns) =>
  v.rbac.create
    ? new ClusterRoleBinding({
        metadata: { name: `${fullname(v, b)}:system:auth-delegator`, labels: labels(v, b) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
        subjects: subjects(v, b),
      })
    : undefined;

export const authReader = (v: Values, b: BuiltIns) =>
  v.rbac.create
    ? new RoleBinding({
        metadata: { name: `${fullname(v, b)}-auth-reader`, namespace: 'kube-system', labels: labels(v, b) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
        subjects: subjects(v, b),
      })
    : undefined;
