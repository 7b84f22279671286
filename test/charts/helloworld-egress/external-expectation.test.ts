/**
 * What NOTES and the helm test pods say about external hosts (src/charts/helloworld-egress/
 * external-expectation.ts): hand-stated expectations, and NOTES against `npm run egress`'s
 * prediction (the CLI, in process) for values/external-hosts.yaml.
 */
import { runEgressCli, type Probe } from '../../../src/egress';
import { runHelm } from '../../../src/helm/run-helm';
import { loadChart, type RenderResult } from '../../../src/testing';
import { externalMix } from './external-mix-values';

const chart = loadChart('charts/helloworld-egress');
const FILE = 'values/external-hosts.yaml';

const args = (out: RenderResult, namespace: string) =>
  (out.document({ kind: 'Pod', namespace }).spec as { containers: Array<{ args: string[] }> }).containers[0].args;
const externalArgs = (out: RenderResult, namespace: string) => args(out, namespace).filter((a) => !a.includes('.svc.cluster.local:'));

/** NOTES' external block of one namespace: the listed hosts and the "any other" line. */
function notesExternal(notes: string, namespace: string): { reach: string[] | null; other: string | undefined } {
  const section = notes.split(`\n  from ${namespace}:`)[1]?.split('\n\n')[0];
  if (section === undefined) throw new Error(`NOTES lists no namespace ${namespace}`);
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l === '    external hosts it may reach (ServiceEntries it imports):');
  const reach = start < 0 ? null : lines.slice(start + 1).filter((l) => l.startsWith('      ')).map((l) => l.trim());
  return { reach, other: lines.find((l) => l.startsWith('    any other external host: '))?.slice('    any other external host: '.length) };
}

describe('helm test pods and external hosts (tests.externalHosts)', () => {
  let mix: RenderResult;
  beforeAll(async () => {
    mix = await chart.render({ set: externalMix });
  });

  it('are not checked by default: the seed’s pods keep their eight checks, external-hosts.yaml’s only in-mesh ones', async () => {
    const [seed, file] = await Promise.all([chart.render({}), chart.render({ values: [FILE] })]);
    expect(seed.select({ kind: 'Pod' }).flatMap((p) => (p.spec as { containers: Array<{ args: string[] }> }).containers[0].args)).toHaveLength(8);
    for (const ns of ['default', 'foo']) expect(externalArgs(file, ns)).toEqual([]);
  });

  it('check one allowed and one other host per namespace, with the outcome each path gives', () => {
    expect(externalArgs(mix, 'a')).toEqual(['https://api.github.com:443=tls-ok', 'httpbin.org:80=curl-exit-56']);
    expect(externalArgs(mix, 'b')).toEqual(['httpbin.org:80=http-200', 'https://api.github.com:443=curl-exit-35']);
    expect(externalArgs(mix, 'c')).toEqual(['httpbin.org:80=http-200', 'https://api.github.com:443=tls-ok']);
    expect(externalArgs(mix, 'd')).toEqual(['httpbin.org:80=http-200', 'example.org:80=http-502']);
  });

  it('fall back to example.com:443 when the namespace imports every declared host', async () => {
    const out = await chart.render({ values: [FILE], set: { 'tests.externalHosts': true } });
    expect(externalArgs(out, 'default')).toEqual(['httpbin.org:80=http-200', 'https://example.com:443=curl-exit-35']);
    expect(externalArgs(out, 'foo')).toEqual(['httpbin.org:80=http-200', 'https://api.github.com:443=curl-exit-35']);
  });

  it('are left out for a namespace that imports no external host', async () => {
    const out = await chart.render({ values: [FILE], set: { 'tests.externalHosts': true, 'namespaces[1].sidecar.egress[1].hosts': ['~/*'] } });
    expect(externalArgs(out, 'foo')).toEqual([]);
    expect(externalArgs(out, 'default')).toHaveLength(2);
  });

  it('render the same on Helm 3', async () => {
    const on3 = await chart.render({ set: externalMix, helm: 3 });
    for (const ns of ['a', 'b', 'c', 'd']) expect(args(on3, ns)).toEqual(args(mix, ns));
  });
});

describe('NOTES and external hosts', () => {
  it('lists per namespace the imported external hosts (wildcards too) and what happens to any other', async () => {
    const notes = await (await chart.render({ values: [FILE] })).notes;
    expect(notesExternal(notes, 'default')).toEqual({ reach: ['httpbin.org:80', 'api.github.com:443', '*.wikipedia.org:443'], other: 'blocked (REGISTRY_ONLY)' });
    expect(notesExternal(notes, 'foo')).toEqual({ reach: ['httpbin.org:80'], other: 'blocked (REGISTRY_ONLY)' });
  });

  it('says so under ALLOW_ANY, and "none" for a namespace importing no entry', async () => {
    const notes = await (await chart.render({ set: externalMix })).notes;
    expect(notesExternal(notes, 'c')).toEqual({ reach: ['httpbin.org:80'], other: 'passes through (ALLOW_ANY: PassthroughCluster)' });
    const none = await (await chart.render({ values: [FILE], set: { 'namespaces[1].sidecar.egress[1].hosts': ['~/*'] } })).notes;
    expect(notesExternal(none, 'foo')).toEqual({ reach: ['none'], other: 'blocked (REGISTRY_ONLY)' });
  });

  it('marks an entry whose outcome the model cannot tell as unknown, with what it needs', async () => {
    const notes = await (
      await chart.render({ values: [FILE], set: { 'serviceEntries[1].addresses': ['240.0.0.1'] } })
    ).notes;
    expect(notesExternal(notes, 'default').reach).toEqual(['httpbin.org:80', 'api.github.com:443  unknown (needs DNS proxying)', '*.wikipedia.org:443']);
  });

  it('says nothing about external hosts with the default values', async () => {
    const notes = await (await chart.render({})).notes;
    expect(notes).not.toMatchRaw(/external host/);
  });

  it('lists exactly the hosts npm run egress predicts as reachable from each namespace (values/external-hosts.yaml)', async () => {
    let json = '';
    const code = await runEgressCli(['-f', FILE, '--json', '--external-probe', 'helmts-wildcard-probe.wikipedia.org:443'], {
      stdout: (t) => void (json += t),
      stderr: () => undefined,
      readStdin: () => '',
      renderChart: (dir, values) => runHelm(['template', 'egress-check', dir, '--no-hooks', ...values.flatMap((v) => ['-f', v])]),
    });
    expect(code).toBe(0);
    const probes = (JSON.parse(json) as { probes: Probe[] }).probes;
    const notes = await (await chart.render({ values: [FILE] })).notes;
    for (const ns of ['default', 'foo']) {
      const predicted = probes
        .filter((p) => p.from === `${ns}/helloworld-${ns}` && !p.to.includes('.svc.cluster.local:') && p.outcome === 'ok')
        .map((p) => p.to.replace('helmts-wildcard-probe.', '*.'));
      expect({ ns, reach: notesExternal(notes, ns).reach }).toEqual({ ns, reach: predicted });
      expect(predicted.length).toBeGreaterThan(0);
    }
  });
});
