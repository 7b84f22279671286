import { analyzeEgress, type Manifest } from '../../src/egress';
import { compileHosts, hostsImport, suffixReach } from '../../src/egress/host-matcher';
import { versionFeatures, parseIstioVersion } from '../../src/egress/istio-version';
import { backed, deployment, outcomeOf, service, sidecar } from './builders';

/** Client `c/client` (REGISTRY_ONLY, one port-less listener with `hosts`) and HTTP Services a.x, b.x, a.y. */
function importedFrom(hosts: string[], istioVersion = '1.24'): string[] {
  const ms: Manifest[] = [
    deployment('client', 'c'),
    service('a', 'x', [{ name: 'http', port: 80 }]),
    service('b', 'x', [{ name: 'http', port: 80 }]),
    service('a', 'y', [{ name: 'http', port: 80 }]),
    service('own', 'c', [{ name: 'http', port: 80 }], { selector: { app: 'none' } }),
    sidecar('s', 'c', { egress: [{ hosts }], mode: 'REGISTRY_ONLY' }),
  ];
  const r = analyzeEgress(backed(ms), { istioVersion });
  return r.probes.filter((p) => p.outcome === 'ok').map((p) => p.to.replace('.svc.cluster.local:80', ''));
}

describe('Sidecar hosts', () => {
  it('imports every Service of one namespace with ns/*', () => {
    expect(importedFrom(['x/*'])).toEqual(['a.x', 'b.x']);
  });

  it('resolves ./ to the workload namespace', () => {
    expect(importedFrom(['./*'])).toEqual(['own.c']);
  });

  it('imports from every namespace with */*', () => {
    expect(importedFrom(['*/*'])).toEqual(['a.x', 'b.x', 'a.y', 'own.c']);
  });

  it('imports an exact FQDN from any namespace with */fqdn', () => {
    expect(importedFrom(['*/a.y.svc.cluster.local'])).toEqual(['a.y']);
  });

  it('requires the namespace part to be the Service namespace for ns/fqdn', () => {
    expect(importedFrom(['x/a.y.svc.cluster.local'])).toEqual([]);
  });

  it('matches a *.suffix wildcard on a label boundary', () => {
    expect(importedFrom(['*/*.x.svc.cluster.local'])).toEqual(['a.x', 'b.x']);
  });

  it('matches every Kubernetes Service with */*.svc.cluster.local', () => {
    expect(importedFrom(['*/*.svc.cluster.local'])).toEqual(['a.x', 'b.x', 'a.y', 'own.c']);
  });

  it('never matches a Kubernetes Service with a non-FQDN name such as a.x', () => {
    expect(importedFrom(['x/a.x'])).toEqual([]);
  });

  it('a short name makes Istio refuse the whole Sidecar: the implicit default imports everything', () => {
    expect(importedFrom(['x/a'])).toEqual(['a.x', 'b.x', 'a.y', 'own.c']);
  });

  it('imports nothing with ~/* before Istio 1.31', () => {
    expect(importedFrom(['~/*'], '1.24')).toEqual([]);
  });

  it('keeps ~/* inert next to */* before Istio 1.31', () => {
    expect(importedFrom(['*/*', '~/*'], '1.30')).toEqual(['a.x', 'b.x', 'a.y', 'own.c']);
  });

  it('treats ~/* as excluding everything from Istio 1.31', () => {
    expect(importedFrom(['*/*', '~/*'], '1.31')).toEqual([]);
  });

  it('excludes one namespace with ~ns/* from Istio 1.31', () => {
    expect(importedFrom(['*/*', '~x/*'], '1.31')).toEqual(['a.y', 'own.c']);
  });

  it('excludes the workload namespace with ~./* from Istio 1.31', () => {
    expect(importedFrom(['*/*', '~./*'], '1.31')).toEqual(['a.x', 'b.x', 'a.y']);
  });

  it('imports the union of several hosts', () => {
    expect(importedFrom(['y/*', '*/b.x.svc.cluster.local'])).toEqual(['b.x', 'a.y']);
  });
});

describe('compiled host matchers', () => {
  const features = versionFeatures(parseIstioVersion('1.17'));

  it('reports an entry without a slash', () => {
    const warnings: string[] = [];
    compileHosts(['helloworld.foo.svc.cluster.local'], 'c', features, (m) => warnings.push(m));
    expect(warnings).toEqual(['host "helloworld.foo.svc.cluster.local" ignored: must be of the form namespace/dnsName']);
  });

  it('does not let *.oo.svc.cluster.local match namespace foo', () => {
    const c = compileHosts(['*/*.oo.svc.cluster.local'], 'c', features, () => undefined);
    expect(hostsImport(c, 'foo', 'helloworld.foo.svc.cluster.local')).toBe(false);
  });

  it('maps a namespace suffix to that namespace', () => {
    expect(suffixReach('.foo.svc.cluster.local')).toEqual({ namespace: 'foo' });
  });

  it('maps a suffix of the cluster domain to every Service', () => {
    expect(suffixReach('.cluster.local')).toBe('all');
  });

  it('maps an unrelated suffix to no Service', () => {
    expect(suffixReach('.example.com')).toBe('none');
  });
});

describe('host matching and the outcome', () => {
  it('blocks with 502 an HTTP Service on a port whose listener imports other hosts', () => {
    const ms = [
      deployment('client', 'c'),
      service('a', 'x', [{ name: 'http', port: 80 }]),
      service('b', 'y', [{ name: 'http', port: 80 }]),
      sidecar('s', 'c', { egress: [{ hosts: ['x/*'] }], mode: 'REGISTRY_ONLY' }),
    ];
    expect(outcomeOf(analyzeEgress(ms), 'c/client', 'b.y.svc.cluster.local:80')).toBe('block_all_502');
  });
});
