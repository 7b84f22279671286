/**
 * The Deployment `<app.name>-<namespace>` in every namespace. Its pods carry
 * `sidecar.istio.io/inject: "true"`, as the test pods do: the chart's Sidecars and egress
 * predictions need a sidecar in every namespace, and a namespace the chart does not create
 * (such as `default`) may lack the `istio-injection` label the seed cluster's had. Istio's
 * injector then injects them unless the namespace opts out (`istio-injection` other than
 * `enabled`; src/egress/README.md "Injection").
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { cond, merge, type BuiltIns } from '../../generator';
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
            metadata: { labels: merge(labels(v, b), { 'sidecar.istio.io/inject': 'true' }) },
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
