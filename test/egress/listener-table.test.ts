import { analyzeEgress, type Manifest } from '../../src/egress';
import { backed, deployment, outcomeOf, probeOf, service, sidecar, type EgressSpec } from './builders';

/** Client c/client with the given egress (REGISTRY_ONLY unless said) plus the given Services. */
function run(egress: EgressSpec[], services: Manifest[], mode: 'ALLOW_ANY' | 'REGISTRY_ONLY' = 'REGISTRY_ONLY') {
  return analyzeEgress(backed([deployment("client", "c"), ...services, sidecar("sc", "c", { egress, mode })]));
}

const httpA = service('a', 'x', [{ name: 'http', port: 80 }]);
const httpB = service('b', 'y', [{ name: 'http', port: 80 }]);
const tcpDb = service('db', 'y', [{ name: 'tcp', port: 80 }]);
const sniffed = service('s', 'y', [{ name: 'web', port: 80 }]);

describe('HTTP versus TCP versus sniffed listeners', () => {
  it('answers 502 for an unimported HTTP Service sharing the port of an HTTP listener', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] }], [httpA, httpB]);
    expect(outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80')).toBe('block_all_502');
  });

  it('resets an unimported Service on the port of a TCP listener, which binds only its VIPs', () => {
    const r = run([{ port: { number: 80, protocol: 'TCP' }, hosts: ['x/*'] }], [httpA, httpB]);
    expect(outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80')).toBe('blackhole_reset');
  });

  it('reaches an imported Service through a TCP listener', () => {
    const r = run([{ port: { number: 80, protocol: 'TCP' }, hosts: ['x/*'] }], [httpA]);
    expect(probeOf(r, 'c/client', 'a.x.svc.cluster.local:80').via).toBe('outbound|80||a.x.svc.cluster.local');
  });

  it('sniffs an explicit listener without protocol on the Service VIP', () => {
    const r = run([{ port: { number: 80 }, hosts: ['x/*'] }], [httpA, httpB]);
    expect([outcomeOf(r, 'c/client', 'a.x.svc.cluster.local:80'), outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80')]).toEqual([
      'ok',
      'blackhole_reset',
    ]);
  });

  it('uses the listener protocol, not the Service port name, on an explicit listener', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['y/db.y.svc.cluster.local'] }], [tcpDb, httpB]);
    expect(outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80')).toBe('block_all_502');
  });

  it('creates no listener for an explicit port that imports no Service, so traffic is reset not 502', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['nowhere/*'] }], [httpA]);
    expect(outcomeOf(r, 'c/client', 'a.x.svc.cluster.local:80')).toBe('blackhole_reset');
  });

  it('drops a Service that lacks the listener port (port trimming)', () => {
    const r = run([{ port: { number: 8080, protocol: 'HTTP' }, hosts: ['x/*'] }], [httpA]);
    expect(outcomeOf(r, 'c/client', 'a.x.svc.cluster.local:80')).toBe('blackhole_reset');
  });
});

describe('explicit listeners and the catch-all', () => {
  it('keeps catch-all HTTP Services off a port an explicit HTTP listener claimed', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] }, { hosts: ['*/*'] }], [httpA, httpB]);
    expect(outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80')).toBe('block_all_502');
  });

  it('still gives a catch-all TCP Service its VIP listener on a port an explicit HTTP listener claimed', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] }, { hosts: ['*/*'] }], [httpA, tcpDb]);
    expect(outcomeOf(r, 'c/client', 'db.y.svc.cluster.local:80')).toBe('ok');
  });

  it('answers 404 for a catch-all sniffed Service whose port routes come from an explicit listener', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] }, { hosts: ['*/*'] }], [httpA, sniffed]);
    expect(probeOf(r, 'c/client', 's.y.svc.cluster.local:80')).toMatchObject({ outcome: 'no_route_404', via: 's.y.svc.cluster.local:80' });
  });

  it('lets the catch-all serve ports no explicit listener claimed', () => {
    const r = run(
      [{ port: { number: 8080, protocol: 'HTTP' }, hosts: ['x/*'] }, { hosts: ['*/*'] }],
      [service('b', 'y', [{ name: 'http', port: 80 }, { name: 'http-alt', port: 8080 }])],
    );
    expect([outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80'), outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:8080')]).toEqual([
      'ok',
      'block_all_502',
    ]);
  });

  it('routes a catch-all HTTP Service by the first listener on its port, even a TCP one', () => {
    const r = run([{ port: { number: 80, protocol: 'TCP' }, hosts: ['x/*'] }, { hosts: ['*/*'] }], [httpA, httpB]);
    expect(outcomeOf(r, 'c/client', 'b.y.svc.cluster.local:80')).toBe('block_all_502');
  });
});

describe('outbound traffic policy', () => {
  it('passes unmatched HTTP through with ALLOW_ANY instead of 502', () => {
    const r = run([{ port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] }], [httpA, httpB], 'ALLOW_ANY');
    expect(probeOf(r, 'c/client', 'b.y.svc.cluster.local:80')).toMatchObject({ outcome: 'passthrough_ok', via: 'PassthroughCluster' });
  });

  it('passes traffic with no listener through with ALLOW_ANY instead of resetting', () => {
    const r = run([{ port: { number: 8080, protocol: 'HTTP' }, hosts: ['x/*'] }], [httpA], 'ALLOW_ANY');
    expect(probeOf(r, 'c/client', 'a.x.svc.cluster.local:80').reason).toBe('no egress listener on port 80; ALLOW_ANY → PassthroughCluster');
  });

  it('says so when other VIP listeners exist on the port but not this Service', () => {
    const r = run([{ port: { number: 80, protocol: 'TCP' }, hosts: ['x/*'] }], [httpA, httpB]);
    expect(probeOf(r, 'c/client', 'b.y.svc.cluster.local:80').reason).toBe(
      "no listener on this Service's VIP:80 nor 0.0.0.0:80; REGISTRY_ONLY → BlackHoleCluster",
    );
  });
});
