/** The Service `<app.name>` in every namespace, selecting the application pods. */
import { Service } from 'kubernetes-models/v1/Service';
import type { BuiltIns } from '../../generator';
import { labels, selectorLabels } from './helpers';
import type { Values } from './values';

export const services = (v: Values, b: BuiltIns) =>
  v.namespaces.map(
    (ns) =>
      new Service({
        metadata: { name: v.app.name, namespace: ns.name, labels: labels(v, b) },
        spec: {
          selector: selectorLabels(v, b),
          ports: v.service.ports.map((p) => ({
            name: p.name,
            port: p.port,
            targetPort: p.targetPort,
            appProtocol: p.appProtocol,
          })),
        },
      }),
  );
