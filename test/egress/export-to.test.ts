import { analyzeEgress } from '../../src/egress';
import { isVisibleTo, parseExportTo } from '../../src/egress/export-to';
import { backed, deployment, outcomeOf, service, sidecar } from './builders';

describe('networking.istio.io/exportTo', () => {
  it('exports everywhere without the annotation', () => {
    expect(isVisibleTo(parseExportTo(undefined, 'x'), 'elsewhere')).toBe(true);
  });

  it('exports to the own namespace only with "."', () => {
    const e = parseExportTo('.', 'x');
    expect([isVisibleTo(e, 'x'), isVisibleTo(e, 'y')]).toEqual([true, false]);
  });

  it('exports nowhere with "~"', () => {
    expect(isVisibleTo(parseExportTo('~', 'x'), 'x')).toBe(false);
  });

  it('exports to a listed namespace', () => {
    const e = parseExportTo('a, b', 'x');
    expect([isVisibleTo(e, 'b'), isVisibleTo(e, 'x')]).toEqual([true, false]);
  });

  it('prevents even */* from importing a Service not exported to the workload namespace', () => {
    const ms = [
      deployment('client', 'c'),
      service('private', 'x', [{ name: 'http', port: 80 }], { exportTo: '.' }),
      sidecar('s', 'c', { egress: [{ hosts: ['*/*'] }], mode: 'REGISTRY_ONLY' }),
    ];
    expect(outcomeOf(analyzeEgress(backed(ms)), 'c/client', 'private.x.svc.cluster.local:80')).toBe('blackhole_reset');
  });

  it('leaves a Service exported with "." importable from its own namespace', () => {
    const ms = [
      deployment('client', 'x'),
      service('private', 'x', [{ name: 'http', port: 80 }], { exportTo: '.' }),
      sidecar('s', 'x', { egress: [{ hosts: ['*/*'] }], mode: 'REGISTRY_ONLY' }),
    ];
    expect(outcomeOf(analyzeEgress(backed(ms)), 'x/client', 'private.x.svc.cluster.local:80')).toBe('ok');
  });
});
