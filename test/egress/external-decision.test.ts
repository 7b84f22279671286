import { analyzeEgress, type Manifest } from '../../src/egress';
import { deployment, probeOf, service, serviceEntry, sidecar } from './builders';

const HTTPBIN = serviceEntry('httpbin', 'ext', { hosts: ['httpbin.org'], ports: [{ number: 80, protocol: 'HTTP' }], resolution: 'DNS' });
const GITHUB = serviceEntry('github', 'ext', { hosts: ['api.github.com'], ports: [{ number: 443, protocol: 'HTTPS' }], resolution: 'DNS' });
const client = (egress: string[], mode: 'ALLOW_ANY' | 'REGISTRY_ONLY' = 'REGISTRY_ONLY'): Manifest[] => [
  deployment('app', 'a'),
  sidecar('sc', 'a', { egress: [{ hosts: egress }], mode }),
];
/** The probe `a/app` → `to`; the names these listener scenarios probe are asserted to resolve (DNS is another test's subject). */
const RESOLVES = ['example.com', 'other.example.com', 'example.org'];
const probe = (manifests: Manifest[], to: string, externalProbes?: string[]) =>
  probeOf(analyzeEgress(manifests, { externalProbes, resolvableHosts: RESOLVES }), 'a/app', to);

describe('HTTP ServiceEntry ports', () => {
  it('routes an imported host through its own cluster', () => {
    const p = probe([...client(['ext/httpbin.org']), HTTPBIN], 'httpbin.org:80');
    expect([p.outcome, p.via]).toEqual(['ok', 'outbound|80||httpbin.org']);
  });

  it('answers 502 for a host the Sidecar does not import when another import opens 0.0.0.0:80 under REGISTRY_ONLY', () => {
    const other = serviceEntry('other', 'ext', { hosts: ['example.org'], ports: [{ number: 80, protocol: 'HTTP' }], resolution: 'DNS' });
    const p = probe([...client(['ext/example.org']), HTTPBIN, other], 'httpbin.org:80');
    expect([p.outcome, p.via]).toEqual(['block_all_502', 'block_all']);
  });

  it('resets a host not imported when nothing listens on its port (curl exit 56: plaintext)', () => {
    const p = probe([...client(['./*']), HTTPBIN], 'httpbin.org:80');
    expect([p.outcome, p.tls]).toEqual(['blackhole_reset', undefined]);
  });

  it('passes a host not imported through PassthroughCluster under ALLOW_ANY', () => {
    expect(probe([...client(['./*'], 'ALLOW_ANY'), HTTPBIN], 'httpbin.org:80').outcome).toBe('passthrough_ok');
  });

  it('makes an in-mesh Service on the same port answer 502 instead of a reset (shared 0.0.0.0:80 listener)', () => {
    const m = [...client(['ext/httpbin.org']), HTTPBIN, service('web', 'b', [{ name: 'http', port: 80 }])];
    expect(probe(m, 'web.b.svc.cluster.local:80').outcome).toBe('block_all_502');
  });
});

describe('TLS ServiceEntry ports', () => {
  it('matches an imported host by SNI on 0.0.0.0:443 and proxies it as TCP', () => {
    const p = probe([...client(['ext/api.github.com']), GITHUB], 'api.github.com:443');
    expect([p.outcome, p.via, p.tls]).toEqual(['ok', 'outbound|443||api.github.com', true]);
  });

  it('resets another SNI on the same listener under REGISTRY_ONLY (the fallthrough chain)', () => {
    const p = probe([...client(['ext/api.github.com']), GITHUB], 'example.com:443', ['example.com:443']);
    expect([p.outcome, p.via, p.tls]).toEqual(['blackhole_reset', 'BlackHoleCluster', true]);
    expect(p.reason).toContain('fallthrough');
  });

  it('says unknown (needs DNS proxying) when the entry has addresses', () => {
    const se = serviceEntry('vip', 'ext', { hosts: ['db.example.com'], ports: [{ number: 443, protocol: 'TLS' }], addresses: ['240.0.0.1'], resolution: 'DNS' });
    expect(probe([...client(['ext/*']), se], 'db.example.com:443').via).toBe('unknown (needs DNS proxying)');
  });

  it('says unknown (needs DestinationRule TLS) when a DestinationRule originates TLS for a host the client already speaks TLS to', () => {
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'dr', namespace: 'ext' }, spec: { host: 'api.github.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } } };
    expect(probe([...client(['ext/*']), GITHUB, dr], 'api.github.com:443').via).toBe('unknown (needs DestinationRule TLS)');
  });
});

