/**
 * The classes behind the README red team's findings (test/egress/red-team-readme.test.ts has one
 * example each): every member of a class is decided as Istio does or answered `unknown (needs …)`.
 */
import { analyzeEgress, analyzeEgressReport, type EgressOptions, type Manifest } from '../../src/egress';
import { parseIstioVersion } from '../../src/egress/istio-version';
import { deployment, probeOf, service } from './builders';

const web = (): Manifest[] => [service('web', 'w', [{ name: 'http', port: 80, targetPort: 8080 }]), deployment('web', 'w')];
const client = (): Manifest => deployment('client', 'c');
const WEB = 'web.w.svc.cluster.local:80';
const analyzeEgressReportOf = (m: Manifest[], o: EgressOptions = {}) => analyzeEgressReport(m, o);
const isUnknown = (p: { outcome: string; via: string }): boolean => p.outcome === 'unknown' && p.via.startsWith('unknown (needs ');

describe('Istio versions the model was not studied on are refused', () => {
  it.each(['1.9', '1.14.3', '1.16', '1.32', '2.0'])('%s is refused with the supported range', (v) => {
    expect(() => parseIstioVersion(v)).toThrow('1.17 to 1.31');
  });
  it.each(['1.17', '1.24.3', 'v1.31.0-rc.0'])('%s is accepted', (v) => {
    expect(() => parseIstioVersion(v)).not.toThrow();
  });
});

describe('objects of an API version the API server does not serve are not read as their kind', () => {
  const vs = (apiVersion: string): Manifest => ({ apiVersion, kind: 'VirtualService', metadata: { name: 'vs', namespace: 'w' }, spec: { hosts: ['web'], http: [{ directResponse: { status: 503 } }] } });

  it.each([
    ['networking.istio.io/v9', '1.24'],
    ['networking.istio.io/v1', '1.21'],
    ['networking.istio.io/v2beta1', '1.27'],
  ])('a VirtualService of %s at Istio %s makes the probes unknown, never its 503', (apiVersion, istioVersion) => {
    const r = analyzeEgress([client(), ...web(), vs(apiVersion)], { istioVersion });
    const p = probeOf(r, 'c/client', WEB);
    expect(isUnknown(p)).toBe(true);
    expect(p.via).toBe(`unknown (needs VirtualService ${apiVersion})`);
  });

  it('a served version is read (networking.istio.io/v1 from 1.22, v1beta1 at 1.17)', () => {
    expect(probeOf(analyzeEgress([client(), ...web(), vs('networking.istio.io/v1')], { istioVersion: '1.22' }), 'c/client', WEB).status).toBe(503);
    expect(probeOf(analyzeEgress([client(), ...web(), vs('networking.istio.io/v1beta1')], { istioVersion: '1.17' }), 'c/client', WEB).status).toBe(503);
  });

  it('a Deployment of extensions/v1beta1 is not a workload: every probe is unknown', () => {
    const old = { ...deployment('old', 'c'), apiVersion: 'extensions/v1beta1' };
    const r = analyzeEgress([client(), ...web(), old]);
    expect(probeOf(r, 'c/client', WEB).via).toBe('unknown (needs Deployment)');
  });
});

describe('Gateway API rules without a backend of weight > 0', () => {
  const route = (backendRefs: unknown[] | undefined, filters?: unknown[]): Manifest => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r', namespace: 'w' },
    spec: { parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }], rules: [{ ...(backendRefs ? { backendRefs } : {}), ...(filters ? { filters } : {}) }] },
  });
  it.each([
    ['every weight 0', [{ name: 'web', port: 80, weight: 0 }, { name: 'web', port: 80, weight: 0 }]],
    ['no backendRefs', undefined],
    ['an empty list', []],
  ])('%s: Istio answers 500', (_, refs) => {
    const p = probeOf(analyzeEgress([client(), ...web(), route(refs)]), 'c/client', WEB);
    expect([p.outcome, p.status]).toEqual(['route_response', 500]);
  });
  it('a redirect without backends redirects', () => {
    const p = probeOf(analyzeEgress([client(), ...web(), route(undefined, [{ type: 'RequestRedirect', requestRedirect: { hostname: 'x.example.com' } }])]), 'c/client', WEB);
    expect([p.outcome, p.status]).toEqual(['route_response', 302]);
  });
  it('a backend without weight counts as weight 1', () => {
    expect(probeOf(analyzeEgress([client(), ...web(), route([{ name: 'web', port: 80 }])]), 'c/client', WEB).outcome).toBe('ok');
  });
});

