/**
 * VirtualService and DestinationRule decisions for sidecar clients (route-decision.ts,
 * virtual-service.ts, destination-rule.ts): routes, subsets, timeouts, TLS, and the unknowns
 * where the model stops.
 */
import { analyzeEgress, type Manifest } from '../../src/egress';
import { deployment, probeOf, service, serviceEntry, sidecar } from './builders';

const vs = (name: string, ns: string, spec: object): Manifest => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace: ns }, spec });
const dr = (name: string, ns: string, spec: object): Manifest => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: ns }, spec });
const mesh = (...extra: Manifest[]): Manifest[] => [
  deployment('client', 'c'),
  service('reviews', 'b', [{ name: 'http', port: 9080 }]),
  deployment('reviews-v1', 'b', { app: 'reviews', version: 'v1' }),
  ...extra,
];
const REVIEWS = 'reviews.b.svc.cluster.local:9080';
const probe = (manifests: Manifest[], to = REVIEWS, opts = {}) => probeOf(analyzeEgress(manifests, opts), 'c/client', to);

describe('VirtualService routes for the mesh', () => {
  it('routes to a DestinationRule subset and names its cluster outbound|<port>|<subset>|<host>', () => {
    const p = probe(mesh(vs('r', 'b', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] }), dr('r', 'b', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] })));
    expect([p.outcome, p.cluster, p.mtls]).toEqual(['ok', 'outbound|9080|v1|reviews.b.svc.cluster.local', true]);
  });

  it('says unknown when the subset is defined by no DestinationRule (Envoy has no such cluster)', () => {
    const p = probe(mesh(vs('r', 'b', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }] })));
    expect(p.via).toBe('unknown (needs DestinationRule)');
  });

  it('reports the route timeout', () => {
    const p = probe(mesh(vs('r', 'b', { hosts: ['reviews'], http: [{ timeout: '0.5s', route: [{ destination: { host: 'reviews' } }] }] })));
    expect([p.outcome, p.timeout]).toEqual(['ok', '0.5s']);
  });

  it.each([
    ['a redirect (301 by default)', { redirect: { uri: '/v2' } }, 301],
    ['a direct response', { directResponse: { status: 418 } }, 418],
    ['a fault aborting every request', { fault: { abort: { percentage: { value: 100 }, httpStatus: 503 } }, route: [{ destination: { host: 'reviews' } }] }, 503],
  ])('answers with the route’s own status for %s', (_what, route, status) => {
    const p = probe(mesh(vs('r', 'b', { hosts: ['reviews'], http: [route] })));
    expect([p.outcome, p.status]).toEqual(['route_response', status]);
  });

  it('answers 404 when no route matches the request (GET /), and takes the first that does', () => {
    expect(probe(mesh(vs('r', 'b', { hosts: ['reviews'], http: [{ match: [{ uri: { prefix: '/api' } }], route: [{ destination: { host: 'reviews' } }] }] }))).outcome).toBe('no_route_404');
    const two = vs('r', 'b', { hosts: ['reviews'], http: [{ match: [{ uri: { exact: '/x' } }], directResponse: { status: 500 } }, { match: [{ uri: { prefix: '/' } }], route: [{ destination: { host: 'reviews' } }] }] });
    expect(probe(mesh(two)).outcome).toBe('ok');
  });

  it('follows sourceLabels and port matches, and says unknown for header matches and weighted splits', () => {
    const bySource = vs('r', 'b', { hosts: ['reviews'], http: [{ match: [{ sourceLabels: { app: 'other' } }], directResponse: { status: 500 } }, { route: [{ destination: { host: 'reviews' } }] }] });
    expect(probe(mesh(bySource)).outcome).toBe('ok');
    expect(probe(mesh(vs('r', 'b', { hosts: ['reviews'], http: [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews' } }] }] }))).via).toBe('unknown (needs VirtualService match)');
    const split = vs('r', 'b', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: 50 }, { destination: { host: 'ratings' }, weight: 50 }] }] });
    expect(probe(mesh(split)).via).toBe('unknown (needs weighted routes)');
  });

  it('ignores a VirtualService bound only to a gateway, and one the client’s Sidecar does not import', () => {
    expect(probe(mesh(vs('r', 'b', { hosts: ['reviews'], gateways: ['ingress'], http: [{ directResponse: { status: 500 } }] }))).outcome).toBe('ok');
    const elsewhere = vs('r', 'other', { hosts: ['reviews.b.svc.cluster.local'], http: [{ directResponse: { status: 500 } }] });
    const onlyB = sidecar('s', 'c', { egress: [{ hosts: ['b/*'] }] });
    expect(probe(mesh(elsewhere, onlyB)).outcome).toBe('ok');
    expect(probe(mesh(elsewhere)).outcome).toBe('route_response');
  });

  it('says unknown when a route sends the request to a host the client’s Sidecar does not import', () => {
    const toRatings = vs('r', 'b', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'ratings.x.svc.cluster.local' } }] }] });
    expect(probe(mesh(toRatings, service('ratings', 'x', [{ name: 'http', port: 9080 }]), deployment('ratings', 'x'), sidecar('s', 'c', { egress: [{ hosts: ['b/*'] }] }))).via).toBe('unknown (needs VirtualService)');
  });

  it('says unknown when two VirtualServices bind the same host to the mesh', () => {
    const a = vs('a', 'b', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] });
    const b = vs('b', 'b', { hosts: ['reviews.b.svc.cluster.local'], http: [{ route: [{ destination: { host: 'reviews' } }] }] });
    expect(probe(mesh(a, b)).via).toBe('unknown (needs VirtualService)');
  });
});

