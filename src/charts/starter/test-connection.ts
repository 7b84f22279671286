/** The `helm test` Pod of the starter chart: wget of the Service. */
import { Pod } from 'kubernetes-models/v1/Pod';
import type { BuiltIns } from '../../generator';
import { fullname, labels } from './helpers';
import type { Values } from './values';

export const testConnection = (v: Values, b: BuiltIns) =>
  new Pod({
    metadata: { name: `${fullname(v, b)}-test-connection`, labels: labels(v, b), annotations: { 'helm.sh/hook': 'test' } },
    spec: {
      containers: [{ name: 'wget', image: 'busybox', command: ['wget'], args: [`${fullname(v, b)}:${v.service.port}`] }],
      restartPolicy: 'Never',
    },
  });