describe('endpoints that are not ready are no endpoints', () => {
  const slice = (conditions: object | undefined): Manifest => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'ext-1', namespace: 'w', labels: { 'kubernetes.io/service-name': 'ext' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 80 }],
    endpoints: [{ addresses: ['10.1.2.3'], ...(conditions ? { conditions } : {}) }],
  });
  const ext = (): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'w' }, spec: { ports: [{ name: 'http', port: 80 }] } });
  it.each([[{ ready: false }], [{ ready: false, serving: true }]])('conditions %j: unknown (needs endpoints)', (c) => {
    expect(probeOf(analyzeEgress([client(), ext(), slice(c)]), 'c/client', 'ext.w.svc.cluster.local:80').via).toBe('unknown (needs endpoints)');
  });
  it.each([[undefined], [{ ready: true }]])('conditions %j: ready (nil means ready)', (c) => {
    expect(probeOf(analyzeEgress([client(), ext(), slice(c)]), 'c/client', 'ext.w.svc.cluster.local:80').outcome).toBe('ok');
  });
});

describe('object identity: one object per kind, namespace and name; namespace-less objects are placed and said', () => {
  const sc = (name: string, ns: string | undefined, policy: string, apiVersion = 'networking.istio.io/v1'): Manifest => ({
    apiVersion,
    kind: 'Sidecar',
    metadata: { name, ...(ns ? { namespace: ns } : {}) },
    spec: { egress: [{ hosts: ['./*'] }], outboundTrafficPolicy: { mode: policy } },
  });
  it('the library keeps the last copy (kubectl apply) and warns, across API versions of the same group', () => {
    const r = analyzeEgressReportOf([client(), ...web(), sc('s', 'c', 'REGISTRY_ONLY', 'networking.istio.io/v1beta1'), sc('s', 'c', 'ALLOW_ANY')]);
    expect(r.probe('c/client', WEB)?.outcome).toBe('passthrough_ok');
    expect(r.warnings.some((w) => w.includes('Sidecar.networking.istio.io c/s is given 2 times'))).toBe(true);
  });
  it('a namespace-less object lands in defaultNamespace, not in a namespace of its name', () => {
    const r = analyzeEgressReportOf([deployment('client', 'n1'), ...web(), sc('s', undefined, 'REGISTRY_ONLY')], { defaultNamespace: 'n1' });
    expect(r.probe('n1/client', WEB)?.outcome).toBe('blackhole_reset');
    expect(r.warnings.some((w) => w.includes('taken to be in namespace n1') && w.includes('Sidecar s'))).toBe(true);
  });
  it('a Namespace object (cluster-scoped) is not placed anywhere and not warned about', () => {
    const r = analyzeEgressReportOf([client(), ...web(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' } }]);
    expect(r.warnings.some((w) => w.includes('no metadata.namespace'))).toBe(false);
  });
});

describe('the ConfigMaps the control plane reads are not inert', () => {
  const meshConfig = (mesh: string, name = 'istio'): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data: { mesh } });
  const injector = (config: string, values?: string): Manifest => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' },
    data: { config, ...(values ? { values } : {}) },
  });
  const onlyOwn = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 's', namespace: 'c' }, spec: { egress: [{ hosts: ['./*'] }] } };
  const ns = (name: string, labels: Record<string, string> = { 'istio-injection': 'enabled' }): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const plainDeployment = (name: string, n: string, labels: Record<string, string>): Manifest => {
    const d = deployment(name, n, labels);
    delete (d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels['sidecar.istio.io/inject'];
    return d;
  };

  it('the mesh config’s outboundTrafficPolicy applies to a Sidecar without one; neutral keys change nothing', () => {
    const r = analyzeEgressReport([client(), ...web(), onlyOwn, meshConfig('accessLogFile: /dev/stdout\ntrustDomain: cluster.local\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY')]);
    expect(r.probe('c/client', WEB)?.outcome).toBe('blackhole_reset');
    expect(r.mesh).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'ConfigMap istio-system/istio' });
  });
  it('its rootNamespace moves the mesh-wide Sidecar', () => {
    const rootSidecar = { ...onlyOwn, metadata: { name: 'root', namespace: 'mesh-root' }, spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['./*'] }] } };
    const r = analyzeEgressReport([client(), ...web(), rootSidecar, meshConfig('rootNamespace: mesh-root')]);
    expect(r.probe('c/client', WEB)?.outcome).toBe('blackhole_reset');
  });
  it.each([
    ['enableAutoMtls: false', 'enableAutoMtls'],
    ['discoverySelectors: [{matchLabels: {mesh: "true"}}]', 'discoverySelectors'],
    ['defaultServiceExportTo: ["."]', 'defaultServiceExportTo'],
    ['defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: "true"', 'defaultConfig.proxyMetadata'],
    ['outboundTrafficPolicy: {mode: ALLOW_ANY_DYNAMIC_DNS}', 'ALLOW_ANY_DYNAMIC_DNS'],
  ])('an unmodelled mesh setting (%s) makes every probe unknown (needs mesh config)', (mesh, named) => {
    const r = analyzeEgressReport([client(), ...web(), meshConfig(mesh)]);
    const p = r.probe('c/client', WEB);
    expect(p?.via).toBe('unknown (needs mesh config)');
    expect(p?.reason).toContain(named);
  });
  it('a revision’s mesh config, or two of them, is not guessed', () => {
    expect(analyzeEgressReport([client(), ...web(), meshConfig('{}', 'istio-canary')]).probe('c/client', WEB)?.via).toBe('unknown (needs mesh config)');
  });
  it('an option that contradicts the mesh config leaves the probes unknown', () => {
    const r = analyzeEgressReport([client(), ...web(), meshConfig('outboundTrafficPolicy: {mode: REGISTRY_ONLY}')], { meshMode: 'ALLOW_ANY' });
    expect(r.probe('c/client', WEB)?.via).toBe('unknown (needs mesh config)');
  });
  it('the injector’s neverInjectSelector (matchLabels or matchExpressions) keeps pods without a sidecar unless they ask with a label', () => {
    const cfg = injector('policy: enabled\nneverInjectSelector:\n  - matchExpressions: [{key: tier, operator: In, values: [batch]}]');
    const r = analyzeEgress([ns('c'), ns('w'), plainDeployment('job', 'c', { app: 'job', tier: 'batch' }), plainDeployment('api', 'c', { app: 'api', tier: 'web' }), ...web(), cfg]);
    expect(r.workloads.find((w) => w.workload === 'c/job')?.proxy).toBe('none');
    expect(r.workloads.find((w) => w.workload === 'c/api')?.proxy).toBe('sidecar');
  });
  it('policy disabled injects only pods labelled "true" or matching alwaysInjectSelector; a config without policy injects nothing', () => {
    const cfg = injector('policy: disabled\nalwaysInjectSelector:\n  - matchLabels: {mesh: "yes"}');
    const r = analyzeEgress([ns('c'), ns('w'), plainDeployment('a', 'c', { app: 'a', mesh: 'yes' }), plainDeployment('b', 'c', { app: 'b' }), ...web(), cfg]);
    expect(['c/a', 'c/b'].map((id) => r.workloads.find((w) => w.workload === id)?.proxy)).toEqual(['sidecar', 'none']);
    const none = analyzeEgress([ns('c'), plainDeployment('b', 'c', { app: 'b' }), injector('neverInjectSelector: []')]);
    expect(none.workloads[0].proxy).toBe('none');
  });
  it('capture ranges in the injector values make every probe unknown', () => {
    const r = analyzeEgress([client(), ...web(), injector('policy: enabled', '{"global": {"proxy": {"includeIPRanges": "10.0.0.0/8"}}}')]);
    expect(probeOf(r, 'c/client', WEB).via).toBe('unknown (needs injector config)');
  });
});

