/**
 * Inputs found by attacking the analyzer's promise ("never confidently wrong") against Istio's
 * source: each once got a definite answer Istio would not give. Kept as tests.
 */
import { analyzeEgress, type Manifest } from '../../src/egress';
import { deployment, probeOf, service, serviceEntry, sidecar } from './builders';

const client = deployment('client', 'c');
const web = [service('web', 'w', [{ name: 'http', port: 80 }]), deployment('web', 'w')];
const WEB = 'web.w.svc.cluster.local:80';

describe('inputs that once got a confidently wrong answer', () => {
  it('does not apply a VirtualService with host "*" to the mesh (validation rejects it)', () => {
    const all = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'all', namespace: 'c' }, spec: { hosts: ['*'], http: [{ directResponse: { status: 500 } }] } };
    expect(probeOf(analyzeEgress([client, ...web, all]), 'c/client', WEB).outcome).toBe('ok');
  });

  it('does not apply a DestinationRule with a workloadSelector to clients of other namespaces', () => {
    const local = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'd', namespace: 'w' }, spec: { host: 'web', workloadSelector: { matchLabels: { app: 'client' } }, trafficPolicy: { tls: { mode: 'SIMPLE' } } } };
    const p = probeOf(analyzeEgress([client, ...web, local]), 'c/client', WEB);
    expect([p.outcome, p.mtls]).toEqual(['ok', true]);
  });

  it('says unknown for an in-mesh Service on a port a TCP ServiceEntry without addresses binds (it takes every connection there)', () => {
    const db = serviceEntry('db', 'c', { hosts: ['db.example.com'], ports: [{ number: 80, protocol: 'TCP', name: 'tcp' }], resolution: 'DNS' });
    const onlyDb = sidecar('s', 'c', { egress: [{ hosts: ['c/db.example.com'] }], mode: 'REGISTRY_ONLY' });
    expect(probeOf(analyzeEgress([client, ...web, db, onlyDb]), 'c/client', WEB).via).toBe('unknown (needs a ServiceEntry without addresses)');
  });

  it('says unknown (needs endpoints) for a STATIC ServiceEntry without endpoints, and for one with a workloadSelector', () => {
    const stat = serviceEntry('s', 'c', { hosts: ['api.example.com'], ports: [{ number: 80, protocol: 'HTTP', name: 'http' }], resolution: 'STATIC', addresses: ['240.0.0.9'] });
    expect(probeOf(analyzeEgress([client, stat], { resolvableHosts: ['api.example.com'] }), 'c/client', 'api.example.com:80').via).toBe('unknown (needs endpoints)');
    const vm: Manifest = { ...serviceEntry('vm', 'c', { hosts: ['vm.example.com'], ports: [{ number: 80, protocol: 'HTTP', name: 'http' }], resolution: 'DNS' }) };
    (vm.spec as Record<string, unknown>).workloadSelector = { labels: { app: 'vm' } };
    expect(probeOf(analyzeEgress([client, vm]), 'c/client', 'vm.example.com:80').via).toBe('unknown (needs endpoints)');
  });

  it('says unknown for a Service that uses a waypoint (ambient), and for probes on the ports of a Gateway whose Service the input lacks', () => {
    const waypointed = service('web', 'w', [{ name: 'http', port: 80 }]);
    (waypointed.metadata as Record<string, unknown>).labels = { 'istio.io/use-waypoint': 'waypoint' };
    expect(probeOf(analyzeEgress([client, waypointed, deployment('web', 'w')]), 'c/client', WEB).via).toBe('unknown (needs waypoint)');
    const gw = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'egress', namespace: 'c' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } };
    const r = analyzeEgress([client, ...web, gw]);
    expect(probeOf(r, 'c/client', WEB).via).toBe("unknown (needs the Gateway's Service)");
  });

  it('says unknown for every probe when a Gateway of another class (a waypoint) is in the input', () => {
    const waypoint = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'waypoint', namespace: 'w' }, spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] } };
    expect(probeOf(analyzeEgress([client, ...web, waypoint]), 'c/client', WEB).via).toBe('unknown (needs Gateway)');
  });
});

