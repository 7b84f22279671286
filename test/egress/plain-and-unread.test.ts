/**
 * Clients without a sidecar (plain-client.ts), destinations without endpoints, DNS (dns.ts) and
 * the objects the analyzer does not read (object-kinds.ts): each makes the probes it could
 * change `unknown (needs …)`, or decides them the way Istio's doc tests show.
 */
import { analyzeEgress, type Manifest } from '../../src/egress';
import { deployment, namespace, probeOf, service, serviceEntry } from './builders';

const plainClient = (): Manifest => {
  const d = deployment('client', 'legacy');
  ((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels)['sidecar.istio.io/inject'] = 'false';
  return d;
};
const strict = (ns: string): Manifest => ({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: ns }, spec: { mtls: { mode: 'STRICT' } } });
const httpbin = (ns: string): Manifest[] => [service('httpbin', ns, [{ name: 'http', port: 8000, targetPort: 8080 }]), deployment('httpbin', ns)];
const TO = 'httpbin.foo.svc.cluster.local:8000';

describe('a client without a sidecar', () => {
  it('reaches a Service directly (no Sidecar, no outbound policy) and reports no Envoy cluster', () => {
    const r = analyzeEgress([plainClient(), ...httpbin('foo')], { meshMode: 'REGISTRY_ONLY' });
    const p = probeOf(r, 'legacy/client', TO);
    expect([p.outcome, p.cluster]).toEqual(['direct_ok', undefined]);
    expect(r.workloads.find((w) => w.workload === 'legacy/client')).toMatchObject({ proxy: 'none', clusters: [] });
  });

  it('is reset by a STRICT sidecar (curl exit 56), not by one whose port-level mode disables mTLS', () => {
    expect(probeOf(analyzeEgress([plainClient(), ...httpbin('foo'), strict('foo')]), 'legacy/client', TO).outcome).toBe('mtls_reset');
    const portLevel = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'p', namespace: 'foo' }, spec: { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } } };
    expect(probeOf(analyzeEgress([plainClient(), ...httpbin('foo'), portLevel]), 'legacy/client', TO).outcome).toBe('direct_ok');
  });

  it('needs DNS for an external name nothing in the input declares', () => {
    const r = analyzeEgress([plainClient()], { externalProbes: ['www.google.com:443'] });
    expect(probeOf(r, 'legacy/client', 'www.google.com:443').via).toBe('unknown (needs DNS)');
    const asserted = analyzeEgress([plainClient()], { externalProbes: ['www.google.com:443'], resolvableHosts: ['*.google.com'] });
    expect(probeOf(asserted, 'legacy/client', 'www.google.com:443').outcome).toBe('direct_ok');
  });
});

describe('a sidecar client', () => {
  it('says unknown for passthrough to a STRICT sidecar (plaintext: a 503 or a reset), and ok through its own cluster (mTLS)', () => {
    const ms = [deployment('client', 'c'), ...httpbin('foo'), strict('foo')];
    const imported = probeOf(analyzeEgress(ms), 'c/client', TO);
    expect([imported.outcome, imported.mtls]).toEqual(['ok', true]);
    const onlyOwn = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 's', namespace: 'c' }, spec: { egress: [{ hosts: ['./*'] }] } };
    expect(probeOf(analyzeEgress([...ms, onlyOwn], { meshMode: 'ALLOW_ANY' }), 'c/client', TO).via).toBe('unknown (needs PeerAuthentication)');
  });

  it('needs DNS for a passthrough or blocked external name, but not for a ServiceEntry host with resolution DNS', () => {
    const ms = [deployment('client', 'c'), serviceEntry('api', 'c', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }], resolution: 'DNS' })];
    const r = analyzeEgress(ms, { meshMode: 'REGISTRY_ONLY', externalProbes: ['other.example.org:443'] });
    expect(probeOf(r, 'c/client', 'other.example.org:443').via).toBe('unknown (needs DNS)');
    expect(probeOf(r, 'c/client', 'api.example.com:443').outcome).toBe('ok');
  });

  it('does not take a ServiceEntry host with addresses as resolvable (clients may dial the addresses), and routes a connection to such an address', () => {
    const proxy = serviceEntry('proxy', 'c', { hosts: ['my-company-proxy.com'], addresses: ['10.9.8.7/32'], ports: [{ number: 3128, protocol: 'TCP', name: 'tcp' }], resolution: 'NONE' });
    const r = analyzeEgress([deployment('client', 'c'), proxy], { requests: [{ url: 'http://10.9.8.7:3128/' }] });
    expect(probeOf(r, 'c/client', 'my-company-proxy.com:3128').via).toBe('unknown (needs DNS)');
    expect(probeOf(r, 'c/client', 'http://10.9.8.7:3128/').cluster).toBe('outbound|3128||my-company-proxy.com');
  });
});

describe('destinations the input does not back', () => {
  it('says unknown (needs endpoints) for a Service whose Deployment has replicas 0 or that selects no workload', () => {
    const zero = deployment('httpbin', 'foo');
    (zero.spec as Record<string, unknown>).replicas = 0;
    const r = analyzeEgress([deployment('client', 'c'), service('httpbin', 'foo', [{ name: 'http', port: 8000 }]), zero]);
    expect(probeOf(r, 'c/client', TO).via).toBe('unknown (needs endpoints)');
  });
});

describe('objects the analyzer does not read', () => {
  const base = (): Manifest[] => [deployment('client', 'c'), ...httpbin('foo'), ...httpbin('bar')];
  const of = (extra: Manifest[], to = TO, opts = {}) => probeOf(analyzeEgress([...base(), ...extra], opts), 'c/client', to).via;

  it('makes requests to the workloads an AuthorizationPolicy selects unknown, and only those', () => {
    const deny = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'deny', namespace: 'foo' }, spec: { action: 'DENY' } };
    expect([of([deny]), of([deny], 'httpbin.bar.svc.cluster.local:8000')]).toEqual(['unknown (needs AuthorizationPolicy)', 'outbound|8000||httpbin.bar.svc.cluster.local']);
  });

  it('makes every request of the pods a NetworkPolicy’s egress rules select unknown', () => {
    const egress = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'c' }, spec: { podSelector: {}, policyTypes: ['Egress'] } };
    expect(of([egress], 'httpbin.bar.svc.cluster.local:8000')).toBe('unknown (needs NetworkPolicy)');
  });

  it('makes everything unknown for a mesh-wide EnvoyFilter or a kind of an unknown API group, unless --ignore-kind declares it harmless', () => {
    const filter = { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name: 'f', namespace: 'istio-system' }, spec: {} };
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'c' } };
    expect([of([filter]), of([widget])]).toEqual(['unknown (needs EnvoyFilter)', 'unknown (needs Widget)']);
    expect(of([widget], TO, { ignoreKinds: ['Widget.example.com'] })).toBe('outbound|8000||httpbin.foo.svc.cluster.local');
  });

  it('leaves ConfigMaps, Secrets, RBAC, Telemetry and RequestAuthentication alone', () => {
    const inert = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'foo' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'x', namespace: 'foo' } },
      { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'x', namespace: 'istio-system' } },
      { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: 'x', namespace: 'foo' } },
      namespace('foo'),
    ];
    expect(of(inert)).toBe('outbound|8000||httpbin.foo.svc.cluster.local');
  });
});