describe('the oldest of competing objects is known only from creationTimestamps', () => {
  const sc = (name: string, ns: string, spec: object, created?: string): Manifest => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name, namespace: ns, ...(created ? { creationTimestamp: created } : {}) },
    spec,
  });
  const deny = { egress: [{ hosts: ['./*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } };
  const allow = { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } };
  it('two root-namespace Sidecars without timestamps leave every namespace that falls back to them unknown', () => {
    const r = analyzeEgress([client(), ...web(), sc('a', 'istio-system', deny), sc('b', 'istio-system', allow)]);
    expect(probeOf(r, 'c/client', WEB).via).toBe('unknown (needs Sidecar creation order)');
  });
  it('competitors with the same spec need no order', () => {
    const r = analyzeEgress([client(), ...web(), sc('a', 'c', deny), sc('b', 'c', deny)]);
    expect(probeOf(r, 'c/client', WEB).outcome).toBe('blackhole_reset');
  });
  it('a selector Sidecar still outranks namespace-wide ones whatever their order', () => {
    const r = analyzeEgress([client(), ...web(), sc('a', 'c', allow), sc('b', 'c', deny), sc('sel', 'c', { ...deny, workloadSelector: { labels: { app: 'client' } } })]);
    expect(probeOf(r, 'c/client', WEB).outcome).toBe('blackhole_reset');
  });
  it('equal timestamps are ordered by name, as Istio does', () => {
    const t = '2024-01-01T00:00:00Z';
    const r = analyzeEgress([client(), ...web(), sc('b', 'c', allow, t), sc('a', 'c', deny, t)]);
    expect(probeOf(r, 'c/client', WEB).outcome).toBe('blackhole_reset');
  });
  it('two mesh-wide PeerAuthentications without timestamps leave plaintext probes unknown', () => {
    const pa = (name: string, mode: string): Manifest => ({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name, namespace: 'istio-system' }, spec: { mtls: { mode } } });
    const plain = deployment('p', 'c');
    (plain.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels['sidecar.istio.io/inject'] = 'false';
    const r = analyzeEgress([plain, ...web(), pa('z', 'PERMISSIVE'), pa('a', 'STRICT')]);
    expect(probeOf(r, 'c/p', WEB).via).toBe('unknown (needs PeerAuthentication creation order)');
  });
});

describe('objects admission refuses do not exist', () => {
  const se = (spec: object): Manifest => ({ apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'se', namespace: 'c' }, spec });
  it.each([
    ['a port 0', { hosts: ['a.example.com'], ports: [{ number: 0, name: 'http', protocol: 'HTTP' }] }],
    ['an unknown protocol', { hosts: ['a.example.com'], ports: [{ number: 80, name: 'http', protocol: 'QUIC' }] }],
    ['the same port twice', { hosts: ['a.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 80, name: 'h2', protocol: 'HTTP' }] }],
    ['DNS_ROUND_ROBIN wildcard without endpoints', { hosts: ['*.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS_ROUND_ROBIN' }],
  ])('a ServiceEntry with %s is left out with the reason', (_, spec) => {
    const r = analyzeEgressReport([client(), ...web(), se(spec)]);
    expect(r.warnings.some((w) => w.startsWith('ServiceEntry c/se: ') && w.endsWith('admission would refuse it, so it is left out'))).toBe(true);
    expect(r.probe('c/client', 'a.example.com:80')).toBeUndefined();
  });
  it('a protocol in another case is valid (Istio parses it case-insensitively)', () => {
    const r = analyzeEgressReport([client(), ...web(), se({ hosts: ['a.example.com'], ports: [{ number: 80, name: 'http', protocol: 'http' }], resolution: 'DNS' })]);
    expect(r.warnings.some((w) => w.includes('admission would refuse'))).toBe(false);
  });
  it('a VirtualService whose HTTP route has neither route, redirect nor directResponse is left out', () => {
    const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'v', namespace: 'w' }, spec: { hosts: ['web'], http: [{ timeout: '1s' }] } };
    expect(probeOf(analyzeEgress([client(), ...web(), vs]), 'c/client', WEB).outcome).toBe('ok');
  });
  it.each([
    ['a StatefulSet without selector', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'd', namespace: 'c' }, spec: { template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } }],
    ['a CronJob without jobTemplate', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'd', namespace: 'c' }, spec: { schedule: '* * * * *' } }],
  ])('%s is no client', (_, m) => {
    expect(analyzeEgress([client(), ...web(), m as Manifest]).workloads.some((w) => w.workload === 'c/d')).toBe(false);
  });
});

