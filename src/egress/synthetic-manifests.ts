/**
 * A synthetic mesh used by the performance benchmark: `count` namespaces, each with one
 * Service (4 ports: HTTP, gRPC, TCP, unnamed/sniffed), one Deployment and one Sidecar of
 * 3 egress listeners × 10 hosts mixing every host form. With `externalHosts` > 0, that many
 * ServiceEntry hosts in namespace `egress` (HTTP 80, HTTPS 443, a `*.` wildcard on 443, TCP with
 * addresses, in turn), each Sidecar's catch-all importing five of them, three by name and two by wildcard.
 */
import type { Manifest } from './types';

function nsName(i: number, count: number): string {
  return `ns-${String(((i % count) + count) % count).padStart(4, '0')}`;
}

function externalEntries(n: number): Manifest[] {
  const out: Manifest[] = [];
  for (let k = 0; k < n; k++) {
    const kind = k % 4;
    const host = kind === 2 ? `*.wild-${k}.example.org` : `ext-${k}.example.com`;
    const port =
      kind === 0 ? { number: 80, protocol: 'HTTP', name: 'http' }
      : kind === 3 ? { number: 5432, protocol: 'TCP', name: 'tcp' }
      : { number: 443, protocol: 'HTTPS', name: 'https' };
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: `ext-${k}`, namespace: 'egress' },
      spec: {
        hosts: [host],
        ports: [port],
        resolution: kind === 2 ? 'NONE' : 'DNS',
        ...(kind === 3 ? { addresses: [`240.0.${k >> 8}.${k & 255}`] } : {}),
        ...(k % 5 === 4 ? { exportTo: ['.'] } : {}),
      },
    });
  }
  return out;
}

export function buildSyntheticManifests(count = 1000, options: { externalHosts?: number } = {}): Manifest[] {
  const externals = options.externalHosts ?? 0;
  const out: Manifest[] = externalEntries(externals);
  const externalImports = (i: number): string[] =>
    externals === 0 ? [] : [0, 1, 2].map((k) => `egress/ext-${(i + k * 4) % externals}.example.com`).concat(['egress/*.example.org', '*/*.wild-2.example.org']);
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
              ...externalImports(i),
            ],
          },
        ],
        ...(i % 2 === 0 ? { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } : {}),
      },
    });
  }
  return out;
}
