/** The Service of the starter chart. */
import { Service } from 'kubernetes-models/v1/Service';
import type { BuiltIns } from '../../generator';
import { fullname, labels, selectorLabels } from './helpers';
import type { Values } from './values';

export const service = (v: Values, b: BuiltIns) =>
  new Service({
    metadata: { name: fullname(v, b), labels: labels(v, b) },
    spec: {
      type: v.service.type,
      ports: [{ port: v.service.port, targetPort: 'http', protocol: 'TCP', name: 'http' }],
      selector: selectorLabels(v, b),
    },
  });
