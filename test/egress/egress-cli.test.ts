/**
 * The CLI as users run it: a subprocess through tsx (`npm run egress` maps to the same).
 * All invocations start together in beforeAll to keep the suite fast.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEED_CLUSTER_YAML as SEED_YAML } from './seed-manifests';

const ROOT = path.join(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli/egress.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function egress(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(TSX, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-sub-'));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const seed = file('seed.yaml', SEED_YAML);
  const wrong = file(
    'wrong.yaml',
    '- from: default/helloworld-default\n  to: helloworld.default.svc.cluster.local:80\n  outcome: ok\n' +
      '- from: foo/helloworld-foo\n  to: helloworld.foo.svc.cluster.local:8080\n  outcome: ok\n',
  );
  const bad = file('bad.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n    namespace: b\n');
  const expectSeed = path.join(ROOT, 'values/egress-expect-seed.yaml');
  const [json, fail, badYaml, seedChart] = await Promise.all([
    egress(['--manifests', '-', '--json', '--istio-version', '1.17', '--expect', expectSeed], SEED_YAML),
    egress(['--manifests', seed, '--expect', wrong]),
    egress(['--manifests', bad]),
    npmEgress(['-f', 'values/seed.yaml']),
  ]);
  Object.assign(runs, { json, fail, badYaml, seedChart });
}, 60_000);

/** `npm run egress -- <args>` from the repository root, as the README tells users. */
function npmEgress(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'egress', '--', ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** `{ from, to, outcome }` of every probe row of the text output. */
function probeRows(text: string): Array<{ from: string; to: string; outcome: string }> {
  const rows: Array<{ from: string; to: string; outcome: string }> = [];
  let from = '';
  for (const line of text.split('\n')) {
    const header = /^== (\S+)/.exec(line);
    if (header) from = header[1];
    const [to, outcome] = line.trim().split(/\s+/);
    if (/\.svc\.cluster\.local:\d+$/.test(to ?? '')) rows.push({ from, to, outcome });
  }
  return rows;
}

describe('egress CLI (subprocess)', () => {
  it('prints exactly the documented JSON shape with --json', () => {
    const out = JSON.parse(runs.json.stdout);
    expect([
      Object.keys(out),
      Object.keys(out.workloads[0]),
      Object.keys(out.workloads[0].clusters[0]),
      Object.keys(out.probes[0]),
    ]).toEqual([
      ['workloads', 'probes'],
      ['workload', 'sidecar', 'mode', 'proxy', 'proxyReason', 'clusters'],
      ['fqdn', 'port', 'direction', 'type'],
      ['from', 'to', 'outcome', 'via', 'reason', 'cluster'],
    ]);
  });

  it('exits 0 when every expectation matches', () => {
    expect([runs.json.code, runs.json.stderr.split('\n').filter((l) => l.includes('expectation'))]).toEqual([
      0,
      ['egress: all 8 expectation(s) match'],
    ]);
  });

  it('exits 1 when an expectation differs', () => {
    expect(runs.fail.code).toBe(1);
  });

  it('prints each mismatch with the workload, the target, the expected and the predicted outcome', () => {
    const mismatches = runs.fail.stderr.split('\n').filter((l) => l.startsWith('MISMATCH'));
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatch(/default\/helloworld-default\b.*helloworld\.default\.svc\.cluster\.local:80\b/);
    expect(mismatches[0]).toMatch(/expected ok\b.*predicted block_all_502\b/);
  });

  it('predicts the seed’s eight outcomes from npm run egress -- -f values/seed.yaml on the default chart', () => {
    expect(runs.seedChart.code).toBe(0);
    expect(probeRows(runs.seedChart.stdout)).toEqual(
      expect.arrayContaining([
        { from: 'default/helloworld-default', to: 'helloworld.default.svc.cluster.local:8080', outcome: 'blackhole_reset' },
        { from: 'default/helloworld-default', to: 'helloworld.default.svc.cluster.local:80', outcome: 'block_all_502' },
        { from: 'default/helloworld-default', to: 'helloworld.foo.svc.cluster.local:8080', outcome: 'blackhole_reset' },
        { from: 'default/helloworld-default', to: 'helloworld.foo.svc.cluster.local:80', outcome: 'ok' },
        { from: 'foo/helloworld-foo', to: 'helloworld.default.svc.cluster.local:8080', outcome: 'ok' },
        { from: 'foo/helloworld-foo', to: 'helloworld.default.svc.cluster.local:80', outcome: 'blackhole_reset' },
        { from: 'foo/helloworld-foo', to: 'helloworld.foo.svc.cluster.local:8080', outcome: 'ok' },
        { from: 'foo/helloworld-foo', to: 'helloworld.foo.svc.cluster.local:80', outcome: 'blackhole_reset' },
      ]),
    );
    expect(probeRows(runs.seedChart.stdout)).toHaveLength(8);
  });

  it('leaves the chart’s helm test pods out of the analysis (they are hooks, not workloads)', () => {
    expect([...runs.seedChart.stdout.matchAll(/^== (\S+)/gm)].map((m) => m[1])).toEqual(['default/helloworld-default', 'foo/helloworld-foo']);
  });

  it('reports bad YAML in one line with file:line:col and exit 2', () => {
    expect([runs.badYaml.code, runs.badYaml.stderr]).toEqual([
      2,
      expect.stringMatching(/^egress: \/.*bad\.yaml:4:9: invalid YAML: Nested mappings are not allowed in compact mappings\n$/),
    ]);
  });
});
