/**
 * The matchers named after helm-unittest's asserts have exactly their meaning; the toolkit's own
 * variants have other names. Each difference is proved with a mutant of the fan-out fixture chart
 * that one form catches and the other lets pass.
 */
import * as path from 'node:path';
import { loadChart } from '../../src/testing';
import { failureOf } from './helpers';
import { mutantChart, removeMutants, type Edit } from './mutant-chart';

const FAN_OUT = path.join(__dirname, 'fixtures', 'charts', 'fan-out');
const render = (edits: Edit[] = [], options = {}) => loadChart(edits.length ? mutantChart(FAN_OUT, edits) : FAN_OUT).render(options);
afterAll(removeMutants);

describe('the helm-unittest matchers on the unmutated chart', () => {
  it('a whole render fans out over every manifest template, and every template here passes', async () => {
    const out = await render();
    expect(out.fanOutTemplates).toEqual(['templates/configmap.yaml', 'templates/deployment.yaml', 'templates/service.yaml', 'templates/widget.yaml']);
    expect(out).toHaveValue('metadata.labels.app', 'fan-out');
    expect(out).toHaveDocuments(1);
    expect(out).toHavePath('metadata.name');
    expect(out).not.toHavePath('metadata.namespace');
  });

  it('toHaveValue compares as reflect.DeepEqual, uniforms strings and takes asymmetric matchers', async () => {
    const out = await render();
    const web = out.document({ kind: 'Deployment' });
    expect(web).toHaveValue('spec.replicas', 2);
    expect(web).not.toHaveValue('spec.replicas', '2');
    expect(web).toHaveValue('spec.template.spec.containers[0].image', expect.stringMatching(/^nginx:/));
    expect(web).toHaveValue('spec.template.spec.containers[*].ports[?(@.name == "http")].containerPort', 80);
  });

  it('a failure names the template, the document, the path and helm-unittest’s expected and actual', async () => {
    const out = await render();
    const msg = failureOf(() => expect(out).toHaveValue('metadata.name', 'release-name-web'));
    expect(msg).toContain('helm-unittest `equal` {"path":"metadata.name","value":"release-name-web"}');
    expect(msg).toContain('Template: templates/configmap.yaml');
    expect(msg).toContain('Document: ConfigMap/release-name-config (templates/configmap.yaml)');
    expect(msg).toContain('Actual: "release-name-config"');
    expect(msg).not.toContain('Template: templates/service.yaml');
  });

  it('the other assert types judge as helm-unittest’s validators', async () => {
    const out = await render();
    const cm = out.template('templates/configmap.yaml');
    expect(cm).toContainDocument({ kind: 'ConfigMap', apiVersion: 'v1', name: 'release-name-config' });
    expect(cm).toBeKind('ConfigMap');
    expect(cm).toHaveApiVersion('v1');
    expect(cm).toBeNullOrEmptyAt('data.extra');
    expect(cm).toHaveTypeAt('data', 'map[string]interface {}');
    expect(cm).toMatchValueRegex('data.mode', '^(allow|deny)$');
    const svc = out.template('templates/service.yaml');
    expect(svc).toContainValue('spec.ports', { name: 'http', port: 80 });
    expect(svc).toContainValue('spec.ports', { name: 'http' }, { any: true });
    expect(svc).toHaveLengthAt('spec.ports', 1);
    expect(svc).toBeLessOrEqualAt('spec.ports[0].port', 80);
    expect(svc).not.toBeLessOrEqualAt('spec.ports[0].port', 79);
    expect(svc).toBeGreaterOrEqualAt('spec.ports[0].port', 80);
    expect(() => expect(svc).not.toBeGreaterOrEqualAt('spec.ports[0].port', 81)).toThrow(/notGreaterOrEqual passes whenever the types match/);
    expect(() => expect(svc).toHaveTypeAt('spec.ports', 'array' as never)).toThrow(/Go type names/);
    expect(await out.notes).toEqualRaw('release-name runs in mode allow.\n');
    await expect(out.notes).toMatchRaw('mode (allow|deny)');
  });

  it('.not negates as helm-unittest: a missing path and no documents pass', async () => {
    const out = await render();
    const cm = out.document({ kind: 'ConfigMap' });
    expect(cm).not.toHaveValue('data.nope', 'x');
    expect(cm).not.toContainSubset('data.nope', { a: 1 });
    expect([]).not.toHaveValue('metadata.name', 'x');
    expect(() => expect([]).toHaveValue('metadata.name', 'x')).toThrow(/no manifest found/);
  });
});