describe('more inputs that once got a confidently wrong answer', () => {
  it('says unknown for a client whose annotations change what its sidecar captures or how it resolves names', () => {
    const excluded = deployment('client', 'c');
    const tpl = (excluded.spec as { template: { metadata: Record<string, unknown> } }).template.metadata;
    tpl.annotations = { 'traffic.sidecar.istio.io/excludeOutboundPorts': '80' };
    expect(probeOf(analyzeEgress([excluded, ...web], { meshMode: 'REGISTRY_ONLY' }), 'c/client', WEB).via).toBe('unknown (needs traffic capture)');
    tpl.annotations = { 'proxy.istio.io/config': 'proxyMetadata:\n  ISTIO_META_DNS_CAPTURE: "true"\n' };
    expect(probeOf(analyzeEgress([excluded, ...web]), 'c/client', WEB).via).toBe('unknown (needs traffic capture)');
  });

  it('applies an HTTPRoute attached to one port of a Service to that port only', () => {
    const two = [service('web', 'w', [{ name: 'http', port: 80 }, { name: 'http-alt', port: 8080 }]), deployment('web', 'w')];
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'w' }, spec: { parentRefs: [{ kind: 'Service', group: '', name: 'web', port: 8080 }], rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }] } };
    const r = analyzeEgress([client, ...two, route]);
    expect([probeOf(r, 'c/client', WEB).outcome, probeOf(r, 'c/client', 'web.w.svc.cluster.local:8080').status]).toEqual(['ok', 302]);
  });

  it('does not take the addresses of a selector-less Service’s Endpoints as sidecar-free when PeerAuthentications exist', () => {
    const ext = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'w' }, spec: { ports: [{ name: 'http', port: 80 }] } };
    const eps = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'w' }, subsets: [{ addresses: [{ ip: '10.1.1.1' }] }] };
    const strict = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } };
    expect(probeOf(analyzeEgress([client, ext, eps]), 'c/client', 'ext.w.svc.cluster.local:80').outcome).toBe('ok');
    expect(probeOf(analyzeEgress([client, ext, eps, strict]), 'c/client', 'ext.w.svc.cluster.local:80').via).toBe('unknown (needs endpoints)');
  });
});

describe('Sidecar fields the model does not cover', () => {
  it('says unknown for requests reaching workloads whose Sidecar has ingress listeners, and for the clients of a Sidecar with an egressProxy', () => {
    const ingress = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'in', namespace: 'w' }, spec: { ingress: [{ port: { number: 80, protocol: 'HTTP', name: 'http' }, defaultEndpoint: '127.0.0.1:8080' }] } };
    expect(probeOf(analyzeEgress([client, ...web, ingress]), 'c/client', WEB).via).toBe('unknown (needs Sidecar ingress)');
    const proxy = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'out', namespace: 'c' }, spec: { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.example.com', port: { number: 3128 } } } } };
    expect(probeOf(analyzeEgress([client, ...web, proxy]), 'c/client', WEB).via).toBe('unknown (needs egressProxy)');
  });
});

describe('ExternalName and --resolve', () => {
  it('says unknown for an ExternalName Service that points inside the cluster (the endpoints it lands on are not its own)', () => {
    const alias = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'alias', namespace: 'c' }, spec: { type: 'ExternalName', externalName: 'web.w.svc.cluster.local', ports: [{ name: 'http', port: 80 }] } };
    expect(probeOf(analyzeEgress([client, ...web, alias]), 'c/client', 'alias.c.svc.cluster.local:80').via).toBe('unknown (needs the ExternalName target)');
  });

  it('needs no DNS for a request that names the Service it connects to (curl --resolve)', () => {
    const tls = [service('wiki', 'w', [{ name: 'tls', port: 443 }]), { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'wiki', namespace: 'w' }, subsets: [{ addresses: [{ ip: '198.35.26.96' }] }] }];
    const r = analyzeEgress([client, ...tls], { requests: [{ url: 'https://en.wikipedia.org/wiki/Main_Page', connectTo: 'wiki.w.svc.cluster.local' }] });
    expect(probeOf(r, 'c/client', 'https://en.wikipedia.org:443/wiki/Main_Page@wiki.w.svc.cluster.local').cluster).toBe('outbound|443||wiki.w.svc.cluster.local');
  });
});
