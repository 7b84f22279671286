/** PeerAuthentication precedence (src/egress/peer-authentication.ts, Istio's ComposePeerAuthentication). */
import { PeerAuthentications, toPeerAuthentication } from '../../src/egress/peer-authentication';

const pa = (namespace: string, spec: object, name = 'default', created?: string) =>
  toPeerAuthentication({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name, namespace, ...(created ? { creationTimestamp: created } : {}) }, spec }, () => {});
const index = (...p: ReturnType<typeof pa>[]) => new PeerAuthentications(p, 'istio-system');
const httpbin = { app: 'httpbin' };

describe('PeerAuthentication', () => {
  it('is PERMISSIVE without any policy', () => {
    expect(index().effective('foo', httpbin, 8080).mode).toBe('PERMISSIVE');
  });

  it('takes the narrowest set mode: workload over namespace over mesh', () => {
    const mesh = pa('istio-system', { mtls: { mode: 'STRICT' } });
    const ns = pa('foo', { mtls: { mode: 'PERMISSIVE' } });
    const workload = pa('foo', { selector: { matchLabels: httpbin }, mtls: { mode: 'DISABLE' } }, 'w');
    expect(index(mesh).effective('foo', httpbin, 8080).mode).toBe('STRICT');
    expect(index(mesh, ns).effective('foo', httpbin, 8080).mode).toBe('PERMISSIVE');
    expect(index(mesh, ns, workload).effective('foo', httpbin, 8080).mode).toBe('DISABLE');
    expect(index(mesh, ns, workload).effective('foo', { app: 'other' }, 8080).mode).toBe('PERMISSIVE');
  });

  it('lets a port-level mode override the workload mode on that (container) port only', () => {
    const w = pa('bar', { selector: { matchLabels: httpbin }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } }, 'httpbin');
    expect([index(w).effective('bar', httpbin, 8080).mode, index(w).effective('bar', httpbin, 9090).mode]).toEqual(['DISABLE', 'STRICT']);
  });

  it('inherits an UNSET mode from the level above', () => {
    const mesh = pa('istio-system', { mtls: { mode: 'STRICT' } });
    const unset = pa('foo', { selector: { matchLabels: httpbin }, mtls: { mode: 'UNSET' } }, 'w');
    expect(index(mesh, unset).effective('foo', httpbin, 80).mode).toBe('STRICT');
  });

  it('keeps the oldest of two namespace-wide policies and ignores a selector policy in the root namespace', () => {
    const older = pa('foo', { mtls: { mode: 'STRICT' } }, 'b', '2024-01-01T00:00:00Z');
    const newer = pa('foo', { mtls: { mode: 'DISABLE' } }, 'a', '2025-01-01T00:00:00Z');
    const rootSelector = pa('istio-system', { selector: { matchLabels: httpbin }, mtls: { mode: 'STRICT' } }, 'r');
    expect(index(newer, older).effective('foo', httpbin, 80).mode).toBe('STRICT');
    expect(index(rootSelector).effective('foo', httpbin, 80).mode).toBe('PERMISSIVE');
  });

  it('infers what a client sidecar sends from namespace and mesh policies only', () => {
    const workload = pa('foo', { selector: { matchLabels: httpbin }, mtls: { mode: 'DISABLE' } }, 'w');
    const ns = pa('bar', { mtls: { mode: 'DISABLE' } });
    expect([index(workload).inferred('foo'), index(ns).inferred('bar')]).toEqual(['PERMISSIVE', 'DISABLE']);
  });
});
