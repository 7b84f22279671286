import { analyzeEgress, analyzeEgressReport, type Probe } from '../../src/egress';
import { compareExpectations, expectedOutcomes, parseExpectations } from '../../src/egress/expectations';
import { seedManifests } from './seed-manifests';

const probe = (outcome: Probe['outcome']): Probe => ({
  from: 'default/helloworld-default',
  to: 'helloworld.foo.svc.cluster.local:8080',
  outcome,
  via: 'x',
  reason: 'y',
});

describe('expected outcomes for helm test pods', () => {
  it('splits a probe into namespace, workload, host and port', () => {
    expect(expectedOutcomes([probe('ok')])[0]).toMatchObject({
      namespace: 'default',
      workload: 'helloworld-default',
      host: 'helloworld.foo.svc.cluster.local',
      port: 8080,
    });
  });

  it.each([
    ['ok', 200, 0],
    ['passthrough_ok', 200, 0],
    ['block_all_502', 502, 0],
    ['blackhole_reset', null, 56],
    ['no_route_404', 404, 0],
  ] as const)('expects %s to show HTTP %s with curl exit %s', (outcome, httpStatus, curlExitCode) => {
    expect(expectedOutcomes([probe(outcome)])[0]).toMatchObject({ httpStatus, curlExitCode });
  });

  it.each([
    ['blackhole_reset', null, 35],
    ['ok', 200, 0],
    ['passthrough_ok', 200, 0],
  ] as const)('expects a TLS probe (https://) ending %s to show HTTP %s with curl exit %s', (outcome, httpStatus, curlExitCode) => {
    expect(expectedOutcomes([{ ...probe(outcome), to: 'api.github.com:443', tls: true }])[0]).toMatchObject({ httpStatus, curlExitCode, tls: true });
  });

  it('expects nothing observable for an unknown outcome', () => {
    expect(expectedOutcomes([probe('unknown')])[0]).toMatchObject({ httpStatus: null, curlExitCode: null, tls: false });
  });

  it('lists one expectation per probe of a result', () => {
    expect(expectedOutcomes(analyzeEgress(seedManifests())).length).toBe(8);
  });
});

describe('checking expectations', () => {
  const report = analyzeEgressReport(seedManifests(), { istioVersion: '1.17' });

  it('finds no mismatch when the prediction agrees', () => {
    expect(
      compareExpectations(report, [{ from: 'foo/helloworld-foo', to: 'helloworld.foo.svc.cluster.local:8080', outcome: 'ok' }]),
    ).toEqual([]);
  });

  it('reports the predicted outcome and its reason on a mismatch', () => {
    const [m] = compareExpectations(report, [{ from: 'foo/helloworld-foo', to: 'helloworld.foo.svc.cluster.local:80', outcome: 'ok' }]);
    expect([m.predicted, m.reason]).toEqual(['blackhole_reset', 'no egress listener on port 80; REGISTRY_ONLY → BlackHoleCluster']);
  });

  it('reports an expectation about a workload that does not exist', () => {
    const [m] = compareExpectations(report, [{ from: 'foo/nope', to: 'helloworld.foo.svc.cluster.local:80', outcome: 'ok' }]);
    expect(m.predicted).toBeNull();
  });

  it('accepts a plain result as well as a report', () => {
    const result = report.toResult();
    expect(
      compareExpectations(result, [{ from: 'default/helloworld-default', to: 'helloworld.default.svc.cluster.local:80', outcome: 'ok' }])[0]
        ?.predicted,
    ).toBe('block_all_502');
  });
});

describe('expectation files', () => {
  it('accepts a list of from/to/outcome', () => {
    expect(parseExpectations([{ from: 'a/b', to: 'c:80', outcome: 'ok' }], 'e.yaml')).toEqual([{ from: 'a/b', to: 'c:80', outcome: 'ok' }]);
  });

  it('rejects a document that is not a list', () => {
    expect(() => parseExpectations({ from: 'a' }, 'e.yaml')).toThrow('e.yaml: expected a YAML list of {from, to, outcome}');
  });

  it('rejects an unknown outcome naming the item', () => {
    expect(() => parseExpectations([{ from: 'a/b', to: 'c:80', outcome: '200' }], 'e.yaml')).toThrow('e.yaml: item 1: outcome "200"');
  });

  it('rejects an item without "to"', () => {
    expect(() => parseExpectations([{ from: 'a/b', outcome: 'ok' }], 'e.yaml')).toThrow('e.yaml: item 1: "to" must be a non-empty string');
  });
});
