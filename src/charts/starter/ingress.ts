/** The Ingress of the starter chart, when `ingress.enabled`. */
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { BuiltIns } from '../../generator';
import { fullname, labels } from './helpers';
import type { Values } from './values';

export const ingress = (v: Values, b: BuiltIns) =>
  v.ingress.enabled
    ? new Ingress({
        metadata: { name: fullname(v, b), labels: labels(v, b), annotations: v.ingress.annotations },
        spec: {
          ingressClassName: v.ingress.className || undefined,
          tls: v.ingress.tls.length > 0 ? v.ingress.tls.map((t) => ({ hosts: t.hosts.map((h) => h), secretName: t.secretName })) : undefined,
          rules: v.ingress.hosts.map((h) => ({
            host: h.host,
            http: {
              paths: h.paths.map((p) => ({
                path: p.path,
                pathType: p.pathType,
                backend: { service: { name: fullname(v, b), port: { number: v.service.port } } },
              })),
            },
          })),
        },
      })
    : undefined;
