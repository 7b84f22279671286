/** The ServiceAccount of the starter chart, when `serviceAccount.create`. */
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { BuiltIns } from '../../generator';
import { labels, serviceAccountName } from './helpers';
import type { Values } from './values';

export const serviceAccount = (v: Values, b: BuiltIns) =>
  v.serviceAccount.create
    ? new ServiceAccount({
        metadata: { name: serviceAccountName(v, b), labels: labels(v, b), annotations: v.serviceAccount.annotations },
        automountServiceAccountToken: v.serviceAccount.automount,
      })
    : undefined;
