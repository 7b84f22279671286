/**
 * Rendered manifests are read as go-yaml reads them: NEL, LS and PS are line breaks there. Strings holding
 * them, printed by Helm's `toYaml` (raw, with continuation indentation), `quote` or `toJson` (escaped), are
 * read by the toolkit as go-yaml reads them. The oracle is go-yaml itself: the first render's output is
 * given to Helm again as a values file, and a second chart prints those values as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../src/helm/run-helm';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { parseManifests } from '../../src/testing/parse-manifests';

const values = { s: 'a\u0085b\u2028c\u2029d e', t: 'line one\u2028  line two', u: 'x\u2029' };
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'breaks-'));
  fs.mkdirSync(path.join(dir, 'templates'));
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: breaks\nversion: 0.1.0\n');
  fs.writeFileSync(
    path.join(dir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  quoted: {{ .Values.t | quote }}\n  json: {{ .Values.u | toJson }}\n  yaml:\n    {{- toYaml .Values | nindent 4 }}\n',
  );
  fs.mkdirSync(path.join(dir, 'echo', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'echo', 'Chart.yaml'), 'apiVersion: v2\nname: echo\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(dir, 'echo', 'templates', 'echo.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: echo\ndata:\n  json: {{ toJson .Values | quote }}\n');
  fs.writeFileSync(path.join(dir, 'values.json'), JSON.stringify(values).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading NEL, LS and PS in rendered manifests', () => {
  it.each([4, 3] as HelmMajor[])('keeps the characters of toYaml, quote and toJson output on Helm %s', async (helm) => {
    const r = await runHelm(['template', 'r', dir, '-f', path.join(dir, 'values.json')], helm);
    expect(r.stderr).toBe('');
    fs.writeFileSync(path.join(dir, `out-${helm}.yaml`), r.stdout);
    const echo = await runHelm(['template', 'r', path.join(dir, 'echo'), '-f', path.join(dir, `out-${helm}.yaml`)], helm);
    const goYaml = JSON.parse((parseManifests(echo.stdout)[0] as { data: { json: string } }).data.json) as { data: unknown };
    const [doc] = parseManifests(r.stdout) as Array<{ data: Record<string, unknown> }>;
    expect(doc.data).toEqual(goYaml.data);
    // The escaped forms keep every character; toYaml's raw NEL is a line break to go-yaml.
    expect(doc.data).toMatchObject({ quoted: values.t, json: values.u, yaml: { t: values.t, u: values.u } });
  });
});
