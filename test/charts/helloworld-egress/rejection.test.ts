/**
 * Invalid values are refused by both Helm versions, through values.schema.json
 * or the chart's uniqueness checks, and nothing is rendered. Each case names the
 * values path and the problem; the test reads helm's report and requires, per
 * Helm version, that path in that version's spelling (Helm 4 `/a/0/b`, Helm 3
 * `a.0.b`, the chart's checks `a[0].b`) with that version's message.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../../src/helm/run-helm';

/** What Helm (or the chart's own checks) must say is wrong, in Helm 4's and Helm 3's words. */
interface Problem {
  helm4: RegExp;
  helm3: RegExp;
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const minimum = (got: number, want: number): Problem => ({
  helm4: new RegExp(`^minimum: got ${got}, want ${want}$`),
  helm3: new RegExp(`^Must be greater than or equal to ${want}$`),
});
const maximum = (got: string, want: number): Problem => ({
  helm4: new RegExp(`^maximum: got ${got}, want ${want.toLocaleString('en-US')}$`),
  helm3: new RegExp(`^Must be less than or equal to ${want}$`),
});
const type = (got: string, want: string): Problem => ({
  helm4: new RegExp(`^got ${got}, want ${want}$`),
  helm3: new RegExp(`^Invalid type. Expected: ${want}, given: ${got}$`),
});
const literal = (text: string) => new RegExp(`^${esc(text)}$`);
/** Helm 4 quotes the value and doubles the pattern's backslashes; Helm 3 names neither the value nor escapes. */
const pattern = (value: string, regex: string): Problem => ({
  helm4: literal(`'${JSON.stringify(value).slice(1, -1)}' does not match pattern '${regex.replace(/\\/g, '\\\\')}'`),
  helm3: literal(`Does not match pattern '${regex}'`),
});
const maxLength = (got: number, want: number): Problem => ({
  helm4: new RegExp(`^maxLength: got ${got}, want ${want}$`),
  helm3: new RegExp(`^String length must be less than or equal to ${want}$`),
});
const minItems: Problem = { helm4: /^minItems: got 0, want 1$/, helm3: /^Array must have at least 1 items$/ };
const oneOf = (...allowed: string[]): Problem => ({
  helm4: new RegExp(`^value must be one of ${esc(allowed.map((a) => `'${a}'`).join(', '))}$`),
  helm3: new RegExp(`must be one of the following: ${esc(allowed.map((a) => `"${a}"`).join(', '))}$`),
});
const additional = (key: string): Problem => ({
  helm4: new RegExp(`^additional properties '${esc(key)}' not allowed$`),
  helm3: new RegExp(`^Additional property ${esc(key)} is not allowed$`),
});
const required = (key: string): Problem => ({ helm4: new RegExp(`^missing property '${key}'$`), helm3: new RegExp(`^${key} is required$`) });
const badKey = (key: string): Problem => ({
  helm4: new RegExp(`^invalid propertyName '${esc(key)}'$`),
  helm3: new RegExp(`^Property name of "${esc(key)}" does not match$`),
});
/** The chart's own uniqueness check (validate.yaml), identical on both versions. */
const listedTwice = (value: string, list: string): Problem => {
  const re = new RegExp(`^"${esc(value)}" is listed twice; each .* in ${esc(list)} must be unique`);
  return { helm4: re, helm3: re };
};

const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const HOST =
  '^(\\*|\\.|~|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)/(\\*|(\\*|[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)+)$';
const PROTOCOLS = ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'MONGO'];

interface Case {
  /** What is wrong. */
  name: string;
  /** Values merged over the chart defaults (like `helm -f`). */
  values: Record<string, unknown>;
  /** The values path the message must name. */
  at: Array<string | number>;
  /** What the message must say about that path. */
  problem: Problem;
  /** Helm 4's validator reports propertyNames errors at the document root (path ''). */
  helm4AtRoot?: boolean;
  /** Reported by the chart's own checks (validate.yaml) rather than by the schema. */
  chartCheck?: boolean;
}