describe('each difference, proved by a mutant one form catches and the other lets pass', () => {
  it('fan-out: a template that stops rendering fails toHaveValue on the render; toEachHaveValue passes', async () => {
    const out = await render([{ file: 'templates/service.yaml', from: '{{- if .Values.service.enabled }}', to: '{{- if .Values.never }}' }]);
    expect(out.template('templates/service.yaml')).toEqual([]);
    expect(failureOf(() => expect(out).toHaveValue('metadata.labels.app', 'fan-out'))).toContain('Template: templates/service.yaml');
    expect(out).toEachHaveValue('metadata.labels.app', 'fan-out');
  });

  it('fan-out: documents moved between templates fail toHaveDocuments; toHaveDocumentCount passes', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: moved\n  labels:\n    app: fan-out\n';
    const out = await render([
      { file: 'templates/service.yaml', from: '{{- if .Values.service.enabled }}', to: '{{- if .Values.never }}' },
      { file: 'templates/configmap.yaml', from: /$/, to: `---\n${doc}` },
    ]);
    expect(() => expect(out).toHaveDocuments(1)).toThrow(/Template: templates\/configmap.yaml[\s\S]*Template: templates\/service.yaml/);
    expect(out).toHaveDocumentCount(4);
  });

  it('isSubset: an extra selector label fails toContainSubset (top-level keys exact); toEachContainSubset recurses and passes', async () => {
    const out = await render([{ file: 'templates/service.yaml', from: 'selector:\n    app: fan-out', to: 'selector:\n    app: fan-out\n    tier: web' }]);
    const svc = out.document({ kind: 'Service' });
    expect(() => expect(svc).toContainSubset('spec', { selector: { app: 'fan-out' } })).toThrow(/isSubset/);
    expect(svc).toEachContainSubset('spec', { selector: { app: 'fan-out' } });
  });

  it('containsDocument: a second kind in the template fails toContainDocument; toIncludeDocument passes', async () => {
    const out = await render([{ file: 'templates/service.yaml', from: '{{- end }}', to: '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n{{- end }}' }]);
    const svc = out.template('templates/service.yaml');
    expect(() => expect(svc).toContainDocument({ kind: 'Service', apiVersion: 'v1' })).toThrow(/containsDocument/);
    expect(svc).toContainDocument({ kind: 'Service', apiVersion: 'v1' }, { any: true });
    expect(svc).toIncludeDocument({ kind: 'Service' });
  });

  it('errorMessage: a longer fail text fails toFailTemplate; toFailTemplateMatching’s substring passes', async () => {
    const text = 'configmap: mode "forbidden" is not supported';
    const edits = [{ file: 'templates/configmap.yaml', from: 'is not supported"', to: 'is not supported (yet)"' }];
    await expect(render([], { set: { mode: 'forbidden' } })).toFailTemplate({ errorMessage: text });
    await expect(expect(render(edits, { set: { mode: 'forbidden' } })).toFailTemplate({ errorMessage: text })).rejects.toThrow(/Actual: configmap: mode "forbidden" is not supported \(yet\)/);
    await expect(render(edits, { set: { mode: 'forbidden' } })).toFailTemplateMatching(text);
  });

  it('errorPattern: against the extracted message, not helm’s location, so a dropped word fails; the loose pattern finds it in the file name', async () => {
    const edits = [{ file: 'templates/configmap.yaml', from: '"configmap: mode', to: '"mode' }];
    await expect(render([], { set: { mode: 'forbidden' } })).toFailTemplate({ errorPattern: 'configmap' });
    await expect(expect(render(edits, { set: { mode: 'forbidden' } })).toFailTemplate({ errorPattern: 'configmap' })).rejects.toThrow(/failedTemplate/);
    await expect(render(edits, { set: { mode: 'forbidden' } })).toFailTemplateMatching('configmap');
  });

  it('.not on a renamed key: helm-unittest’s notEqual passes on the missing path; .not.toEachHaveValue catches it', async () => {
    const out = await render([{ file: 'templates/configmap.yaml', from: '  mode:', to: '  modes:' }]);
    const cm = out.document({ kind: 'ConfigMap' });
    expect(cm).not.toHaveValue('data.mode', 'deny');
    expect(failureOf(() => expect(cm).not.toEachHaveValue('data.mode', 'deny'))).toContain('<path not found>');
  });

  it('isNullOrEmpty: a removed key fails toBeNullOrEmptyAt (unknown path); toEachBeNullOrEmptyAt counts it as null and passes', async () => {
    const out = await render([{ file: 'templates/configmap.yaml', from: '  extra: ""\n', to: '' }]);
    const cm = out.document({ kind: 'ConfigMap' });
    expect(() => expect(cm).toBeNullOrEmptyAt('data.extra')).toThrow(/unknown path/);
    expect(cm).toEachBeNullOrEmptyAt('data.extra');
  });
});
