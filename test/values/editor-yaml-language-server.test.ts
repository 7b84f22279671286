/**
 * What an editor shows while editing a values file: the real
 * yaml-language-server, driven over LSP, reading `charts/helloworld-egress/values.schema.json`
 * through the file's `# yaml-language-server: $schema=…` modeline.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { YamlLanguageClient, type Diagnostic } from './yaml-language-client';

const CHART = path.join(__dirname, '..', '..', 'charts', 'helloworld-egress');
const SCHEMA = path.join(CHART, 'values.schema.json');
const MODELINE = `# yaml-language-server: $schema=${pathToFileURL(SCHEMA).href}`;

let client: YamlLanguageClient;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-lsp-'));
  client = await YamlLanguageClient.start(dir);
}, 20000);

afterAll(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 0-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`no line contains ${needle}`);
  return line;
}

/** Opens `text` as a values file named `name` in the temp dir and waits for a diagnostic on `line`. */
async function diagnosticsOnLine(name: string, text: string, line: number): Promise<Diagnostic[]> {
  const uri = await client.open(path.join(dir, name), text);
  const all = await client.diagnosticsOf(uri, (d) => d.some((x) => x.range.start.line === line));
  return all.filter((d) => d.range.start.line === line);
}

describe('yaml-language-server with the values schema', () => {
  it('reports a port written as "80" as an integer type error on its line', async () => {
    const text = `${MODELINE}\nservice:\n  ports:\n    - name: http\n      port: "80"\n      targetPort: 80\n`;
    const line = lineOf(text, 'port: "80"');
    const found = await diagnosticsOnLine('type-error.yaml', text, line);
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/Incorrect type\. Expected "integer"/)]);
    expect(found[0].range.start.character).toBe(text.split('\n')[line].indexOf('"80"'));
  }, 15000);

  it('reports an outboundTrafficPolicy outside its enum with the valid values', async () => {
    const text = `${MODELINE}\nnamespaces:\n  - name: default\n    create: false\n    sidecar:\n      outboundTrafficPolicy: REGISTRY\n      egress:\n        - {port: 80, protocol: HTTP, name: http, hosts: ["./*"]}\n`;
    const found = await diagnosticsOnLine('enum-error.yaml', text, lineOf(text, 'outboundTrafficPolicy: REGISTRY'));
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('"REGISTRY_ONLY", "ALLOW_ANY"')]);
  }, 15000);

  it('reports the short host foo/helloworld as a pattern error on its line', async () => {
    const text = `${MODELINE}\nnamespaces:\n  - name: default\n    create: false\n    sidecar:\n      egress:\n        - port: 80\n          protocol: HTTP\n          name: http\n          hosts:\n            - foo/helloworld\n`;
    const found = await diagnosticsOnLine('pattern-error.yaml', text, lineOf(text, '- foo/helloworld'));
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('does not match the pattern')]);
  }, 15000);

  it('reports an unknown key in a namespace on the key', async () => {
    const text = `${MODELINE}\nnamespaces:\n  - name: default\n    create: false\n    sidecars: {}\n`;
    const line = lineOf(text, 'sidecars:');
    const found = await diagnosticsOnLine('unknown-key.yaml', text, line);
    expect(found.map((d) => [d.message, d.range.start.character])).toEqual([['Property sidecars is not allowed.', 4]]);
  }, 15000);

  it('offers outboundTrafficPolicy and egress inside namespaces[0].sidecar', async () => {
    const text = `${MODELINE}\nnamespaces:\n  - name: default\n    create: false\n    sidecar:\n      \n`;
    const uri = await client.open(path.join(dir, 'complete-key.yaml'), text);
    const labels = await client.completionLabels(uri, { line: lineOf(text, 'sidecar:') + 1, character: 6 });
    expect(labels).toEqual(expect.arrayContaining(['outboundTrafficPolicy', 'egress']));
  }, 15000);

  it('offers REGISTRY_ONLY, ALLOW_ANY and null (the field is optional) as outboundTrafficPolicy values', async () => {
    const text = `${MODELINE}\nnamespaces:\n  - name: default\n    create: false\n    sidecar:\n      outboundTrafficPolicy: \n      egress: []\n`;
    const uri = await client.open(path.join(dir, 'complete-value.yaml'), text);
    const line = lineOf(text, 'outboundTrafficPolicy:');
    const labels = await client.completionLabels(uri, { line, character: text.split('\n')[line].length });
    // The field is optional, so null (Helm's unset) is a valid value too.
    expect([...labels].sort()).toEqual(['ALLOW_ANY', 'REGISTRY_ONLY', 'null']);
  }, 15000);

  it('shows the doc comment of EgressListener.hosts when hovering hosts', async () => {
    const text = `${MODELINE}\nnamespaces:\n  - name: default\n    create: false\n    sidecar:\n      egress:\n        - port: 80\n          protocol: HTTP\n          name: http\n          hosts: ["./*"]\n`;
    const uri = await client.open(path.join(dir, 'hover.yaml'), text);
    const line = lineOf(text, 'hosts:');
    const hover = await client.hoverText(uri, { line, character: text.split('\n')[line].indexOf('hosts') + 2 });
    expect(hover).toContain('Hosts reachable through this listener, as \\`<namespace>/<dnsName>\\`');
  }, 15000);
});

describe('yaml-language-server on a partial values file', () => {
  const example = fs.readFileSync(path.join(__dirname, '..', '..', 'values', 'allow-any.yaml'), 'utf8').split('\n').slice(1).join('\n');
  const withSchema = (file: string) =>
    `# yaml-language-server: $schema=${pathToFileURL(path.join(CHART, file)).href}\n${example}`;

  it('flags only a real mistake under the override schema the example files name in their modeline', async () => {
    // One deliberate unknown key proves the schema was applied; the keys the defaults provide are not flagged.
    const uri = await client.open(path.join(dir, 'partial-override.yaml'), `${withSchema('values.override.schema.json')}bogusKey: 1\n`);
    const found = await client.diagnosticsOf(uri);
    expect(found.map((d) => d.message)).toEqual(['Property bogusKey is not allowed.']);
  }, 15000);

  it('would report the keys the defaults provide as missing under the full schema', async () => {
    const uri = await client.open(path.join(dir, 'partial-full.yaml'), withSchema('values.schema.json'));
    const found = await client.diagnosticsOf(uri);
    expect(found.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Missing property "app"/)]));
  }, 15000);
});
