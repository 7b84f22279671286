import { analyzeEgress, analyzeEgressReport, type Manifest } from '../../src/egress';
import { backed, deployment, outcomeOf, service, sidecar } from './builders';

const client = deployment('client', 'c');
const api = service('api', 'x', [{ name: 'http', port: 80 }]);

function modeOf(manifests: Manifest[], meshMode: 'ALLOW_ANY' | 'REGISTRY_ONLY') {
  return analyzeEgress(backed(manifests), { meshMode }).workloads[0].mode;
}

describe('outbound traffic policy source', () => {
  it('uses the Sidecar ALLOW_ANY even when the mesh is REGISTRY_ONLY', () => {
    expect(modeOf([client, sidecar('s', 'c', { mode: 'ALLOW_ANY' })], 'REGISTRY_ONLY')).toBe('ALLOW_ANY');
  });

  it('uses the Sidecar REGISTRY_ONLY even when the mesh is ALLOW_ANY', () => {
    expect(modeOf([client, sidecar('s', 'c', { mode: 'REGISTRY_ONLY' })], 'ALLOW_ANY')).toBe('REGISTRY_ONLY');
  });

  it('uses the mesh mode for the implicit default Sidecar', () => {
    expect(modeOf([client], 'REGISTRY_ONLY')).toBe('REGISTRY_ONLY');
  });

  it('reads an empty outboundTrafficPolicy as REGISTRY_ONLY (proto zero value)', () => {
    const s = sidecar('s', 'c', {});
    (s.spec as Record<string, unknown>).outboundTrafficPolicy = {};
    expect(modeOf([client, s], 'ALLOW_ANY')).toBe('REGISTRY_ONLY');
  });

  it('takes the root Sidecar policy when the root Sidecar applies', () => {
    expect(modeOf([client, sidecar('default', 'istio-system', { mode: 'REGISTRY_ONLY' })], 'ALLOW_ANY')).toBe('REGISTRY_ONLY');
  });
});

describe('egress listeners of the applying Sidecar', () => {
  it('imports every Service when the Sidecar sets no egress', () => {
    const r = analyzeEgress(backed([client, api, sidecar("s", "c", { mode: "REGISTRY_ONLY" })]));
    expect(outcomeOf(r, 'c/client', 'api.x.svc.cluster.local:80')).toBe('ok');
  });

  it('converts ./ of a root namespace Sidecar to the workload namespace', () => {
    const ms = [client, service('own', 'c', [{ name: 'http', port: 80 }], { selector: { app: 'nope' } }), api];
    ms.push(sidecar('default', 'istio-system', { egress: [{ hosts: ['./*'] }], mode: 'REGISTRY_ONLY' }));
    const r = analyzeEgress(backed(ms));
    expect([outcomeOf(r, 'c/client', 'own.c.svc.cluster.local:80'), outcomeOf(r, 'c/client', 'api.x.svc.cluster.local:80')]).toEqual([
      'ok',
      'block_all_502',
    ]);
  });

  it('leaves out a Sidecar with a second listener on the same port, which Istio refuses as a whole', () => {
    const ms = [
      client,
      api,
      sidecar('s', 'c', {
        egress: [
          { port: { number: 80, protocol: 'HTTP' }, hosts: ['nowhere/*'] },
          { port: { number: 80, protocol: 'HTTP' }, hosts: ['x/*'] },
        ],
        mode: 'REGISTRY_ONLY',
      }),
    ];
    const report = analyzeEgressReport(backed(ms));
    expect([report.probe('c/client', 'api.x.svc.cluster.local:80')?.outcome, report.warnings]).toEqual([
      'ok',
      ['Sidecar c/s: spec.egress[1].port: ports on IP bound listeners must be unique (80): admission would refuse it, so it is left out'],
    ]);
  });

  it('leaves out a Sidecar whose port-less listener is not the last one', () => {
    const ms = [client, sidecar('s', 'c', { egress: [{ hosts: ['./*'] }, { port: { number: 80 }, hosts: ['x/*'] }] })];
    expect(analyzeEgressReport(ms).warnings).toContain(
      'Sidecar c/s: spec.egress[0]: the egress listener with empty port should be the last listener in the list: admission would refuse it, so it is left out',
    );
  });
});
