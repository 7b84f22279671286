import { analyzeEgressReport, buildSyntheticManifests } from '../../src/egress';

describe('synthetic benchmark manifests', () => {
  const manifests = buildSyntheticManifests(1000);

  it('builds a Namespace, Service, Deployment and Sidecar per namespace', () => {
    const kinds = new Map<string, number>();
    for (const m of manifests) kinds.set(String(m.kind), (kinds.get(String(m.kind)) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ Namespace: 1000, Service: 1000, Deployment: 1000, Sidecar: 1000 });
  });

  it('gives each Service 4 ports and each Sidecar 3 listeners of 10 hosts', () => {
    const svc = manifests.find((m) => m.kind === 'Service') as { spec: { ports: unknown[] } };
    const sc = manifests.find((m) => m.kind === 'Sidecar') as { spec: { egress: { hosts: string[] }[] } };
    expect([svc.spec.ports.length, sc.spec.egress.map((e) => e.hosts.length)]).toEqual([4, [10, 10, 10]]);
  });

  it('analyses to 1,000 workloads and 4M probes without warnings', () => {
    const report = analyzeEgressReport(manifests);
    expect([report.workloads.length, report.probeCount, report.warnings]).toEqual([1000, 4_000_000, []]);
  });

  it('scales down for quick runs', () => {
    expect(buildSyntheticManifests(3)).toHaveLength(12);
  });

  it('adds ServiceEntry hosts only when asked, and each Sidecar imports some of them', () => {
    expect(buildSyntheticManifests(3).filter((m) => m.kind === 'ServiceEntry')).toHaveLength(0);
    const withExternal = buildSyntheticManifests(4, { externalHosts: 8 });
    expect(withExternal.filter((m) => m.kind === 'ServiceEntry')).toHaveLength(8);
    const report = analyzeEgressReport(withExternal, { meshMode: 'REGISTRY_ONLY' });
    const first = report.workloads[0];
    expect(first.clusters.filter((c) => c.fqdn.endsWith('.example.com') || c.fqdn.endsWith('.example.org')).map((c) => c.fqdn)).toEqual([
      '*.wild-2.example.org',
      '*.wild-6.example.org',
      'ext-0.example.com', // ext-4 is exported to its own namespace only
    ]);
  });
});
