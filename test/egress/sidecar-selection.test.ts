import { analyzeEgress, type Manifest } from '../../src/egress';
import { backed, deployment, service, sidecar } from './builders';

function sidecarOf(manifests: Manifest[], workload: string, rootNamespace?: string): string | null | undefined {
  return analyzeEgress(manifests, { rootNamespace }).workloads.find((w) => w.workload === workload)?.sidecar;
}

const web = deployment('web', 'shop', { app: 'web', tier: 'front' });

describe('which Sidecar applies', () => {
  it('prefers a matching workloadSelector Sidecar over the namespace-wide one', () => {
    const ms = [web, sidecar('wide', 'shop', {}, { created: '2020-01-01T00:00:00Z' }), sidecar('sel', 'shop', { selector: { app: 'web' } }, { created: '2024-01-01T00:00:00Z' })];
    expect(sidecarOf(ms, 'shop/web')).toBe('shop/sel');
  });

  it('falls back to the namespace-wide Sidecar when no selector matches', () => {
    const ms = [web, sidecar('wide', 'shop', {}), sidecar('other', 'shop', { selector: { app: 'db' } })];
    expect(sidecarOf(ms, 'shop/web')).toBe('shop/wide');
  });

  it('requires every selector label to match the pod template labels', () => {
    const ms = [web, sidecar('sel', 'shop', { selector: { app: 'web', tier: 'back' } })];
    expect(sidecarOf(ms, 'shop/web')).toBeNull();
  });

  it('lets an empty workloadSelector outrank the namespace-wide Sidecar', () => {
    const ms = [web, sidecar('wide', 'shop', {}, { created: '2020-01-01T00:00:00Z' }), sidecar('empty', 'shop', { selector: {} })];
    expect(sidecarOf(ms, 'shop/web')).toBe('shop/empty');
  });

  it('uses the root namespace Sidecar when the namespace has none', () => {
    expect(sidecarOf([web, sidecar('default', 'istio-system', {})], 'shop/web')).toBe('istio-system/default');
  });

  it('uses the root namespace Sidecar when the namespace only has non-matching selector Sidecars', () => {
    const ms = [web, sidecar('other', 'shop', { selector: { app: 'db' } }), sidecar('default', 'istio-system', {})];
    expect(sidecarOf(ms, 'shop/web')).toBe('istio-system/default');
  });

  it('ignores a root namespace Sidecar that has a workloadSelector for other namespaces', () => {
    expect(sidecarOf([web, sidecar('sel', 'istio-system', { selector: { app: 'web' } })], 'shop/web')).toBeNull();
  });

  it('honours a custom root namespace', () => {
    expect(sidecarOf([web, sidecar('default', 'mesh-root', {})], 'shop/web', 'mesh-root')).toBe('mesh-root/default');
  });

  it('uses the implicit default when no Sidecar applies', () => {
    expect(sidecarOf([web, sidecar('elsewhere', 'other', {})], 'shop/web')).toBeNull();
  });

  it('picks the oldest of two matching selector Sidecars by creationTimestamp', () => {
    const ms = [
      web,
      sidecar('a-new', 'shop', { selector: { app: 'web' } }, { created: '2024-05-01T00:00:00Z' }),
      sidecar('z-old', 'shop', { selector: { app: 'web' } }, { created: '2023-05-01T00:00:00Z' }),
    ];
    expect(sidecarOf(ms, 'shop/web')).toBe('shop/z-old');
  });

  it('breaks a creationTimestamp tie by name', () => {
    const ms = [web, sidecar('beta', 'shop', {}), sidecar('alpha', 'shop', {})];
    expect(sidecarOf(ms, 'shop/web')).toBe('shop/alpha');
  });

  it('accepts Sidecars of apiVersion v1alpha3, v1beta1 and v1', () => {
    const found = ['v1alpha3', 'v1beta1', 'v1'].map((v) =>
      sidecarOf([web, sidecar('s', 'shop', {}, { apiVersion: `networking.istio.io/${v}` })], 'shop/web'),
    );
    expect(found).toEqual(['shop/s', 'shop/s', 'shop/s']);
  });

  it('does not inherit the namespace-wide egress into a selector Sidecar without egress', () => {
    const ms = [
      web,
      service('api', 'other', [{ name: 'http', port: 80 }]),
      sidecar('wide', 'shop', { egress: [{ hosts: ['./*'] }], mode: 'REGISTRY_ONLY' }),
      sidecar('sel', 'shop', { selector: { app: 'web' } }),
    ];
    const r = analyzeEgress(backed(ms), { meshMode: "ALLOW_ANY" });
    expect([r.workloads[0].mode, r.probes[0].outcome]).toEqual(['ALLOW_ANY', 'ok']);
  });
});