describe('DestinationRule TLS', () => {
  const strict = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'b' }, spec: { mtls: { mode: 'STRICT' } } };

  it('says unknown when it disables TLS towards a STRICT sidecar, and stays ok towards a PERMISSIVE one', () => {
    const disable = dr('r', 'c', { host: 'reviews.b.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } });
    expect(probe(mesh(disable, strict)).via).toBe('unknown (needs PeerAuthentication)');
    expect([probe(mesh(disable)).outcome, probe(mesh(disable)).mtls]).toEqual(['ok', false]);
  });

  it('uses the client namespace’s rule before the Service namespace’s', () => {
    const inB = dr('r', 'b', { host: 'reviews', trafficPolicy: { tls: { mode: 'SIMPLE' } } });
    const inC = dr('r', 'c', { host: 'reviews.b.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
    expect(probe(mesh(inB)).via).toBe('unknown (needs DestinationRule TLS)');
    expect([probe(mesh(inB, inC)).outcome, probe(mesh(inB, inC)).mtls]).toEqual(['ok', true]);
  });

  it('originates TLS on a plaintext request to an external host (egress TLS origination)', () => {
    const se = serviceEntry('cnn', 'c', { hosts: ['edition.cnn.com'], ports: [{ number: 80, protocol: 'HTTP', name: 'http' }], resolution: 'DNS' });
    const origination = dr('cnn', 'c', { host: 'edition.cnn.com', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] } });
    const p = probe([deployment('client', 'c'), se, origination], 'edition.cnn.com:80');
    expect([p.outcome, p.cluster]).toEqual(['ok', 'outbound|80||edition.cnn.com']);
    expect(p.reason).toContain('originates TLS (SIMPLE)');
  });

  it('lists the subsets’ clusters and the rule in the client’s istioctl table', () => {
    const w = analyzeEgress(mesh(dr('r', 'b', { host: 'reviews', subsets: [{ name: 'v1' }, { name: 'v2' }] }))).workloads.find((x) => x.workload === 'c/client');
    const rows = (w?.clusters ?? []).filter((c) => c.fqdn === 'reviews.b.svc.cluster.local').map((c) => [c.subset ?? '-', c.destinationRule]);
    expect(rows).toEqual([['-', 'r.b'], ['v1', 'r.b'], ['v2', 'r.b']]);
  });
});
