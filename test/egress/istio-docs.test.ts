/**
 * The analyzer against Istio's own egress tasks (istio.io docs/tasks/traffic-management/egress:
 * egress-control and wildcard-egress-hosts). Each expectation is the outcome the task's page
 * records; the fixtures are listed in test/egress/fixtures/istio-docs/README.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeEgress, expectedOutcomes, formatClusterTable, parseManifestYaml, type EgressOptions, type Probe } from '../../src/egress';

const DIR = path.join(__dirname, 'fixtures', 'istio-docs');
const load = (...files: string[]) => files.flatMap((f) => parseManifestYaml(fs.readFileSync(path.join(DIR, f), 'utf8'), f));
const SLEEP = 'default/sleep';

function probe(files: string[], options: EgressOptions, to: string): Probe {
  const result = analyzeEgress(load('client.yaml', ...files), options);
  const p = result.probes.find((x) => x.from === SLEEP && x.to === to);
  if (!p) throw new Error(`no probe to ${to}`);
  return p;
}

describe('egress-control: Envoy passthrough and the blocking-by-default policy', () => {
  const probes = ['www.google.com:443', 'edition.cnn.com:443'];

  it.each(probes)('under the default ALLOW_ANY mesh, https://%s passes through (HTTP/2 200)', (to) => {
    const p = probe([], { meshMode: 'ALLOW_ANY', externalProbes: probes }, to);
    expect([p.outcome, p.via, p.tls]).toEqual(['passthrough_ok', 'PassthroughCluster', true]);
    expect(expectedOutcomes([p])[0]).toMatchObject({ httpStatus: 200, curlExitCode: 0 });
  });

  it.each(probes)('under REGISTRY_ONLY, https://%s is reset during the handshake (curl exit 35)', (to) => {
    const p = probe([], { meshMode: 'REGISTRY_ONLY', externalProbes: probes }, to);
    expect([p.outcome, p.via]).toEqual(['blackhole_reset', 'BlackHoleCluster']);
    expect(expectedOutcomes([p])[0]).toMatchObject({ httpStatus: null, curlExitCode: 35, tls: true });
  });
});

describe('egress-control: ServiceEntry for an HTTP and an HTTPS host under REGISTRY_ONLY', () => {
  it('sends http://httpbin.org through outbound|80||httpbin.org (the cluster the proxy log names)', () => {
    const p = probe(['httpbin-ext.yaml'], { meshMode: 'REGISTRY_ONLY' }, 'httpbin.org:80');
    expect([p.outcome, p.via, p.tls]).toEqual(['ok', 'outbound|80||httpbin.org', undefined]);
    expect(expectedOutcomes([p])[0]).toMatchObject({ httpStatus: 200, curlExitCode: 0 });
  });

  it('sends https://www.google.com through outbound|443||www.google.com by SNI (HTTP/2 200)', () => {
    const p = probe(['google.yaml'], { meshMode: 'REGISTRY_ONLY' }, 'www.google.com:443');
    expect([p.outcome, p.via, p.tls]).toEqual(['ok', 'outbound|443||www.google.com', true]);
    expect(p.reason).toContain('SNI www.google.com');
  });

  it('lists both ServiceEntry hosts as DNS clusters in the istioctl table', () => {
    const w = analyzeEgress(load('client.yaml', 'httpbin-ext.yaml', 'google.yaml')).workloads[0];
    const rows = formatClusterTable(w.clusters).map((l) => l.split(/\s+/).filter(Boolean).join(' '));
    expect(rows).toContain('httpbin.org 80 - outbound STRICT_DNS');
    expect(rows).toContain('www.google.com 443 - outbound STRICT_DNS');
  });

  it('says unknown (needs VirtualService) once the task adds the timeout VirtualService (the page records a 504)', () => {
    const p = probe(['httpbin-ext.yaml', 'httpbin-ext-timeout.yaml'], { meshMode: 'REGISTRY_ONLY' }, 'httpbin.org:80');
    expect([p.outcome, p.via]).toEqual(['unknown', 'unknown (needs VirtualService)']);
  });
});

describe('wildcard-egress-hosts under REGISTRY_ONLY', () => {
  const probes = ['en.wikipedia.org:443', 'de.wikipedia.org:443'];

  it.each(probes)('reaches https://%s directly through the *.wikipedia.org entry', (to) => {
    const p = probe(['wikipedia.yaml'], { meshMode: 'REGISTRY_ONLY', externalProbes: probes }, to);
    expect([p.outcome, p.via]).toEqual(['ok', 'outbound|443||*.wikipedia.org']);
  });

  it('lists the wildcard entry (resolution NONE) as an ORIGINAL_DST cluster', () => {
    const w = analyzeEgress(load('client.yaml', 'wikipedia.yaml')).workloads[0];
    expect(w.clusters).toContainEqual({ fqdn: '*.wikipedia.org', port: 443, direction: 'outbound', type: 'ORIGINAL_DST' });
  });

  it('says unknown (needs egress gateway) when the VirtualService sends it through the egress gateway', () => {
    const p = probe(['wikipedia.yaml', 'wikipedia-egress-gateway.yaml'], { meshMode: 'REGISTRY_ONLY', externalProbes: probes }, 'en.wikipedia.org:443');
    expect(p.outcome).toBe('unknown');
    expect(p.via).toMatch(/^unknown \(needs egress gateway/);
  });
});
