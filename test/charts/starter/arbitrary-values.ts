/** fast-check arbitraries for the starter chart: partial values files over its defaults, covering every branch. */
import fc from 'fast-check';

const name = fc.oneof(fc.constantFrom('web', 'starter', 'api-starter', 'a'), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/));
const longName = fc.constantFrom('x'.repeat(70), `${'f'.repeat(62)}-tail`);
const stringMap = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.constantFrom('v', 'on', '0777', 'true', ''), { maxKeys: 3 });
/** Absent, null (Helm deletes the default), empty or set. */
const optionalMap = fc.option(fc.oneof(fc.constant(null), fc.constant({}), stringMap), { nil: undefined });
const host = fc.constantFrom('chart-example.local', 'a.example.com', 'b.example.org');
const path = fc.constantFrom('/', '/api', '/headers');

const match = {
  path: fc.record({ type: fc.constantFrom('Exact', 'PathPrefix', 'RegularExpression'), value: path }, { requiredKeys: [] }),
  method: fc.constantFrom('GET', 'POST', 'DELETE'),
  headers: fc.constantFrom([{ name: 'x-env', value: 'canary' }], [{ type: 'RegularExpression', name: 'x-version', value: 'v[0-9]+' }, { name: 'x-a', value: 'on' }]),
  queryParams: fc.constantFrom([{ name: 'debug', value: '1' }], [{ type: 'Exact', name: 'tier', value: 'gold' }]),
};

export const arbitraryRelease = fc.constantFrom('rel', 'starter', 'my-starter', 'starter-prod', `${'r'.repeat(45)}-starter`, 'web');

export const arbitraryValues = fc.record(
  {
    replicaCount: fc.integer({ min: 0, max: 5 }),
    image: fc.record({ repository: fc.constantFrom('nginx', 'ghcr.io/x/app'), pullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never'), tag: fc.constantFrom('', 'v1', '1.2.3') }),
    imagePullSecrets: fc.oneof(fc.constant([]), fc.constant(null), fc.constant([{ name: 'regcred' }])),
    nameOverride: fc.oneof(fc.constant(''), name, longName),
    fullnameOverride: fc.oneof(fc.constant(''), fc.constant(''), name, longName),
    serviceAccount: fc.record({ create: fc.boolean(), automount: fc.boolean(), annotations: optionalMap, name: fc.constantFrom('', 'sa') }, { requiredKeys: ['create'] }),
    podAnnotations: optionalMap,
    podLabels: optionalMap,
    podSecurityContext: fc.constantFrom({}, { fsGroup: 2000 }, null),
    securityContext: fc.constantFrom({}, { runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }),
    service: fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'), port: fc.constantFrom(80, 8080, 65535) }),
    ingress: fc.record({
      enabled: fc.boolean(),
      className: fc.constantFrom('', 'nginx'),
      annotations: optionalMap,
      hosts: fc.array(fc.record({ host, paths: fc.array(fc.record({ path, pathType: fc.constantFrom('Exact', 'Prefix', 'ImplementationSpecific') }), { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
      tls: fc.oneof(fc.constant([]), fc.array(fc.record({ secretName: fc.constantFrom('tls-a', 'tls-b'), hosts: fc.array(host, { minLength: 1, maxLength: 2 }) }, { requiredKeys: ['hosts'] }), { minLength: 1, maxLength: 2 })),
    }),
    httpRoute: fc.record({
      enabled: fc.boolean(),
      annotations: optionalMap,
      parentRefs: fc.constantFrom([{ name: 'gateway', sectionName: 'http' }], [{ name: 'gw', namespace: 'infra' }]),
      hostnames: fc.oneof(fc.constant(['chart-example.local']), fc.constant(null), fc.array(host, { minLength: 1, maxLength: 2 })),
      rules: fc.array(
        fc.record(
          {
            // Gateway API matches (the model's type): path, method, headers and query parameters. The first match has a
            // path: helm create's NOTES read `.path.value` of the first match and fail to render without one.
            matches: fc.tuple(fc.record(match, { requiredKeys: ['path'] }), fc.array(fc.record(match, { requiredKeys: [] }), { maxLength: 1 })).map(([first, rest]) => [first, ...rest]),
            filters: fc.constantFrom([{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x', value: 'y' }] } }]),
          },
          { requiredKeys: ['matches'] },
        ),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    resources: fc.constantFrom({}, { limits: { cpu: '100m', memory: '128Mi' }, requests: { cpu: '100m' } }),
    livenessProbe: fc.constantFrom({ httpGet: { path: '/', port: 'http' } }, { tcpSocket: { port: 8080 }, periodSeconds: 5 }),
    autoscaling: fc.record(
      {
        enabled: fc.boolean(),
        minReplicas: fc.integer({ min: 1, max: 3 }),
        maxReplicas: fc.integer({ min: 3, max: 100 }),
        targetCPUUtilizationPercentage: fc.integer({ min: 0, max: 100 }),
        targetMemoryUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
      },
      { requiredKeys: ['enabled'] },
    ),
    volumes: fc.constantFrom([], [{ name: 'data', emptyDir: {} }]),
    volumeMounts: fc.constantFrom([], [{ name: 'data', mountPath: '/data' }]),
    nodeSelector: optionalMap,
    tolerations: fc.constantFrom([], [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }]),
    affinity: fc.constantFrom({}, { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } }),
  },
  { requiredKeys: [] },
);
