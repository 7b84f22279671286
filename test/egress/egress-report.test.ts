import { analyzeEgressReport } from '../../src/egress';
import { seedManifests } from './seed-manifests';

const report = analyzeEgressReport(seedManifests(), { istioVersion: '1.17' });

describe('compact egress report', () => {
  it('looks a single probe up by workload and destination', () => {
    expect(report.probe('foo/helloworld-foo', 'helloworld.default.svc.cluster.local:8080')?.outcome).toBe('ok');
  });

  it('returns nothing for a destination that is not a Service port', () => {
    expect(report.probe('foo/helloworld-foo', 'helloworld.default.svc.cluster.local:9999')).toBeUndefined();
  });

  it('counts workloads × Service ports probes', () => {
    expect([report.probeCount, report.serviceCount]).toEqual([8, 2]);
  });

  it('lists the probes of one workload in Service and port order', () => {
    expect(report.probesFrom('default/helloworld-default').map((p) => p.to)).toEqual([
      'helloworld.foo.svc.cluster.local:8080',
      'helloworld.foo.svc.cluster.local:80',
      'helloworld.default.svc.cluster.local:8080',
      'helloworld.default.svc.cluster.local:80',
    ]);
  });

  it('streams exactly the JSON of the full result', () => {
    const chunks: string[] = [];
    report.writeJson((c) => chunks.push(c));
    expect(chunks.join('')).toBe(JSON.stringify(report.toResult()));
  });

  it('has no warnings for the seed', () => {
    expect(report.warnings).toEqual([]);
  });
});
