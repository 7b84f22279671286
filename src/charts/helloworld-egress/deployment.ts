/** The Deployment `<app.name>-<namespace>` in every namespace. */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { cond, type BuiltIns } from '../../generator';
import { labels, selectorLabels } from './helpers';
import type { Values } from './values';

export const deployments = (v: Values, b: BuiltIns) =>
  v.namespaces.map(
    (ns) =>
      new Deployment({
        metadata: { name: `${v.app.name}-${ns.name}`, namespace: ns.name, labels: labels(v, b) },
        spec: {
          replicas: v.app.replicas,
          selector: { matchLabels: selectorLabels(v, b) },
          template: {
            metadata: { labels: labels(v, b) },
            spec: {
              containers: [
                {
                  name: v.app.name,
                  image: cond(v.app.image.tag, `${v.app.image.repository}:${v.app.image.tag}`, v.app.image.repository),
                  imagePullPolicy: v.app.image.pullPolicy,
                  resources: v.app.resources,
                  ports: [{ containerPort: v.app.containerPort }],
                },
              ],
            },
          },
        },
      }),
  );
