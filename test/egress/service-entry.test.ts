import { hostServes, hostsOverlap, toExternalServices } from '../../src/egress/service-entry';
import { serviceEntry } from './builders';

describe('ServiceEntry model', () => {
  it('makes one external host per host, with the defaults Istio applies (NONE, MESH_EXTERNAL, exported everywhere)', () => {
    const warnings: string[] = [];
    const hosts = toExternalServices(serviceEntry('se', 'ext', { hosts: ['A.example.com', '*.b.example.com'], ports: [{ number: 443, protocol: 'https' }] }), 3, (w) => warnings.push(w));
    expect(hosts.map((h) => [h.index, h.host, h.wildcard, h.resolution, h.location, h.exportTo.all, h.ports[0].protocol, h.ports[0].cls])).toEqual([
      [3, 'a.example.com', false, 'NONE', 'MESH_EXTERNAL', true, 'HTTPS', 'tcp'],
      [4, '*.b.example.com', true, 'NONE', 'MESH_EXTERNAL', true, 'HTTPS', 'tcp'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('resolves exportTo "." to the entry namespace and keeps an unset port protocol as sniffed', () => {
    const [h] = toExternalServices(serviceEntry('se', 'ext', { hosts: ['a.example.com'], ports: [{ number: 8000 }], exportTo: ['.', 'other'] }), 0, () => {});
    expect([[...h.exportTo.namespaces].sort(), h.exportTo.all, h.ports[0].cls]).toEqual([['ext', 'other'], false, 'auto']);
  });

  it('warns about what validation rejects: host "*", a DNS wildcard without endpoints, an unknown protocol', () => {
    const warnings: string[] = [];
    const hosts = toExternalServices(
      serviceEntry('se', 'ext', { hosts: ['*', '*.example.com'], ports: [{ number: 1, protocol: 'QUIC' }], resolution: 'DNS' }),
      0,
      (w) => warnings.push(w),
    );
    expect(hosts.map((h) => h.host)).toEqual(['*.example.com']);
    expect(warnings).toEqual([
      'ServiceEntry ext/se port 1: unsupported protocol "QUIC" (rejected by validation)',
      'ServiceEntry ext/se: host "*" is rejected by validation; ignored',
      'ServiceEntry ext/se: wildcard host "*.example.com" with resolution DNS and no endpoints is rejected by validation',
    ]);
  });

  it.each([
    ['*.example.com', 'api.example.com', true, true],
    ['*.example.com', 'example.com', false, false],
    ['api.example.com', 'api.example.com', true, true],
    ['api.example.com', 'www.example.com', false, false],
  ])('%s and %s: overlap %s, serves %s', (pattern, host, overlap, serves) => {
    expect([hostsOverlap(pattern, host), hostServes(pattern, host)]).toEqual([overlap, serves]);
  });
});