const ns = (over: Record<string, unknown>) => ({ namespaces: [{ name: 'a', create: false, ...over }] });
const egress = (over: Record<string, unknown>) =>
  ns({ sidecar: { egress: [{ port: 80, protocol: 'HTTP', name: 'e', hosts: ['./*'], ...over }] } });
const port = (over: Record<string, unknown>) => ({ service: { ports: [{ name: 'http', port: 80, targetPort: 80, ...over }] } });

const NS0 = ['namespaces', 0] as const;
const EGRESS0 = [...NS0, 'sidecar', 'egress', 0] as const;
const PORT0 = ['service', 'ports', 0] as const;
const QUANTITY = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|[KMGTPE]i|[mkMGTPE])?$';
const LABEL_KEY = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){0,}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
const LABEL_VALUE = '^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$';

const EXTERNAL_HOST =
  '^(\\*|[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)+$';
const entry = (over: Record<string, unknown>) => ({
  serviceEntries: [{ name: 'ext', namespace: 'a', hosts: ['api.example.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }], ...over }],
});
const HOST0 = ['serviceEntries', 0, 'hosts', 0] as const;

const cases: Case[] = [
  { name: 'a ServiceEntry with DNS resolution and a wildcard host', values: entry({ resolution: 'DNS', hosts: ['*.example.com'] }), at: [...HOST0], problem: pattern('*.example.com', '^[^*]') },
  { name: 'a ServiceEntry port without a protocol', values: entry({ ports: [{ number: 443, name: 'https' }] }), at: ['serviceEntries', 0, 'ports', 0], problem: required('protocol') },
  { name: 'a ServiceEntry with a short host name', values: entry({ hosts: ['github'] }), at: [...HOST0], problem: pattern('github', EXTERNAL_HOST) },
  { name: 'a ServiceEntry host "*"', values: entry({ hosts: ['*'] }), at: [...HOST0], problem: pattern('*', EXTERNAL_HOST) },
  { name: 'a Service port of 0', values: port({ port: 0 }), at: [...PORT0, 'port'], problem: minimum(0, 1) },
  { name: 'a Service port of 65536', values: port({ port: 65536 }), at: [...PORT0, 'port'], problem: maximum('65,536', 65535) },
  { name: 'a Service port written as the string "80"', values: port({ port: '80' }), at: [...PORT0, 'port'], problem: type('string', 'integer') },
  { name: 'a targetPort of 70000', values: port({ targetPort: 70000 }), at: [...PORT0, 'targetPort'], problem: maximum('70,000', 65535) },
  { name: 'an egress port of 70000', values: egress({ port: 70000 }), at: [...EGRESS0, 'port'], problem: maximum('70,000', 65535) },
  { name: 'an egress port of 1.5', values: egress({ port: 1.5 }), at: [...EGRESS0, 'port'], problem: type('number', 'integer') },
  { name: 'negative replicas', values: { app: { replicas: -1 } }, at: ['app', 'replicas'], problem: minimum(-1, 0) },
  { name: 'replicas as a string', values: { app: { replicas: '2' } }, at: ['app', 'replicas'], problem: type('string', 'integer') },
  { name: 'a containerPort of 0', values: { app: { containerPort: 0 } }, at: ['app', 'containerPort'], problem: minimum(0, 1) },
  { name: 'an upper-case namespace name', values: ns({ name: 'Foo' }), at: [...NS0, 'name'], problem: pattern('Foo', DNS_LABEL) },
  { name: 'a namespace name with an underscore', values: ns({ name: 'a_b' }), at: [...NS0, 'name'], problem: pattern('a_b', DNS_LABEL) },
  { name: 'a namespace name of 64 characters', values: ns({ name: 'a'.repeat(64) }), at: [...NS0, 'name'], problem: maxLength(64, 63) },
  { name: 'a namespace name with a newline', values: ns({ name: 'a\nb' }), at: [...NS0, 'name'], problem: pattern('a\nb', DNS_LABEL) },
  {
    name: 'a namespace name holding a template action',
    values: ns({ name: '{{ .Release.Name }}' }),
    at: [...NS0, 'name'],
    problem: pattern('{{ .Release.Name }}', DNS_LABEL),
  },
  { name: 'an empty namespace name', values: ns({ name: '' }), at: [...NS0, 'name'], problem: pattern('', DNS_LABEL) },
  {
    name: 'a namespace listed twice',
    values: { namespaces: [{ name: 'a', create: false }, { name: 'a', create: true }] },
    at: ['namespaces', 1, 'name'],
    problem: listedTwice('a', 'namespaces'),
    chartCheck: true,
  },
  {
    name: 'a ServiceEntry declared twice in one namespace',
    values: { serviceEntries: [entry({}).serviceEntries[0], { ...entry({}).serviceEntries[0], hosts: ['b.example.com'] }] },
    at: ['serviceEntries', 1, 'name'],
    problem: listedTwice('a/ext', 'serviceEntries'),
    chartCheck: true,
  },
  { name: 'an upper-case Service port name', values: port({ name: 'HTTP_A' }), at: [...PORT0, 'name'], problem: pattern('HTTP_A', DNS_LABEL) },
  { name: 'a Service port name starting with -', values: port({ name: '-a' }), at: [...PORT0, 'name'], problem: pattern('-a', DNS_LABEL) },
  {
    name: 'two Service ports with one number',
    values: { service: { ports: [{ name: 'a', port: 80, targetPort: 80 }, { name: 'b', port: 80, targetPort: 80 }] } },
    at: ['service', 'ports', 1, 'port'],
    problem: listedTwice('80', 'service.ports'),
    chartCheck: true,
  },
  { name: 'a host without a /', values: egress({ hosts: ['foo'] }), at: [...EGRESS0, 'hosts', 0], problem: pattern('foo', HOST) },
  { name: 'a host with a short name', values: egress({ hosts: ['foo/helloworld'] }), at: [...EGRESS0, 'hosts', 0], problem: pattern('foo/helloworld', HOST) },
  { name: 'a host with an upper-case namespace', values: egress({ hosts: ['Foo/*'] }), at: [...EGRESS0, 'hosts', 0], problem: pattern('Foo/*', HOST) },
  { name: 'an empty host list', values: egress({ hosts: [] }), at: [...EGRESS0, 'hosts'], problem: minItems },
  { name: 'an unknown egress protocol', values: egress({ protocol: 'UDP' }), at: [...EGRESS0, 'protocol'], problem: oneOf(...PROTOCOLS) },
  {
    name: 'an unknown outboundTrafficPolicy',
    values: ns({ sidecar: { outboundTrafficPolicy: 'DENY', egress: [] } }),
    at: [...NS0, 'sidecar', 'outboundTrafficPolicy'],
    problem: oneOf('REGISTRY_ONLY', 'ALLOW_ANY'),
  },
  {
    name: 'an unknown pullPolicy',
    values: { app: { image: { pullPolicy: 'Sometimes' } } },
    at: ['app', 'image', 'pullPolicy'],
    problem: oneOf('Always', 'IfNotPresent', 'Never'),
  },
  { name: 'an unknown top-level key', values: { bogus: 1 }, at: [], problem: additional('bogus') },
  { name: 'an unknown key under app', values: { app: { colour: 'red' } }, at: ['app'], problem: additional('colour') },
  { name: 'an unknown key in an egress listener', values: egress({ bind: '0.0.0.0' }), at: [...EGRESS0], problem: additional('bind') },
  { name: 'an empty namespace list', values: { namespaces: [] }, at: ['namespaces'], problem: minItems },
  { name: 'a namespace without a name', values: { namespaces: [{ create: true }] }, at: [...NS0], problem: required('name') },
  { name: 'create given as a string', values: ns({ create: 'yes' }), at: [...NS0, 'create'], problem: type('string', 'boolean') },
  { name: 'an invalid label key', values: ns({ labels: { '-bad': 'x' } }), at: [...NS0, 'labels'], problem: badKey('-bad'), helm4AtRoot: true },
  { name: 'an invalid label key, by its pattern', values: ns({ labels: { '-bad': 'x' } }), at: [...NS0, 'labels'], problem: pattern('-bad', LABEL_KEY), helm4AtRoot: true },
  { name: 'a label value with a space', values: ns({ labels: { team: 'a b' } }), at: [...NS0, 'labels', 'team'], problem: pattern('a b', LABEL_VALUE) },
  {
    name: 'an unknown Sidecar apiVersion',
    values: { istio: { sidecarApiVersion: 'networking.istio.io/v2' } },
    at: ['istio', 'sidecarApiVersion'],
    problem: oneOf('networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1', 'networking.istio.io/v1'),
  },
  {
    name: 'an unknown appProtocol',
    values: port({ appProtocol: 'udp' }),
    at: [...PORT0, 'appProtocol'],
    problem: oneOf('http', 'http2', 'https', 'grpc', 'tcp', 'tls', 'mongo'),
  },
  {
    name: 'a resource quantity that is not one',
    values: { app: { resources: { requests: { cpu: 'lots' } } } },
    at: ['app', 'resources', 'requests', 'cpu'],
    problem: pattern('lots', QUANTITY),
  },
  { name: 'an image tag with a space', values: { app: { image: { tag: 'bad tag' } } }, at: ['app', 'image', 'tag'], problem: pattern('bad tag', '^([\\w][\\w.-]{0,127})?$') },
  { name: 'no Service ports', values: { service: { ports: [] } }, at: ['service', 'ports'], problem: minItems },
  { name: 'namespaces given as a map', values: { namespaces: { a: {} } }, at: ['namespaces'], problem: type('object', 'array') },
];

/** One reported problem: the values path as the reporter spells it, and what it says. */
interface Reported {
  path: string;
  message: string;
}

/**
 * The problems in helm's stderr: Helm 4 schema lines `- at '/a/0/b': …`, Helm 3 schema
 * lines `- a.0.b: …` (`(root)` for the top), the chart's checks `… at a[0].b: …`.
 */
function reportedProblems(stderr: string): Reported[] {
  const out: Reported[] = [];
  for (const line of stderr.split('\n')) {
    const helm4 = /^\s*- at '([^']*)': (.*)$/.exec(line);
    const helm3 = /^- (\(root\)|[^\s:]+): (.*)$/.exec(line);
    const check = /^Error: execution error at \([^)]*\): at (\S+): (.*)$/.exec(line);
    const m = helm4 ?? helm3 ?? check;
    if (m) out.push({ path: m[1], message: m[2] });
  }
  return out;
}

/** The path as the reporter of the case spells it on this Helm version. */
function spelledPath(c: Case, major: 3 | 4): string {
  if (c.chartCheck) return c.at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  if (major === 4) return c.helm4AtRoot ? '' : c.at.map((s) => `/${s}`).join('');
  return c.at.length === 0 ? '(root)' : c.at.join('.');
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejection-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each([4, 3] as const)('helm %i', (major) => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('refuses %s, naming the path and the problem, and renders nothing', async (_name, c, i) => {
    const file = path.join(dir, `case-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(c.values));
    const r = await runHelm(['template', 'r', 'charts/helloworld-egress', '-f', file], major);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(reportedProblems(r.stderr)).toContainEqual({
      path: spelledPath(c, major),
      message: expect.stringMatching(major === 4 ? c.problem.helm4 : c.problem.helm3),
    });
  });
});
