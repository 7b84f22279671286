/**
 * Values of the helloworld-egress chart that grow with one knob: the number of
 * namespaces. Every namespace is created with a label and gets a Sidecar of
 * 3 egress listeners × 10 hosts; the (chart-wide) Service has 4 ports. The
 * shape mirrors `buildSyntheticManifests` of the egress analyzer, so the render
 * benchmark and the analysis benchmark describe the same mesh.
 */
import { helloworldEgress } from '../src/charts';
import type { EgressListener, NamespaceValues, Values } from '../src/charts/helloworld-egress/values';

/** Service ports per namespace (the chart renders the same Service in every namespace). */
export const SERVICE_PORTS = 4;
/** Egress listeners per Sidecar. */
export const LISTENERS = 3;
/** Hosts per egress listener. */
export const HOSTS_PER_LISTENER = 10;

/** `ns-0000`, `ns-0001`, …, wrapping around `count`. */
export function namespaceName(i: number, count: number): string {
  return `ns-${String(((i % count) + count) % count).padStart(4, '0')}`;
}

function listeners(i: number, count: number, app: string): EgressListener[] {
  const near = (k: number): string => namespaceName(i + k, count);
  const ks = Array.from({ length: HOSTS_PER_LISTENER }, (_, k) => k);
  return [
    { port: 80, protocol: 'HTTP', name: 'egress-http', hosts: ['./*', ...ks.slice(1).map((k) => `${near(k)}/*`)] },
    { port: 5432, protocol: 'TCP', name: 'egress-db', hosts: ks.map((k) => `*/${app}.${near(k * 7)}.svc.cluster.local`) },
    {
      port: 9090,
      protocol: 'GRPC',
      name: 'egress-grpc',
      hosts: [
        './*',
        `*/*.${near(500)}.svc.cluster.local`,
        'istio-system/*',
        ...[11, 12, 13, 14, 15, 16].map((k) => `${near(k)}/${app}.${near(k)}.svc.cluster.local`),
        `${near(17)}/*`,
      ],
    },
  ];
}

export interface ScaleOptions {
  /** `tests.enabled`: render the `helm test` pods (one per Sidecar, at most 4 checks per Service port each). Default false. */
  tests?: boolean;
}

/**
 * Complete, schema-valid values with `count` namespaces (count ≥ 1): the chart
 * defaults with `app`, `service`, `namespaces` and the Sidecar API version
 * replaced, so keys added to the chart later keep their defaults.
 */
export function scaleValues(count: number, options: ScaleOptions = {}): Values {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const app = 'helloworld';
  const namespaces: NamespaceValues[] = Array.from({ length: count }, (_, i) => ({
    name: namespaceName(i, count),
    create: true,
    labels: { 'istio-injection': 'enabled' },
    sidecar: { outboundTrafficPolicy: i % 2 === 0 ? 'REGISTRY_ONLY' : 'ALLOW_ANY', egress: listeners(i, count, app) },
  }));
  const defaults = structuredClone(helloworldEgress.defaults);
  return {
    ...defaults,
    app: {
      name: app,
      image: { repository: 'nginx', tag: '1.27', pullPolicy: 'IfNotPresent' },
      containerPort: 80,
      replicas: 1,
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    },
    service: {
      ports: [
        { name: 'http-web', port: 80, targetPort: 80 },
        { name: 'grpc-api', port: 9090, targetPort: 9090, appProtocol: 'grpc' },
        { name: 'tcp-db', port: 5432, targetPort: 5432 },
        { name: 'metrics', port: 8081, targetPort: 8081 },
      ],
    },
    namespaces,
    istio: { ...defaults.istio, sidecarApiVersion: 'networking.istio.io/v1' },
    tests: { ...defaults.tests, enabled: options.tests ?? false },
  };
}
