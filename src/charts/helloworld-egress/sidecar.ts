/** The Istio Sidecar `<app.name>-sidecar-<namespace>` of each namespace that sets `sidecar`. */
import { Sidecar } from '@kubernetes-models/istio/networking.istio.io/v1alpha3/Sidecar';
import { when, type BuiltIns } from '../../generator';
import { commonLabels, selectorLabels } from './helpers';
import type { Values } from './values';

export const sidecars = (v: Values, b: BuiltIns) =>
  v.namespaces.map((ns) =>
    when(ns.sidecar, (sidecar) =>
      withApiVersion(
        new Sidecar({
          metadata: { name: `${v.app.name}-sidecar-${ns.name}`, namespace: ns.name, labels: commonLabels(v, b) },
          spec: {
            workloadSelector: { labels: selectorLabels(v, b) },
            egress: sidecar.egress.map((e) => ({
              port: { number: e.port, protocol: e.protocol, name: e.name },
              hosts: e.hosts,
            })),
            outboundTrafficPolicy: when(sidecar.outboundTrafficPolicy, (mode) => ({ mode })),
          },
        }),
        v.istio.sidecarApiVersion,
      ),
    ),
  );

/** The Sidecar spec is the same in v1alpha3, v1beta1 and v1; only the apiVersion changes. */
function withApiVersion(sidecar: Sidecar, apiVersion: Values['istio']['sidecarApiVersion']): Sidecar {
  return Object.assign(sidecar, { apiVersion }) as Sidecar;
}
