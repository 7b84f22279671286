/**
 * Invalid values are refused by both Helm versions, through values.schema.json
 * or the chart's uniqueness checks, with a message naming the values path, and
 * nothing is rendered. Helm 3 writes paths as `a.0.b`, Helm 4 as `/a/0/b`:
 * each case gives the path as segments and the test accepts either spelling.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../../src/helm/run-helm';

interface Case {
  /** What is wrong. */
  name: string;
  /** Values merged over the chart defaults (like `helm -f`). */
  values: Record<string, unknown>;
  /** The values path the message must name. */
  at: Array<string | number>;
  /** A word the message must also contain (the offending key or value). */
  mentions?: string;
  /** Helm 4's validator reports propertyNames errors at the document root, so only the key is named. */
  helm4NamesKeyOnly?: boolean;
}

const ns = (over: Record<string, unknown>) => ({ namespaces: [{ name: 'a', create: false, ...over }] });
const egress = (over: Record<string, unknown>) =>
  ns({ sidecar: { egress: [{ port: 80, protocol: 'HTTP', name: 'e', hosts: ['./*'], ...over }] } });
const port = (over: Record<string, unknown>) => ({ service: { ports: [{ name: 'http', port: 80, targetPort: 80, ...over }] } });

const entry = (over: Record<string, unknown>) => ({
  serviceEntries: [{ name: 'ext', namespace: 'a', hosts: ['api.example.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }], ...over }],
});

const cases: Case[] = [
  { name: 'a ServiceEntry with DNS resolution and a wildcard host', values: entry({ resolution: 'DNS', hosts: ['*.example.com'] }), at: ['serviceEntries', 0, 'hosts', 0] },
  { name: 'a ServiceEntry port without a protocol', values: entry({ ports: [{ number: 443, name: 'https' }] }), at: ['serviceEntries', 0, 'ports', 0], mentions: 'protocol' },
  { name: 'a STATIC ServiceEntry without addresses or endpoints', values: entry({ resolution: 'STATIC' }), at: ['serviceEntries', 0] },
  { name: 'a ServiceEntry host "*"', values: entry({ hosts: ['*'] }), at: ['serviceEntries', 0, 'hosts', 0] },
  { name: 'a ServiceEntry with a short host name', values: entry({ hosts: ['github'] }), at: ['serviceEntries', 0, 'hosts', 0] },
  { name: 'a Service port of 0', values: port({ port: 0 }), at: ['service', 'ports', 0, 'port'] },
  { name: 'a Service port of 65536', values: port({ port: 65536 }), at: ['service', 'ports', 0, 'port'] },
  { name: 'a Service port written as the string "80"', values: port({ port: '80' }), at: ['service', 'ports', 0, 'port'] },
  { name: 'a targetPort of 70000', values: port({ targetPort: 70000 }), at: ['service', 'ports', 0, 'targetPort'] },
  { name: 'an egress port of 70000', values: egress({ port: 70000 }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'port'] },
  { name: 'an egress port of 1.5', values: egress({ port: 1.5 }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'port'] },
  { name: 'negative replicas', values: { app: { replicas: -1 } }, at: ['app', 'replicas'] },
  { name: 'replicas as a string', values: { app: { replicas: '2' } }, at: ['app', 'replicas'] },
  { name: 'a containerPort of 0', values: { app: { containerPort: 0 } }, at: ['app', 'containerPort'] },
  { name: 'an upper-case namespace name', values: ns({ name: 'Foo' }), at: ['namespaces', 0, 'name'] },
  { name: 'a namespace name with an underscore', values: ns({ name: 'a_b' }), at: ['namespaces', 0, 'name'] },
  { name: 'a namespace name of 64 characters', values: ns({ name: 'a'.repeat(64) }), at: ['namespaces', 0, 'name'] },
  { name: 'a namespace name with a newline', values: ns({ name: 'a\nb' }), at: ['namespaces', 0, 'name'] },
  { name: 'a namespace name holding a template action', values: ns({ name: '{{ .Release.Name }}' }), at: ['namespaces', 0, 'name'] },
  { name: 'an empty namespace name', values: ns({ name: '' }), at: ['namespaces', 0, 'name'] },
  {
    name: 'a namespace listed twice',
    values: { namespaces: [{ name: 'a', create: false }, { name: 'a', create: true }] },
    at: ['namespaces', 1, 'name'],
    mentions: 'listed twice',
  },
  { name: 'an upper-case Service port name', values: port({ name: 'HTTP_A' }), at: ['service', 'ports', 0, 'name'] },
  { name: 'a Service port name starting with -', values: port({ name: '-a' }), at: ['service', 'ports', 0, 'name'] },
  {
    name: 'two Service ports with one number',
    values: { service: { ports: [{ name: 'a', port: 80, targetPort: 80 }, { name: 'b', port: 80, targetPort: 80 }] } },
    at: ['service', 'ports', 1, 'port'],
    mentions: 'listed twice',
  },
  { name: 'a host without a /', values: egress({ hosts: ['foo'] }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'hosts', 0] },
  { name: 'a host with a short name', values: egress({ hosts: ['foo/helloworld'] }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'hosts', 0] },
  { name: 'a host with an upper-case namespace', values: egress({ hosts: ['Foo/*'] }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'hosts', 0] },
  { name: 'an empty host list', values: egress({ hosts: [] }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'hosts'] },
  { name: 'an unknown egress protocol', values: egress({ protocol: 'UDP' }), at: ['namespaces', 0, 'sidecar', 'egress', 0, 'protocol'] },
  {
    name: 'an unknown outboundTrafficPolicy',
    values: ns({ sidecar: { outboundTrafficPolicy: 'DENY', egress: [] } }),
    at: ['namespaces', 0, 'sidecar', 'outboundTrafficPolicy'],
  },
  { name: 'an unknown pullPolicy', values: { app: { image: { pullPolicy: 'Sometimes' } } }, at: ['app', 'image', 'pullPolicy'] },
  { name: 'an unknown top-level key', values: { bogus: 1 }, at: [], mentions: 'bogus' },
  { name: 'an unknown key under app', values: { app: { colour: 'red' } }, at: ['app'], mentions: 'colour' },
  { name: 'an unknown key in an egress listener', values: egress({ bind: '0.0.0.0' }), at: ['namespaces', 0, 'sidecar', 'egress', 0], mentions: 'bind' },
  { name: 'an empty namespace list', values: { namespaces: [] }, at: ['namespaces'] },
  { name: 'a namespace without a name', values: { namespaces: [{ create: true }] }, at: ['namespaces', 0], mentions: 'name' },
  { name: 'create given as a string', values: ns({ create: 'yes' }), at: ['namespaces', 0, 'create'] },
  {
    name: 'an invalid label key',
    values: ns({ labels: { '-bad': 'x' } }),
    at: ['namespaces', 0, 'labels'],
    mentions: '-bad',
    helm4NamesKeyOnly: true,
  },
  { name: 'a label value with a space', values: ns({ labels: { team: 'a b' } }), at: ['namespaces', 0, 'labels', 'team'] },
  { name: 'an unknown Sidecar apiVersion', values: { istio: { sidecarApiVersion: 'networking.istio.io/v2' } }, at: ['istio', 'sidecarApiVersion'] },
  { name: 'an unknown appProtocol', values: port({ appProtocol: 'udp' }), at: ['service', 'ports', 0, 'appProtocol'] },
  { name: 'a resource quantity that is not one', values: { app: { resources: { requests: { cpu: 'lots' } } } }, at: ['app', 'resources', 'requests', 'cpu'] },
  { name: 'an image tag with a space', values: { app: { image: { tag: 'bad tag' } } }, at: ['app', 'image', 'tag'] },
  { name: 'no Service ports', values: { service: { ports: [] } }, at: ['service', 'ports'] },
  { name: 'namespaces given as a map', values: { namespaces: { a: {} } }, at: ['namespaces'] },
];

/** Matches the path as Helm 3 (`a.0.b`), Helm 4 (`/a/0/b`) or the chart's own checks (`a[0].b`) spell it. */
function pathPattern(at: Array<string | number>): RegExp {
  const parts = at.map((s, i) => {
    const text = String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (i === 0) return text;
    return typeof s === 'number' ? `[./[]${text}\\]?` : `[./]${text}`;
  });
  return new RegExp(`(^|[\\s'/(])${parts.join('')}`, 'm');
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejection-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('covers at least 25 kinds of invalid values', () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
});

describe.each([4, 3] as const)('helm %i', (major) => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('refuses %s, naming the path, and renders nothing', async (_name, c, i) => {
    const file = path.join(dir, `case-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(c.values));
    const r = await runHelm(['template', 'r', 'charts/helloworld-egress', '-f', file], major);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    if (c.at.length > 0 && !(major === 4 && c.helm4NamesKeyOnly)) expect(r.stderr).toMatch(pathPattern(c.at));
    if (c.mentions) expect(r.stderr).toContain(c.mentions);
  });
});
