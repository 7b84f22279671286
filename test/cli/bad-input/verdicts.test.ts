/**
 * Bad-input suite, class "verdicts": helmts answers as the tools it stands for.
 *
 * - Values files: each text is given to real Helm 4 and Helm 3 (`helm template`
 *   of a probe chart that prints `.Values` as JSON) and to `helmts validate`'s
 *   reader. helmts must refuse exactly what Helm 4 refuses, read exactly the
 *   values Helm 4 reads, and warn exactly when Helm 3 reads other values
 *   (multiple documents, merge keys in both orders, aliases, alias bombs on
 *   both sides of go-yaml's threshold, separators with text, directives).
 * - Sidecar hosts: `npm run egress` refuses a Sidecar Istio's validation
 *   refuses (with the Sidecar, the field and Istio's reason) and accepts the
 *   hosts Istio accepts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEgressCli } from '../../../src/egress/run-cli';
import { runHelm } from '../../../src/helm/run-helm';
import { chartVersionProblem } from '../../../src/generator/chart-outputs';
import { parseValuesFile } from '../../../src/values/values-file';
import { runMain } from '../run-main';
import { linkHelmtsShim } from '../temp-project';
import { changedPaths, runCliCase, treeSnapshot } from './harness';

let probe: string;
beforeAll(() => {
  probe = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-probe-'));
  fs.mkdirSync(path.join(probe, 'chart', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(probe, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: probe\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(probe, 'chart', 'values.yaml'), '{}\n');
  fs.writeFileSync(path.join(probe, 'chart', 'templates', 'values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: probe}\ndata:\n  values: {{ toJson .Values | quote }}\n');
});
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

/** JSON with sorted keys, so that two readings compare whatever the key order. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

async function helmReads(file: string, major: 3 | 4): Promise<string | 'refused'> {
  const r = await runHelm(['template', 'r', path.join(probe, 'chart'), '-f', file], major);
  if (r.code !== 0) return 'refused';
  const line = r.stdout.split('\n').find((l) => l.startsWith('  values: '))!;
  return canon(JSON.parse(JSON.parse(line.slice('  values: '.length)) as string));
}

const bomb = (aliases: number) => `a: &a [${Array(300).fill('1').join(',')}]\nb: [${Array(aliases).fill('*a').join(',')}]\n`;
const nested = ['x: &a [1,1,1,1,1,1,1,1,1,1]', 'y: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'z: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'w: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'v: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');

const VALUES: Array<[string, string | Buffer]> = [
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['two documents, maps merged key by key', 'a: {x: 1, y: 2}\n---\na: {x: 3}\n'],
  ['leading separators', '---\n---\nb: 2\n'],
  ['a comment before the first separator', '# values\n---\nb: 2\n'],
  ['a separator with a comment', 'a: 1\n--- # next\nb: 2\n'],
  ['a separator with text', 'a: 1\n--- b: 2\n'],
  ['a line of four dashes', 'a: 1\n----\nb: 2\n'],
  ['a trailing separator', 'a: 1\n---\n'],
  ['a null second document', 'a: 1\n---\nnull\n'],
  ['a list as second document', 'a: 1\n---\n- x\n'],
  ['a syntax error in the second document', 'a: 1\n---\nb: [1\n'],
  ['an anchor used across documents', 'a: &x 1\nb: *x\n---\nc: *x\n'],
  ['a %YAML directive', '%YAML 1.1\n---\na: 1\n'],
  ['a document end marker, then more', 'a: 1\n...\nb: 2\n'],
  ['a document end marker and a separator', 'a: 1\n...\n---\nb: 2\n'],
  ['a merge key before the keys it loses to', 'd: {<<: {x: 1}, x: 0}\n'],
  ['a merge key after the key it overrides', 'd: {x: 0, <<: {x: 1}}\n'],
  ['a merge of a list of maps (the first wins)', 'd:\n  <<: [{x: 1}, {x: 2, z: 3}]\n  y: 2\n'],
  ['two merge keys', 'd:\n  <<: {x: 1}\n  <<: {x: 2}\n'],
  ['a merge of an alias', 'base: &b {x: 1}\nd:\n  <<: *b\n  k: 2\n'],
  ['a merge of a number', 'd:\n  <<: 1\n'],
  ['a merge of a list with a number', 'd:\n  <<: [1]\n'],
  ['a merge of null', 'd:\n  <<: null\n'],
  ['a quoted merge key (a plain key)', "d:\n  '<<': 1\n"],
  ['an alias of a list', 'a: &a [1, 2]\nb: *a\n'],
  ['an unknown anchor', 'a: x\nb: *nope\n'],
  ['an alias that contains itself', 'a: &a [*a]\n'],
  ['a list as a key', '{[1]: x}\n'],
  ['a duplicate key (the last wins)', 'a: 1\na: 2\n'],
  ['YAML 1.1 scalars', 'y: yes\nport: 0120\nname: e80\nwhen: 12:30\n'],
  ['a nested alias bomb', `${nested}\n`],
  ['149 aliases of a 300-item list (under go-yaml’s limit)', bomb(149)],
  ['150 aliases of a 300-item list (over go-yaml’s limit)', bomb(150)],
  ['a byte-order mark', '\ufeffa: 1\n'],
  ['CRLF line ends and documents', 'a: 1\r\n---\r\nb: 2\r\n'],
  ['explicit tags that convert (!!int "7", !!float "1", !!bool "true", !!int 0x10)', 'a: !!int "7"\nb: !!float "1"\nc: !!bool "true"\nd: !!int 0x10\n'],
  ['an explicit !!int that is not one', 'a: !!int abc\n'],
  ['an explicit !!float that is not one', 'a: !!float abc\n'],
  ['an explicit !!bool that is not one', 'a: !!bool maybe\n'],
  ['an explicit !!null that is not one', 'a: !!null x\n'],
  ['a local tag (kept as text)', 'a: !foo bar\n'],
  ['!!binary', 'a: !!binary aGVsbG8=\n'],
  ['.inf', 'a: .inf\n'],
  ['.nan', 'a: .nan\n'],
  ['1e400 (out of float64 range: a string)', 'a: 1e400\n'],
  ['a top-level list', '- a\n'],
  ['a top-level string', "''\n"],
  ['an empty file', ''],
  // Bytes and characters, before any YAML (src/values/yaml-bytes.ts).
  ['invalid UTF-8 in a quoted string', Buffer.from([...Buffer.from('a: "'), 0xff, 0xfe, ...Buffer.from('"\n')])],
  ['a truncated UTF-8 sequence in a comment', Buffer.from([...Buffer.from('a: 1 # '), 0xc3, ...Buffer.from('\n')])],
  ['an overlong UTF-8 form', Buffer.from([...Buffer.from('a: '), 0xc0, 0xaf, ...Buffer.from('\n')])],
  ['a UTF-8-encoded surrogate (CESU-8)', Buffer.from([...Buffer.from('a: '), 0xed, 0xa0, 0x80, ...Buffer.from('\n')])],
  ['a NUL byte', 'a: "x\u0000y"\n'],
  ['a C0 control character', 'b: 1\na: x\u0001y\n'],
  ['DEL', 'a: x\u007fy\n'],
  ['U+FFFE', 'a: x\ufffey\n'],
  ['a no-break space and an emoji', 'a: x\u00a0y\nb: 😀\n'],
  ['a byte-order mark inside the text', 'a: 1\n\ufeffb: 2\n'],
  ['CR-only line ends (old Mac)', 'replicas: 2\rimage: {tag: x}\r'],
  ['CR line ends in a quoted string and a block scalar', 'd:\r  a: "x\r   y"\rb: |\r  one\r  two\r'],
  ['mixed CRLF and CR line ends', 'a: 1\r\nb: 2\rc: 3\n'],
  ['UTF-16 big-endian with a byte-order mark', Buffer.from([0xfe, 0xff, ...Buffer.from('a: 1\n', 'utf16le').swap16()])],
  ['UTF-16 little-endian with a byte-order mark', Buffer.from([0xff, 0xfe, ...Buffer.from('a: 1\n', 'utf16le')])],
];

/**
 * Where helmts refuses a file that a Helm version reads (default-deny: no reading agrees with both): the case and why.
 * Every other case must agree with Helm 4 exactly.
 */
