/**
 * Values for the external-host checks: three ServiceEntries in namespace `egress` and four
 * namespaces, one per outcome the test pods can expect from an external host.
 *
 * - a (REGISTRY_ONLY, TLS on 443 imports api.github.com): allowed `https://api.github.com:443=tls-ok`;
 *   other httpbin.org:80, no listener on 80 → BlackHoleCluster, plaintext `curl-exit-56`.
 * - b (REGISTRY_ONLY, HTTP on 80 imports httpbin.org): allowed `httpbin.org:80=http-200`;
 *   other api.github.com:443, no listener on 443 → BlackHoleCluster, TLS handshake `curl-exit-35`.
 * - c (ALLOW_ANY, as b): other `https://api.github.com:443=tls-ok` through PassthroughCluster.
 * - d (REGISTRY_ONLY, both): other example.org:80, on the HTTP listener without a route → `http-502`.
 */
export const externalMix = {
  namespaces: [
    {
      name: 'a',
      create: true,
      sidecar: { outboundTrafficPolicy: 'REGISTRY_ONLY', egress: [{ port: 443, protocol: 'TLS', name: 'tls', hosts: ['egress/api.github.com'] }] },
    },
    {
      name: 'b',
      create: true,
      sidecar: { outboundTrafficPolicy: 'REGISTRY_ONLY', egress: [{ port: 80, protocol: 'HTTP', name: 'http', hosts: ['egress/httpbin.org'] }] },
    },
    {
      name: 'c',
      create: true,
      sidecar: { outboundTrafficPolicy: 'ALLOW_ANY', egress: [{ port: 80, protocol: 'HTTP', name: 'http', hosts: ['egress/httpbin.org'] }] },
    },
    {
      name: 'd',
      create: true,
      sidecar: {
        outboundTrafficPolicy: 'REGISTRY_ONLY',
        egress: [
          { port: 80, protocol: 'HTTP', name: 'http', hosts: ['egress/httpbin.org'] },
          { port: 443, protocol: 'TLS', name: 'tls', hosts: ['egress/api.github.com'] },
        ],
      },
    },
  ],
  serviceEntries: [
    { name: 'httpbin', namespace: 'egress', hosts: ['httpbin.org'], ports: [{ number: 80, protocol: 'HTTP', name: 'http' }], resolution: 'DNS' },
    { name: 'github', namespace: 'egress', hosts: ['api.github.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }], resolution: 'DNS' },
    { name: 'example-org', namespace: 'egress', hosts: ['example.org'], ports: [{ number: 80, protocol: 'HTTP', name: 'http' }], resolution: 'DNS' },
  ],
  'tests.externalHosts': true,
};
