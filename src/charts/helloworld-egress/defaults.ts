/** The chart's default values: the seed system (namespace `foo` beside `default`). Written to values.yaml. */
import type { Values } from './values';

export const defaults: Values = {
  app: {
    name: 'helloworld',
    image: { repository: 'nginx', tag: '', pullPolicy: 'IfNotPresent' },
    containerPort: 80,
    replicas: 1,
    resources: { requests: { cpu: '100m' } },
  },
  service: {
    ports: [
      { name: 'http-a', port: 8080, targetPort: 80 },
      { name: 'http-b', port: 80, targetPort: 80 },
    ],
  },
  namespaces: [
    {
      name: 'default',
      create: false,
      sidecar: {
        outboundTrafficPolicy: 'REGISTRY_ONLY',
        egress: [{ port: 80, protocol: 'HTTP', name: 'egress-http', hosts: ['foo/*'] }],
      },
    },
    {
      name: 'foo',
      create: true,
      labels: { 'istio-injection': 'enabled' },
      sidecar: {
        outboundTrafficPolicy: 'REGISTRY_ONLY',
        egress: [{ port: 8080, protocol: 'HTTP', name: 'egress-default', hosts: ['./*', 'default/*'] }],
      },
    },
  ],
  serviceEntries: [],
  istio: { sidecarApiVersion: 'networking.istio.io/v1alpha3', meshOutboundTrafficPolicy: 'ALLOW_ANY' },
  tests: { enabled: true, externalHosts: false, image: 'curlimages/curl:8.11.1' },
};
