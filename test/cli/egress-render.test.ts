/** How `npm run egress -- -f` renders a chart: without the test-hook templates and NOTES.txt it cannot use. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { analysisSkippedTemplates, renderForEgress } from '../../src/cli/egress-render';

let tmp: string;
let chart: string;

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-render-'));
  chart = path.join(tmp, 'shop');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(chart, file)), { recursive: true });
    fs.writeFileSync(path.join(chart, file), text);
  };
  write('Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  write('values.yaml', 'name: web\n');
  write('templates/_helpers.tpl', '{{- define "shop.name" -}}{{ .Values.name }}{{- end -}}\n');
  write('templates/app.yaml', configMap('{{ include "shop.name" . }}-{{ include "shop.suffix" . }}'));
  // A test hook that would fail the whole render if helm executed it.
  write('templates/tests/check.yaml', `${configMap('check')}  annotations:\n    "helm.sh/hook": test\n{{ fail "the test template ran" }}\n`);
  write('templates/tests/nested/slow.yaml', `${configMap('slow')}  annotations:\n    helm.sh/hook: test\n{{ fail "the nested test template ran" }}\n`);
  // Not a hook: kept, because it renders an object the analysis may need.
  write('templates/tests/fixture-data.yaml', configMap('fixture-data'));
  // A hook that also defines a template the app includes: kept, or the render would fail.
  write('templates/tests/with-define.yaml', `{{- define "shop.suffix" -}}v1{{- end -}}\n${configMap('with-define')}  annotations:\n    helm.sh/hook: test\n`);
  write('templates/tests/_test-helpers.tpl', '{{- define "shop.testName" -}}t{{- end -}}\n');
  write('templates/NOTES.txt', '{{ fail "NOTES ran" }}\n');
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the egress command’s chart render', () => {
  it('leaves out NOTES.txt and the files under templates/tests/ that declare a helm.sh/hook and define nothing, nothing else', () => {
    expect(analysisSkippedTemplates(chart)).toEqual(['templates/NOTES.txt', 'templates/tests/check.yaml', 'templates/tests/nested/slow.yaml']);
  });

  it('renders the other templates without executing the left-out ones, and leaves the chart as it was', async () => {
    const before = fs.readdirSync(chart, { recursive: true }).sort();
    const r = await renderForEgress(chart, []);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const names = r.stdout.split(/^---$/m).map((d) => (load(d) as { metadata?: { name: string } } | null)?.metadata?.name).filter(Boolean);
    expect(names.sort()).toEqual(['fixture-data', 'web-v1']);
    expect(fs.readdirSync(chart, { recursive: true }).sort()).toEqual(before);
  });
});