describe('DestinationRule fields the analyzer does not model, and subsets without endpoints', () => {
  const dr = (spec: object): Manifest => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'dr', namespace: 'w' }, spec: { host: 'web', ...spec } });
  const vsTo = (subset: string): Manifest => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace: 'w' }, spec: { hosts: ['web'], http: [{ route: [{ destination: { host: 'web', subset } }] }] } });
  it.each([
    ['trafficPolicy.tunnel', { trafficPolicy: { tunnel: { protocol: 'CONNECT', targetHost: 'x', targetPort: 80 } } }],
    ['a port-level proxyProtocol', { trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, proxyProtocol: { version: 'V2' } } as object] } }],
    ['a subset’s proxyProtocol', { subsets: [{ name: 'v1', trafficPolicy: { proxyProtocol: { version: 'V1' } } }] }],
  ])('%s makes the probe unknown', (_, spec) => {
    expect(isUnknown(probeOf(analyzeEgress([client(), ...web(), dr(spec)]), 'c/client', WEB))).toBe(true);
  });
  it('load balancing, connection pools and outlier detection change nothing', () => {
    const p = probeOf(analyzeEgress([client(), ...web(), dr({ trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, connectionPool: { tcp: { maxConnections: 10 } }, outlierDetection: { consecutive5xxErrors: 3 } } })]), 'c/client', WEB);
    expect(p.outcome).toBe('ok');
  });
  it('a subset whose labels select some of the pods is reached; one selecting none is unknown (needs endpoints)', () => {
    const v1 = { ...deployment('web-v1', 'w', { app: 'web', version: 'v1' }) };
    const subsets = dr({ subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v3', labels: { version: 'v3' } }] });
    expect(probeOf(analyzeEgress([client(), ...web(), v1, subsets, vsTo('v1')]), 'c/client', WEB).cluster).toBe('outbound|80|v1|web.w.svc.cluster.local');
    expect(probeOf(analyzeEgress([client(), ...web(), v1, subsets, vsTo('v3')]), 'c/client', WEB).via).toBe('unknown (needs endpoints)');
  });
  it('a subset may select the labels the injector adds (security.istio.io/tlsMode)', () => {
    const subsets = dr({ subsets: [{ name: 'meshed', labels: { 'security.istio.io/tlsMode': 'istio' } }] });
    expect(probeOf(analyzeEgress([client(), ...web(), subsets, vsTo('meshed')]), 'c/client', WEB).outcome).toBe('ok');
  });
});

