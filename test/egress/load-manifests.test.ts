import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, parseManifestYaml, parseYamlDocument, readInput } from '../../src/egress/load-manifests';
import { SEED_YAML } from './seed-manifests';

describe('reading manifests', () => {
  it('reads every document of a multi-document stream', () => {
    expect(parseManifestYaml(SEED_YAML, 'seed.yaml').map((m) => m.kind)).toEqual([
      'Namespace',
      'Service',
      'Service',
      'Deployment',
      'Deployment',
      'Sidecar',
      'Sidecar',
    ]);
  });

  it('skips empty documents such as a trailing ---', () => {
    const warnings: string[] = [];
    expect(parseManifestYaml('---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n---\n', 'x.yaml', (w) => warnings.push(w))).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('expands a kind: List as kubectl get -o yaml prints it', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: a}}\n  - {apiVersion: v1, kind: Pod, metadata: {name: b}}\n';
    expect(parseManifestYaml(list, 'l.yaml').map((m) => m.kind)).toEqual(['Service', 'Pod']);
  });

  it('skips, with a warning naming the document, what is not a Kubernetes object: a YAML list, a scalar, a mapping without kind or metadata.name', () => {
    const warnings: string[] = [];
    const text = '- {apiVersion: v1, kind: Service, metadata: {name: a}}\n---\nhello\n---\napiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]}\n---\nmetadata: {name: b}\n';
    expect(parseManifestYaml(text, 'm.yaml', (w) => warnings.push(w))).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/^m\.yaml: document 1 is a YAML list, not a Kubernetes object; skipped/),
      expect.stringMatching(/^m\.yaml: document 2 is a string \("hello"\), not a Kubernetes object; skipped/),
      'm.yaml: document 3 (a Service) has no metadata.name, so it is not a Kubernetes object; skipped',
      'm.yaml: document 4 (a mapping) has no apiVersion, kind, so it is not a Kubernetes object; skipped',
    ]);
  });

  it('reports bad YAML with file, line and column', () => {
    expect(() => parseManifestYaml('a: 1\n---\nb: [1, 2\nc: d: e\n', 'bad.yaml')).toThrow(/^bad\.yaml:4:1: invalid YAML: /);
  });

  it('reports bad YAML as a one-line input error', () => {
    let error: unknown;
    try {
      parseManifestYaml('key: "unterminated\n', 'q.yaml');
    } catch (e) {
      error = e;
    }
    expect([error instanceof InputError, (error as Error).message.includes('\n')]).toEqual([true, false]);
  });

  it('reports a bad single YAML document with line and column', () => {
    expect(() => parseYamlDocument('- a\n b: [\n', 'e.yaml')).toThrow(/^e\.yaml:\d+:\d+: invalid YAML/);
  });

  it('reports a missing file in one line', () => {
    expect(() => readInput('/does/not/exist.yaml')).toThrow('cannot read /does/not/exist.yaml: no such file');
  });

  it('reads - from stdin', () => {
    expect(readInput('-', () => 'from stdin')).toBe('from stdin');
  });

  it('reads a file from disk', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'egress-')), 'm.yaml');
    fs.writeFileSync(file, 'kind: Service\n');
    expect(readInput(file)).toBe('kind: Service\n');
  });
});
