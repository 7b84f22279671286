/**
 * A synthetic mesh used by the performance benchmark: `count` namespaces, each with one
 * Service (4 ports: HTTP, gRPC, TCP, unnamed/sniffed), one Deployment and one Sidecar of
 * 3 egress listeners × 10 hosts mixing every host form.
 */
import type { Manifest } from './types';

function nsName(i: number, count: number): string {
  return `ns-${String(((i % count) + count) % count).padStart(4, '0')}`;
}

export function buildSyntheticManifests(count = 1000): Manifest[] {
  const out: Manifest[] = [];
  for (let i = 0; i < count; i++) {
    const ns = nsName(i, count);
    const near = (k: number): string => nsName(i + k, count);
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } });
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'svc',
        namespace: ns,
        ...(i % 10 === 9 ? { annotations: { 'networking.istio.io/exportTo': '.' } } : {}),
      },
      spec: {
        selector: { app: 'app' },
        ports: [
          { name: 'http-web', port: 80, targetPort: 8080 },
          { name: 'grpc-api', port: 9090, targetPort: 9090 },
          { name: 'tcp-db', port: 5432, targetPort: 5432 },
          { name: 'metrics', port: 8081, targetPort: 8081 },
        ],
      },
    });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${i}`, namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'app' } },
        template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
      },
    });
    out.push({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'Sidecar',
      metadata: { name: 'egress', namespace: ns },
      spec: {
        ...(i % 3 === 0 ? {} : { workloadSelector: { labels: { app: 'app' } } }),
        egress: [
          { port: { number: 80, protocol: 'HTTP', name: 'http' }, hosts: ['./*', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => `${near(k)}/*`)] },
          {
            port: { number: 5432, protocol: 'TCP', name: 'tcp' },
            hosts: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => `*/svc.${near(k * 7)}.svc.cluster.local`),
          },
          {
            hosts: [
              './*',
              `*/*.${near(500)}.svc.cluster.local`,
              'istio-system/*',
              ...[11, 12, 13, 14, 15, 16].map((k) => `${near(k)}/svc.${near(k)}.svc.cluster.local`),
              `${near(17)}/*`,
            ],
          },
        ],
        ...(i % 2 === 0 ? { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } : {}),
      },
    });
  }
  return out;
}
