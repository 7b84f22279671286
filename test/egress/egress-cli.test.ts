/**
 * The CLI as users run it: a subprocess through tsx (`npm run egress` maps to the same).
 * All invocations start together in beforeAll to keep the suite fast.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEED_YAML } from './seed-manifests';

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
  const [json, fail, badYaml] = await Promise.all([
    egress(['--manifests', '-', '--json', '--istio-version', '1.17', '--expect', expectSeed], SEED_YAML),
    egress(['--manifests', seed, '--expect', wrong]),
    egress(['--manifests', bad]),
  ]);
  Object.assign(runs, { json, fail, badYaml });
}, 60_000);

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
      ['workload', 'sidecar', 'mode', 'clusters'],
      ['fqdn', 'port', 'direction', 'type'],
      ['from', 'to', 'outcome', 'via', 'reason'],
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

  it('prints each mismatch with the predicted outcome and why', () => {
    expect(runs.fail.stderr.split('\n').filter((l) => l.startsWith('MISMATCH'))).toEqual([
      'MISMATCH default/helloworld-default → helloworld.default.svc.cluster.local:80: expected ok, predicted block_all_502 ' +
        '(HTTP listener 0.0.0.0:80 has no virtual host for helloworld.default.svc.cluster.local (not imported on this port); REGISTRY_ONLY → block_all 502)',
    ]);
  });

  it('reports bad YAML in one line with file:line:col and exit 2', () => {
    expect([runs.badYaml.code, runs.badYaml.stderr]).toEqual([
      2,
      expect.stringMatching(/^egress: \/.*bad\.yaml:4:9: invalid YAML: Nested mappings are not allowed in compact mappings\n$/),
    ]);
  });
});