describe('TLS origination from a credentialName', () => {
  const se = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'api', namespace: 'c' }, spec: { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 }], resolution: 'DNS' } };
  const dr = (selector: boolean): Manifest => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'api', namespace: 'c' },
    spec: { host: 'api.example.com', ...(selector ? { workloadSelector: { matchLabels: { app: 'client' } } } : {}), trafficPolicy: { tls: { mode: 'MUTUAL', credentialName: 'cc' } } },
  });
  const secret: Manifest = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cc', namespace: 'c' } };
  const to = 'api.example.com:80';
  it('with a workloadSelector and the Secret in the client’s namespace: the sidecar originates TLS', () => {
    expect(probeOf(analyzeEgress([client(), se, dr(true), secret]), 'c/client', to).outcome).toBe('ok');
  });
  it('with a workloadSelector and no such Secret: unknown (needs Secret)', () => {
    expect(probeOf(analyzeEgress([client(), se, dr(true)]), 'c/client', to).via).toBe('unknown (needs Secret)');
  });
  it('without a workloadSelector: unknown, the Secret notwithstanding (the sidecar gets no TLS context)', () => {
    expect(probeOf(analyzeEgress([client(), se, dr(false), secret]), 'c/client', to).via).toBe('unknown (needs DestinationRule TLS)');
  });
});

