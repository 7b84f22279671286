/**
 * values/external-hosts.yaml: the ServiceEntries it renders, the egress analyzer's prediction
 * for them field by field, and the helm test pods' expectations (helm's render of the Go
 * helper equals the TypeScript one, which asks the analyzer).
 */
import { helloworldEgress } from '../../../src/charts';
import { analyzeEgress, type Manifest, type Probe } from '../../../src/egress';
import { concreteBuiltIns, renderConcrete } from '../../../src/generator';
import { loadChart, type RenderResult } from '../../../src/testing';
import { helmMergedValues, type ValuesMap } from '../../../src/values/helm-merge';
import { parseYamlDocument } from '../../../src/egress';
import * as fs from 'node:fs';

const FILE = 'values/external-hosts.yaml';
const chart = loadChart('charts/helloworld-egress');
const release = { name: 'ext', namespace: 'default' };
let out: RenderResult;
let probes: Probe[];
let clusters: Map<string, string[]>;

beforeAll(async () => {
  out = await chart.render({ values: [FILE], release });
  const result = analyzeEgress(out.documents as unknown as Manifest[], { meshMode: 'ALLOW_ANY', externalProbes: ['en.wikipedia.org:443'] });
  probes = result.probes;
  clusters = new Map(result.workloads.map((w) => [w.workload, w.clusters.filter((c) => c.direction === 'outbound').map((c) => `${c.fqdn}:${c.port} ${c.type}`)]));
});

const probe = (from: string, to: string) => {
  const p = probes.find((x) => x.from === from && x.to === to);
  if (!p) throw new Error(`no probe ${from} → ${to}`);
  return { outcome: p.outcome, via: p.via, tls: p.tls === true };
};

describe('values/external-hosts.yaml renders', () => {
  it('three ServiceEntries with the apiVersion of the Sidecars', () => {
    expect(out.select({ kind: 'ServiceEntry' }).map((d) => `${d.apiVersion} ${d.metadata?.namespace}/${d.metadata?.name}`)).toEqual([
      'networking.istio.io/v1alpha3 foo/httpbin',
      'networking.istio.io/v1alpha3 foo/github',
      'networking.istio.io/v1alpha3 default/wikipedia',
    ]);
  });

  it('each entry field by field, leaving out what the values leave out', () => {
    expect(out.document({ kind: 'ServiceEntry', name: 'httpbin' })).toHaveValue('spec', {
      hosts: ['httpbin.org'],
      ports: [{ number: 80, protocol: 'HTTP', name: 'http' }],
      resolution: 'DNS',
    });
    expect(out.document({ kind: 'ServiceEntry', name: 'github' })).toHaveValue('spec.location', 'MESH_EXTERNAL');
    expect(out.document({ kind: 'ServiceEntry', name: 'wikipedia' })).toHaveValue('spec', {
      hosts: ['*.wikipedia.org'],
      ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }],
      resolution: 'NONE',
      exportTo: ['.'],
    });
  });

  it('the TLS listener of default on 443', () => {
    expect(out.document({ kind: 'Sidecar', namespace: 'default' })).toHaveValue('spec.egress[1]', {
      port: { number: 443, protocol: 'TLS', name: 'egress-tls' },
      hosts: ['foo/api.github.com', './*.wikipedia.org'],
    });
  });
});

describe('the egress prediction for values/external-hosts.yaml', () => {
  it.each([
    ['default/helloworld-default', 'httpbin.org:80', 'ok', 'outbound|80||httpbin.org', false],
    ['default/helloworld-default', 'api.github.com:443', 'ok', 'outbound|443||api.github.com', true],
    ['default/helloworld-default', 'en.wikipedia.org:443', 'ok', 'outbound|443||*.wikipedia.org', true],
    ['foo/helloworld-foo', 'httpbin.org:80', 'ok', 'outbound|80||httpbin.org', false],
    ['foo/helloworld-foo', 'api.github.com:443', 'blackhole_reset', 'BlackHoleCluster', true],
    ['foo/helloworld-foo', 'en.wikipedia.org:443', 'blackhole_reset', 'BlackHoleCluster', true],
    ['foo/helloworld-foo', 'helloworld.default.svc.cluster.local:80', 'block_all_502', 'block_all', false],
    ['foo/helloworld-foo', 'helloworld.foo.svc.cluster.local:80', 'block_all_502', 'block_all', false],
    ['foo/helloworld-foo', 'helloworld.default.svc.cluster.local:8080', 'ok', 'outbound|8080||helloworld.default.svc.cluster.local', false],
  ])('%s → %s: %s via %s (tls %s)', (from, to, outcome, via, tls) => {
    expect(probe(from, to)).toEqual({ outcome, via, tls });
  });

  it('lists the imported entries as outbound clusters, typed by resolution', () => {
    expect(clusters.get('default/helloworld-default')).toEqual([
      '*.wikipedia.org:443 ORIGINAL_DST',
      'api.github.com:443 STRICT_DNS',
      'helloworld.foo.svc.cluster.local:80 EDS',
      'httpbin.org:80 STRICT_DNS',
    ]);
    expect(clusters.get('foo/helloworld-foo')).toEqual([
      'helloworld.default.svc.cluster.local:8080 EDS',
      'helloworld.foo.svc.cluster.local:8080 EDS',
      'httpbin.org:80 STRICT_DNS',
    ]);
  });
});

describe('helm test pods for values/external-hosts.yaml', () => {
  it('expect 502 from foo to the port-80 Services (the httpbin.org import opens 0.0.0.0:80), in helm as in TypeScript', () => {
    const values = parseYamlDocument(fs.readFileSync(FILE, 'utf8'), FILE) as ValuesMap;
    const merged = helmMergedValues(helloworldEgress.defaults as unknown as ValuesMap, [values]);
    const expected = renderConcrete(helloworldEgress, merged as never, concreteBuiltIns(helloworldEgress, release));
    const tests = expected.find((t) => t.template === 'templates/tests/egress-test.yaml');
    expect(out.template('templates/tests/egress-test.yaml')).toEqual(tests?.documents);
    expect(out.document({ kind: 'Pod', namespace: 'foo' })).toHaveValue('spec.containers[0].args', [
      'helloworld.default.svc.cluster.local:8080=http-200',
      'helloworld.default.svc.cluster.local:80=http-502',
      'helloworld.foo.svc.cluster.local:8080=http-200',
      'helloworld.foo.svc.cluster.local:80=http-502',
    ]);
  });
});
