import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../src/helm/run-helm';
import { runEgressCli, type CliIo } from '../../src/egress/run-cli';
import { SEED_CLUSTER_YAML as SEED_YAML } from './seed-manifests';

const FIXTURES = path.join(__dirname, 'fixtures');
const SEED_CHART = path.join(FIXTURES, 'seed-chart');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  rendered: { chart: string; values: string[] }[];
}

async function cli(argv: string[], overrides: Partial<CliIo> = {}): Promise<Run> {
  const run: Run = { code: -1, stdout: '', stderr: '', rendered: [] };
  run.code = await runEgressCli(argv, {
    stdout: (t) => void (run.stdout += t),
    stderr: (t) => void (run.stderr += t),
    readStdin: () => SEED_YAML,
    renderChart: (chart, values) => {
      run.rendered.push({ chart, values });
      return runHelm(['template', 'egress-check', chart, ...values.flatMap((v) => ['-f', v])]);
    },
    ...overrides,
  });
  return run;
}

let dir: string;
let seedFile: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-cli-'));
  seedFile = path.join(dir, 'seed.yaml');
  fs.writeFileSync(seedFile, SEED_YAML);
});

describe('egress CLI (in process)', () => {
  it('states external probes in the --json shape, to = host:port, with tls on HTTPS ports', async () => {
    const se = [
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: wiki, namespace: default}',
      'spec: {hosts: ["*.wikipedia.org"], ports: [{number: 443, name: https, protocol: HTTPS}]}',
    ].join('\n');
    const file = path.join(dir, 'wiki.yaml');
    fs.writeFileSync(file, se);
    const r = await cli(['--manifests', seedFile, '--manifests', file, '--external-probe', 'en.wikipedia.org:443', '--json']);
    const probe = JSON.parse(r.stdout).probes.find((p: { from: string; to: string }) => p.from === 'foo/helloworld-foo' && p.to === 'en.wikipedia.org:443');
    expect(probe).toMatchObject({ outcome: 'blackhole_reset', via: 'BlackHoleCluster', tls: true });
    expect(Object.keys(probe).sort()).toEqual(['cluster', 'from', 'outcome', 'reason', 'tls', 'to', 'via']);
  });

  it('probes a --probe URL, and needs --resolves for a name nothing in the input declares', async () => {
    const unresolved = await cli(['--manifests', seedFile, '--probe', 'https://api.example.com/v1', '--mesh-mode', 'REGISTRY_ONLY', '--json']);
    const of = (out: string) => JSON.parse(out).probes.find((p: { from: string; to: string }) => p.from === 'foo/helloworld-foo' && p.to === 'https://api.example.com:443/v1');
    expect(of(unresolved.stdout)).toMatchObject({ outcome: 'unknown', via: 'unknown (needs DNS)', tls: true });
    const resolved = await cli(['--manifests', seedFile, '--probe', 'https://api.example.com/v1', '--resolves', 'api.example.com', '--mesh-mode', 'REGISTRY_ONLY', '--json']);
    expect(of(resolved.stdout)).toMatchObject({ outcome: 'blackhole_reset', cluster: 'BlackHoleCluster', tls: true });
  });

  it('rejects a --probe that is not an http(s) URL (exit 2)', async () => {
    const r = await cli(['--manifests', seedFile, '--probe', 'ftp://example.com/']);
    expect([r.code, r.stderr]).toEqual([2, 'egress: probe "ftp://example.com/": only http:// and https:// URLs are probed\n']);
  });

  it('rejects an --external-probe that is not host:port (exit 2)', async () => {
    const r = await cli(['--manifests', seedFile, '--external-probe', 'wikipedia']);
    expect([r.code, r.stderr]).toEqual([2, 'egress: external probe "wikipedia" must be <host>:<port>, e.g. en.wikipedia.org:443\n']);
  });

  it('reads manifests from stdin with --manifests -', async () => {
    const r = await cli(['--manifests', '-', '--json']);
    expect(JSON.parse(r.stdout).probes).toHaveLength(8);
  });

  it('prints at most 10 warnings and then how many more', async () => {
    const file = path.join(dir, 'hooks.yaml');
    const hook = (i: number) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: t${i}, namespace: default, annotations: {helm.sh/hook: test}}\nspec: {containers: [{name: t, image: curl}]}\n`;
    fs.writeFileSync(file, SEED_YAML + Array.from({ length: 15 }, (_, i) => hook(i)).join(''));
    const r = await cli(['--manifests', file]);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('egress:'));
    expect([lines.filter((l) => l.includes('warning:')).length, lines[lines.length - 1]]).toEqual([10, expect.stringMatching(/\b5 more\b/)]);
  });

  it('prints a matrix and an istioctl table per workload by default', async () => {
    const r = await cli(['--manifests', seedFile, '--istio-version', '1.17']);
    expect([r.stdout.match(/^== /gm)?.length, r.stdout.match(/^ {2}SERVICE FQDN/gm)?.length]).toEqual([2, 2]);
  });

  it('states the closed-world assumption in the text output', async () => {
    const r = await cli(['--manifests', seedFile]);
    expect(r.stdout).toContain('Closed world: only the 2 Service(s) in the input exist');
  });

  it('applies --mesh-mode to workloads whose Sidecar sets no policy', async () => {
    const yaml = 'kind: Service\napiVersion: v1\nmetadata: {name: a}\nspec: {ports: [{name: http, port: 80}]}\n---\nkind: Pod\napiVersion: v1\nmetadata: {name: p}\nspec: {containers: [{name: c, image: curl}]}\n';
    const file = path.join(dir, 'mesh.yaml');
    fs.writeFileSync(file, yaml);
    const r = await cli(['--manifests', file, '--json', '--mesh-mode', 'REGISTRY_ONLY']);
    expect(JSON.parse(r.stdout).workloads[0].mode).toBe('REGISTRY_ONLY');
  });

  it('rejects an invalid --mesh-mode with exit 2', async () => {
    const r = await cli(['--manifests', seedFile, '--mesh-mode', 'DENY']);
    expect([r.code, r.stderr]).toEqual([2, 'egress: --mesh-mode must be ALLOW_ANY or REGISTRY_ONLY, not "DENY"\n']);
  });

  it('rejects an invalid --istio-version with exit 2', async () => {
    const r = await cli(['--manifests', seedFile, '--istio-version', 'latest']);
    expect(r.code).toBe(2);
  });

  it('rejects an unknown option with exit 2 and no stack trace', async () => {
    const r = await cli(['--manifests', seedFile, '--verbose']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/^egress: Unknown option '--verbose'[^\n]*\n$/)]);
  });

  it('reports a missing manifests file with exit 2', async () => {
    const r = await cli(['--manifests', path.join(dir, 'missing.yaml')]);
    expect([r.code, r.stderr]).toEqual([2, `egress: cannot read ${path.join(dir, 'missing.yaml')}: no such file\n`]);
  });

  it('asks for input when neither --manifests nor -f is given', async () => {
    const r = await cli([]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'egress: nothing to analyse: give --manifests or -f']);
  });

  it('rejects a second stdin input', async () => {
    const r = await cli(['--manifests', '-', '--manifests', '-']);
    expect(r.stderr).toBe('egress: --manifests - (stdin) can be given only once\n');
  });

  it('rejects a malformed expectations file with exit 2', async () => {
    const file = path.join(dir, 'expect-bad.yaml');
    fs.writeFileSync(file, '- from: a/b\n  to: c:80\n  outcome: maybe\n');
    const r = await cli(['--manifests', seedFile, '--expect', file]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('item 1: outcome "maybe" is not one of')]);
  });

  it('renders the chart with helm template egress-check and every -f file', async () => {
    const values = path.join(FIXTURES, 'allow-any.values.yaml');
    const r = await cli(['--chart', SEED_CHART, '-f', values, '--json']);
    expect([r.code, r.rendered, JSON.parse(r.stdout).workloads[0].mode]).toEqual([0, [{ chart: SEED_CHART, values: [values] }], 'ALLOW_ANY']);
  });

  it('checks the seed expectations against the rendered fixture chart', async () => {
    const r = await cli(['--chart', SEED_CHART, '--istio-version', '1.17', '--expect', path.join(__dirname, '../../values/egress-expect-seed.yaml')]);
    expect([r.code, r.stderr]).toEqual([0, 'egress: all 8 expectation(s) match\n']);
  });

  it('reports a missing chart directory in one line', async () => {
    const r = await cli(['--chart', path.join(dir, 'no-chart'), '-f', seedFile]);
    expect([r.code, r.stderr]).toEqual([2, `egress: chart not found: ${path.join(dir, 'no-chart')} (no Chart.yaml)\n`]);
  });

  it('reports a failing helm render with its first error line', async () => {
    const r = await cli(['--chart', SEED_CHART], {
      renderChart: async () => ({ code: 1, stdout: '', stderr: 'Error: values don\'t meet the specifications\nmore detail\n' }),
    });
    expect([r.code, r.stderr]).toEqual([2, `egress: helm template ${SEED_CHART} failed: Error: values don't meet the specifications\n`]);
  });

  it('warns once per kind it does not read, and makes the probes such objects could change unknown', async () => {
    const file = path.join(dir, 'authz.yaml');
    const policy = (name: string) => `---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ${name}, namespace: foo}\nspec: {action: DENY}\n`;
    fs.writeFileSync(file, `${SEED_YAML}${policy('a')}${policy('b')}`);
    const r = await cli(['--manifests', file, '--json']);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('egress: warning:'));
    expect(warnings).toEqual([expect.stringMatching(/^egress: warning: 2 AuthorizationPolicy\.security\.istio\.io object\(s\) not read/)]);
    const probes = JSON.parse(r.stdout).probes as { from: string; to: string; outcome: string; via: string }[];
    const of = (from: string, to: string) => probes.find((p) => p.from === from && p.to === to);
    expect(of('default/helloworld-default', 'helloworld.foo.svc.cluster.local:80')).toMatchObject({ outcome: 'unknown', via: 'unknown (needs AuthorizationPolicy)' });
    expect(of('default/helloworld-default', 'helloworld.default.svc.cluster.local:80')?.outcome).toBe('block_all_502');
    expect(of('default/helloworld-default', 'helloworld.foo.svc.cluster.local:8080')?.outcome).toBe('blackhole_reset');
  });
});