describe('ports that are Envoy’s own, headless ports, and traffic the sidecar never sees', () => {
  const odd = (ports: object[], extra: object = {}): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'odd', namespace: 'w' }, spec: { selector: { app: 'web' }, ports, ...extra } });
  it('an external request to port 15001 is reset by virtualOutbound’s blackhole chain even under ALLOW_ANY', () => {
    const r = analyzeEgress([client(), ...web()], { requests: [{ url: 'http://api.example.com:15001/' }], resolvableHosts: ['api.example.com'] });
    expect(probeOf(r, 'c/client', 'http://api.example.com:15001/').outcome).toBe('blackhole_reset');
  });
  it.each([15006, 15021, 15090])('an HTTP Service port %i is unknown (Envoy’s own listener may answer)', (port) => {
    expect(probeOf(analyzeEgress([client(), ...web(), odd([{ name: 'http', port, targetPort: 8080 }])]), 'c/client', `odd.w.svc.cluster.local:${port}`).via).toBe('unknown (needs reserved port)');
  });
  it('before 1.23 an HTTP port 15001 is unknown (the listener may be built and collide)', () => {
    const r = analyzeEgress([client(), ...web(), odd([{ name: 'http', port: 15001, targetPort: 8080 }])], { istioVersion: '1.22' });
    expect(probeOf(r, 'c/client', 'odd.w.svc.cluster.local:15001').via).toBe('unknown (needs reserved port)');
  });
  it('a Service whose targetPort is one of the proxy’s ports on a sidecar’d pod is unknown', () => {
    expect(probeOf(analyzeEgress([client(), ...web(), odd([{ name: 'http', port: 8000, targetPort: 15020 }])]), 'c/client', 'odd.w.svc.cluster.local:8000').via).toBe('unknown (needs reserved port)');
  });
  it('a headless Service with a named targetPort that differs from its port is unknown, for plain clients too', () => {
    const plain = deployment('p', 'c');
    (plain.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels['sidecar.istio.io/inject'] = 'false';
    const r = analyzeEgress([client(), plain, ...web(), odd([{ name: 'http', port: 80, targetPort: 'web' }], { clusterIP: 'None' })]);
    expect([probeOf(r, 'c/client', 'odd.w.svc.cluster.local:80').via, probeOf(r, 'c/p', 'odd.w.svc.cluster.local:80').via]).toEqual(['unknown (needs headless port)', 'unknown (needs headless port)']);
  });
  it('a container running as UID 1337 through the pod securityContext bypasses the sidecar: unknown', () => {
    const d = deployment('u', 'c');
    (d.spec as { template: { spec: Record<string, unknown> } }).template.spec.securityContext = { runAsUser: 1337 };
    expect(probeOf(analyzeEgress([d, ...web()]), 'c/u', WEB).via).toBe('unknown (needs traffic capture)');
  });
  it('a Sidecar listener with captureMode NONE leaves its clients’ probes unknown; a root-namespace one too', () => {
    const sc = (ns: string): Manifest => ({ apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 's', namespace: ns }, spec: { egress: [{ port: { number: 80, protocol: 'HTTP', name: 'h' }, captureMode: 'NONE', hosts: ['*/*'] }] } });
    expect(isUnknown(probeOf(analyzeEgress([client(), ...web(), sc('c')]), 'c/client', WEB))).toBe(true);
    expect(isUnknown(probeOf(analyzeEgress([client(), ...web(), sc('istio-system')]), 'c/client', WEB))).toBe(true);
  });
});

describe('addresses the input does not settle', () => {
  const pinned = (ip?: string): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'pinned', namespace: 'w' }, spec: { ...(ip ? { clusterIP: ip } : {}), selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
  const webPinned = (): Manifest[] => [{ ...web()[0], spec: { ...(web()[0].spec as object), clusterIP: '10.96.0.10' } }, web()[1]];
  it('an IP request to a Service’s ClusterIP routes to that Service, also for a TCP port', () => {
    const r = analyzeEgress([client(), ...webPinned(), pinned('10.96.0.50')], { requests: [{ url: 'http://10.96.0.50/' }], meshMode: 'REGISTRY_ONLY' });
    expect(probeOf(r, 'c/client', 'http://10.96.0.50:80/').cluster).toBe('outbound|80||pinned.w.svc.cluster.local');
  });
  it('an IP request is decided when every Service with that port gives its ClusterIP', () => {
    const r = analyzeEgress([client(), ...webPinned(), pinned('10.96.0.50')], { requests: [{ url: 'http://10.96.0.99/' }], meshMode: 'REGISTRY_ONLY' });
    expect(probeOf(r, 'c/client', 'http://10.96.0.99:80/').outcome).toBe('block_all_502');
  });
  it('from a client without sidecar, an IP that may be a Service VIP is unknown too', () => {
    const plain = deployment('p', 'c');
    (plain.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels['sidecar.istio.io/inject'] = 'false';
    const r = analyzeEgress([plain, ...web()], { requests: [{ url: 'http://10.96.0.99/' }] });
    expect(probeOf(r, 'c/p', 'http://10.96.0.99:80/').via).toBe('unknown (needs ClusterIP)');
  });
  it('a CIDR ServiceEntry is harmless to a Service whose ClusterIP lies outside it', () => {
    const corp = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'corp', namespace: 'c' }, spec: { hosts: ['corp.internal'], addresses: ['192.168.0.0/16'], ports: [{ number: 80, name: 'tcp', protocol: 'TCP' }], location: 'MESH_EXTERNAL' } };
    expect(probeOf(analyzeEgress([client(), ...webPinned(), corp]), 'c/client', WEB).outcome).toBe('ok');
    expect(probeOf(analyzeEgress([client(), ...web(), corp]), 'c/client', WEB).via).toBe('unknown (needs ClusterIP)');
  });
  it('a ServiceEntry with a Service’s hostname that the client cannot see does not shadow it', () => {
    const se = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'shadow', namespace: 'x' }, spec: { hosts: ['web.w.svc.cluster.local'], exportTo: ['.'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' } };
    expect(probeOf(analyzeEgress([client(), ...web(), se]), 'c/client', WEB).outcome).toBe('ok');
  });
});