const REFUSED_ON_PURPOSE: Record<string, RegExp> = {
  // Helm 4.1.4 reads UTF-16BE, refuses UTF-16LE ("incomplete UTF-16 character"); Helm 3.17.2 reads both.
  'UTF-16 big-endian with a byte-order mark': /UTF-16.*save the file as UTF-8|UTF-16/,
};

describe('values files: helmts reads what Helm 4 reads, refuses what it refuses, warns where Helm 3 differs', () => {
  it.each(VALUES)('%s', async (_name, text) => {
    const file = path.join(probe, `${Math.random().toString(36).slice(2)}.yaml`);
    fs.writeFileSync(file, text);
    const [helm4, helm3] = await Promise.all([helmReads(file, 4), helmReads(file, 3)]);
    // The bytes, as `helmts validate` reads the file.
    const ours = parseValuesFile('v.yaml', typeof text === 'string' ? Buffer.from(text) : text);
    const refused = ours.textProblems.some((p) => p.severity === 'error');
    const helm3Warning = ours.textProblems.some((p) => p.severity === 'warning' && /Helm 3 reads only the first/.test(p.message));
    const onPurpose = REFUSED_ON_PURPOSE[_name];
    if (onPurpose) {
      expect({ refused, message: ours.textProblems[0]?.message }).toEqual({ refused: true, message: expect.stringMatching(onPurpose) });
      expect([helm4, helm3]).not.toEqual(['refused', 'refused']); // still a case where a Helm reads it: else drop it from the list
      return;
    }
    expect({ refused, values: refused ? 'refused' : canon(ours.values) }).toEqual({ refused: helm4 === 'refused', values: helm4 });
    if (!refused) expect({ helm3Warning, helm3Differs: helm3 !== helm4 }).toEqual({ helm3Warning: helm3 !== helm4, helm3Differs: helm3 !== helm4 });
    // Every refusal names a line.
    for (const p of ours.textProblems) expect(p.line).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

/** `npm run egress` in-process on one manifest file with a Sidecar of the given hosts; also checks nothing is written. */
async function egressOnHosts(hosts: unknown[], istioVersion?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-sidecar-'));
  const file = path.join(dir, 'm.yaml');
  fs.writeFileSync(
    file,
    [
      'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: foo}\nspec: {ports: [{port: 80, name: http}], selector: {app: api}}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: client, namespace: bar}\nspec: {selector: {matchLabels: {app: client}}, template: {metadata: {labels: {app: client}}, spec: {containers: [{name: c, image: curl}]}}}',
      `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: bar}\nspec:\n  egress:\n    - hosts: ${JSON.stringify(hosts)}`,
    ].join('\n---\n'),
  );
  const before = treeSnapshot(dir);
  let stdout = '';
  let stderr = '';
  try {
    const code = await runEgressCli(['--manifests', file, ...(istioVersion ? ['--istio-version', istioVersion] : [])], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: () => '',
      renderChart: () => Promise.reject(new Error('no chart here')),
    });
    expect(changedPaths(before, treeSnapshot(dir))).toEqual([]);
    return { code, stdout, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const REFUSED: Array<[string, unknown[], string, string?]> = [
  ['a/b/c (a slash in the host)', ['a/b/c'], 'short names (non FQDN) are not allowed'],
  ['a/b.c/d (a slash after the dot)', ['a/b.c/d'], 'domain name "c/d" invalid (label "c/d" invalid)'],
  ['*/ (an empty dnsName)', ['*/'], 'config namespace and dnsName in host entry cannot be empty'],
  ['/x.example.com (an empty namespace)', ['/x.example.com'], 'config namespace and dnsName in host entry cannot be empty'],
  ['"/" alone', ['/'], 'config namespace and dnsName in host entry cannot be empty'],
  ['* without a namespace', ['*'], 'host must be of form namespace/dnsName'],
  ['foo/api (a short name)', ['foo/api'], 'short names (non FQDN) are not allowed'],
  ['foo/*a.com (a partial wildcard)', ['foo/*a.com'], 'partial wildcard "*a.com" not allowed'],
  ['foo/a.*.com (a wildcard in the middle)', ['foo/a.*.com'], 'domain name "*.com" invalid (label "*" invalid); partial wildcard "a.*.com" not allowed'],
  ['*/*-svc.example.com (a wildcard label prefix, which ValidatePartialWildCard forbids)', ['*/*-svc.example.com'], 'partial wildcard "*-svc.example.com" not allowed'],
  ['foo/api.123 (an all-numeric top-level domain)', ['foo/api.123'], 'top level domain "123" cannot be all-numeric'],
  ['foo_bar/x.com (an invalid namespace)', ['foo_bar/x.com'], 'invalid namespace value "foo_bar" in sidecar'],
  ['~foo/* before Istio 1.31', ['~foo/*'], 'invalid namespace value "~foo" in sidecar', '1.24'],
  ['a number as host', [80], 'a host must be a string, not 80'],
  ['no hosts at all', [], 'spec.egress[0] has no hosts (egress listener must contain at least one host)'],
];

const ACCEPTED: Array<[string, unknown[], string?]> = [
  ['the usual imports', ['./*', 'istio-system/*', '*/api.example.com', '~/*']],
  ['wildcard suffixes and a trailing dot', ['foo/*.svc.cluster.local', 'foo/api.foo.svc.cluster.local.']],
  ['an uppercase namespace (Istio checks a DNS label, case-insensitively)', ['Foo/x.example.com']],
  ['~foo/* from Istio 1.31 (an exclusion)', ['foo/*', '~foo/api.foo.svc.cluster.local'], '1.31'],
];

describe('Sidecar hosts: npm run egress refuses what Istio’s validation refuses', () => {
  // Rows padded to the function's arity: Jest passes a done callback in place of a missing last argument.
  it.each(REFUSED.map(([n, h, r, v]) => [n, h, r, v ?? ''] as const))('refuses %s', async (_name, hosts, reason, version) => {
    const r = await egressOnHosts(hosts, version || undefined);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("Istio's validation (ValidateSidecar) would refuse")]);
    expect(r.stderr).toContain('Sidecar bar/default: spec.egress[0]');
    expect(r.stderr).toContain(reason);
  });

  it.each(ACCEPTED.map(([n, h, v]) => [n, h, v ?? ''] as const))('accepts %s', async (_name, hosts, version) => {
    const r = await egressOnHosts(hosts, version || undefined);
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining('ValidateSidecar')]);
    expect(r.stdout).toContain('bar/client');
  });
});

describe('chart names: helmts build refuses what helm or an OCI registry refuses', () => {
  it.each([
    ['a b', 'contains white space'],
    ['Bad_Name', 'has uppercase letters'],
  ])('refuses %j, which `helm push` or `helm create` would not take', async (name, reason) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-verdict-'));
    try {
      fs.writeFileSync(path.join(root, 'package.json'), '{}');
      fs.mkdirSync(path.join(root, 'src', 'charts', 'x'), { recursive: true });
      fs.writeFileSync(path.join(root, 'src', 'charts', 'x', 'chart.ts'), `export const chart = { name: ${JSON.stringify(name)}, templates: {}, values: {}, defaults: {} };\n`);
      const before = treeSnapshot(root);
      const r = await runMain(root, 'build');
      expect([r.code, r.stderr]).toEqual([1, expect.stringContaining(`src/charts/x/chart.ts: chart name ${JSON.stringify(name)} ${reason}`)]);
      expect(changedPaths(before, treeSnapshot(root))).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('chart versions: helmts build refuses exactly the versions helm refuses', () => {
  const VERSIONS = ['1.0', 'abc', '1.0.0-rc.1', 'v1.2.3', '01.2.3', '1.2.3.4', '1.0.0-01', '1.0.0-0', '1.0.0+build.01', '1.0.0-', '1', 'V1.0.0', '1.0.0-a..b', '1.0.0+'];
  it.each(VERSIONS)('%s', async (version) => {
    const chart = path.join(probe, `v-${Math.random().toString(36).slice(2)}`);
    fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), `apiVersion: v2\nname: c\nversion: ${JSON.stringify(version)}\n`);
    const helm = await runHelm(['template', 'r', chart], 4);
    const ours = chartVersionProblem(version);
    expect({ refused: ours !== undefined }).toEqual({ refused: helm.code !== 0 });
    if (ours) expect(ours).toContain(`version ${JSON.stringify(version)} is not a semantic version Helm accepts`);
  });
});

describe('helmts init lints the new chart as it says, and a helm that refuses undoes it', () => {
  it('init with a helm whose lint refuses exits 1, shows helm’s words and leaves nothing', async () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-fakehelm-'));
    const fake = path.join(bin, 'helm');
    fs.writeFileSync(fake, '#!/bin/sh\necho "[ERROR] templates/: refused by this helm" >&2\nexit 1\n', { mode: 0o755 });
    try {
      await runCliCase(
        {
          name: 'init web with HELM_BIN, HELM3_BIN and HELM4_BIN a refusing helm',
          setup: (root) => linkHelmtsShim(root),
          argv: ['init', 'web'],
          env: { HELM_BIN: fake, HELM3_BIN: fake, HELM4_BIN: fake },
          code: 1,
          messages: [`helmts init: helm lint --strict charts/web failed with ${fake} (exit 1):`, 'refused by this helm', 'helmts init: the new chart did not pass helm lint, so the scaffold was removed again'],
        },
        runMain,
      );
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  }, 90_000);
});
