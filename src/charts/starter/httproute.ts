/** The Gateway API HTTPRoute of the starter chart, when `httpRoute.enabled`. */
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { BuiltIns } from '../../generator';
import { fullname, labels } from './helpers';
import type { Values } from './values';

export const httpRoute = (v: Values, b: BuiltIns) =>
  v.httpRoute.enabled
    ? new HTTPRoute({
        metadata: { name: fullname(v, b), labels: labels(v, b), annotations: v.httpRoute.annotations },
        spec: {
          parentRefs: v.httpRoute.parentRefs,
          hostnames: v.httpRoute.hostnames,
          rules: v.httpRoute.rules.map((rule) => ({
            matches: rule.matches,
            filters: rule.filters,
            backendRefs: [{ name: fullname(v, b), port: v.service.port, weight: 1 }],
          })),
        },
      })
    : undefined;