describe('which ServiceEntry hosts a Sidecar imports', () => {
  it('imports an exact host through a wildcard egress host of its namespace', () => {
    expect(probe([...client(['ext/*.github.com']), GITHUB], 'api.github.com:443').outcome).toBe('ok');
  });

  it('does not import a ServiceEntry of another namespace through a host of the wrong namespace', () => {
    expect(probe([...client(['other/api.github.com']), GITHUB], 'api.github.com:443').outcome).toBe('blackhole_reset');
  });

  it('does not import a wildcard entry through an exact egress host (the entry host must be a subset)', () => {
    const wiki = serviceEntry('wiki', 'ext', { hosts: ['*.wikipedia.org'], ports: [{ number: 443, protocol: 'HTTPS' }] });
    expect(probe([...client(['ext/en.wikipedia.org']), wiki], 'en.wikipedia.org:443', ['en.wikipedia.org:443']).outcome).toBe('blackhole_reset');
    expect(probe([...client(['ext/*.wikipedia.org']), wiki], 'en.wikipedia.org:443', ['en.wikipedia.org:443']).outcome).toBe('ok');
  });

  it('hides an entry exported only to its own namespace', () => {
    const se = serviceEntry('github', 'ext', { hosts: ['api.github.com'], ports: [{ number: 443, protocol: 'HTTPS' }], exportTo: ['.'] });
    expect(probe([...client(['*/*']), se], 'api.github.com:443').outcome).toBe('blackhole_reset');
  });

  it('trims the entry to an explicit listener port', () => {
    const both = serviceEntry('both', 'ext', { hosts: ['x.example.com'], ports: [{ number: 80, protocol: 'HTTP' }, { number: 443, protocol: 'HTTPS' }] });
    const m = [deployment('app', 'a'), sidecar('sc', 'a', { egress: [{ port: { number: 443, protocol: 'TLS' }, hosts: ['ext/*'] }], mode: 'REGISTRY_ONLY' }), both];
    const r = analyzeEgress(m);
    expect(probeOf(r, 'a/app', 'x.example.com:443').outcome).toBe('ok');
    expect(probeOf(r, 'a/app', 'x.example.com:80').outcome).toBe('blackhole_reset');
    expect(r.workloads[0].clusters.filter((c) => c.fqdn === 'x.example.com')).toEqual([
      { fqdn: 'x.example.com', port: 443, direction: 'outbound', type: 'ORIGINAL_DST' },
    ]);
  });

  it('proxies an HTTPS entry as plain TCP (no SNI match) through an explicit TCP listener, taking every host on the port', () => {
    const m = [deployment('app', 'a'), sidecar('sc', 'a', { egress: [{ port: { number: 443, protocol: 'TCP' }, hosts: ['ext/*'] }], mode: 'REGISTRY_ONLY' }), GITHUB];
    const p = probeOf(analyzeEgress(m, { externalProbes: ['example.com:443'], resolvableHosts: RESOLVES }), 'a/app', 'example.com:443');
    expect([p.outcome, p.via]).toEqual(['ok', 'outbound|443||api.github.com']);
  });

    it('routes a TCP entry without addresses on its port for every destination host (it binds 0.0.0.0:<port>)', () => {
    const tcp = serviceEntry('db', 'ext', { hosts: ['db.example.com'], ports: [{ number: 5432, protocol: 'TCP' }], resolution: 'DNS' });
    const p = probe([...client(['ext/*']), tcp], 'other.example.com:5432', ['other.example.com:5432']);
    expect([p.outcome, p.via]).toEqual(['ok', 'outbound|5432||db.example.com']);
  });
});
