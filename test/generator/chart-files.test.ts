/**
 * Files shipped in a chart (`.Files.Get`, `.Files.Glob … AsConfig/AsSecrets`) through the typed `b.files`: the
 * generator copies the declared files into the chart, Helm 4 and Helm 3 render the ConfigMaps and the Secret as the
 * TypeScript render does, and a missing or undeclared file stops the build.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { concreteBuiltIns, emitTemplates, generateChart, chartSchema, renderConcrete, writeFiles } from '../../src/generator';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { runHelm } from '../../src/helm/run-helm';
import { documentInfo } from '../../src/testing/document-info';
import { parseManifests } from '../../src/testing/parse-manifests';
import { filesChart, globsNone, readsUndeclared } from './fixtures/charts/files/chart';
import type { FilesValues } from './fixtures/charts/files/values';

const repoRoot = path.resolve(__dirname, '..', '..');
const source = path.join(repoRoot, 'test/generator/fixtures/charts/files');
let work: string;
let chartDir: string;
let templates: Record<string, string>;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-files-'));
  const generated = generateChart(filesChart, { repoRoot, chartDir: 'files' });
  writeFiles(work, ['files'], generated.files);
  chartDir = path.join(work, 'files');
  templates = Object.fromEntries(generated.files.filter((f) => f.path.startsWith('files/templates/')).map((f) => [path.basename(f.path), f.content]));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function helmObjects(values: FilesValues, helm: HelmMajor): Promise<Record<string, unknown[]>> {
  const file = path.join(work, `values-${helm}-${values.withConfig}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', 'rel', chartDir, '-n', 'ns', '-f', file], helm);
  if (r.code !== 0) throw new Error(r.stderr);
  const out: Record<string, unknown[]> = {};
  for (const doc of parseManifests(r.stdout)) (out[documentInfo(doc)!.template] ??= []).push(doc);
  return out;
}

describe('files shipped in a chart', () => {
  it('copies every declared file into the chart at the same path, byte for byte', () => {
    for (const file of filesChart.files!) {
      expect(fs.readFileSync(path.join(chartDir, file))).toEqual(fs.readFileSync(path.join(source, file)));
    }
  });

  it('emits .Files.Get and (.Files.Glob …).AsConfig / .AsSecrets', () => {
    expect(templates['configmap.yaml']).toContain('app.conf: {{ $.Files.Get "config/app.conf" | quote }}');
    expect(templates['glob.yaml']).toMatch(/data:\s*\{\{- \(\$\.Files\.Glob "config\/\*"\)\.AsConfig \| nindent 2 \}\}/);
    expect(templates['secret.yaml']).toContain('($.Files.Glob "secret/*").AsSecrets');
    expect(templates['secret.yaml']).toContain('b64enc ($.Files.Get "config/app.conf")');
  });

  it.each([4, 3] as HelmMajor[])('renders in Helm %s what the TypeScript render gives, the files included', async (helm) => {
    for (const values of [{ withConfig: true, greeting: 'hi' }, { withConfig: false, greeting: 'yo' }]) {
      const rendered = await helmObjects(values, helm);
      const expected = renderConcrete(filesChart, values, concreteBuiltIns(filesChart, { name: 'rel', namespace: 'ns' }));
      for (const { template, documents } of expected) expect({ template, documents: rendered[template] ?? [] }).toEqual({ template, documents });
    }
    // The file text itself, not a stand-in: quoting, a tab, a non-ASCII letter and the final newline survive.
    const [cm] = (await helmObjects({ withConfig: true, greeting: 'hi' }, helm))['templates/configmap.yaml'] as Array<{ data: Record<string, string> }>;
    expect(cm.data['app.conf']).toBe('# app settings\nlisten = ":8080"\nname\t= café\n');
  }, 30_000);

  it('stops the build when a declared file is missing', () => {
    const broken = { ...filesChart, files: [...filesChart.files!, 'config/missing.conf'] };
    expect(() => generateChart(broken, { repoRoot, chartDir: 'files' })).toThrow(
      /chart files: files: 'config\/missing\.conf' is declared but .*test\/generator\/fixtures\/charts\/files\/config\/missing\.conf does not exist/,
    );
  });

  it('stops the build for a declared file Helm would not load as data (under templates/, or .helmignore\'d)', () => {
    for (const [file, message] of [['templates/raw.yaml', /under templates\/, which Helm renders as a template/], ['config/app.conf.bak', /matches the chart's \.helmignore \(\*\.bak\)/]] as const) {
      expect(() => generateChart({ ...filesChart, files: [...filesChart.files!, file] }, { repoRoot, chartDir: 'files' })).toThrow(message);
    }
  });

  it('stops the build when a template reads a file the chart does not ship, or globs none', () => {
    const schema = chartSchema(filesChart, repoRoot);
    const build = (fn: (typeof filesChart.templates)[string]) => () => emitTemplates({ ...filesChart, templates: { 'x.yaml': fn } }, schema);
    expect(build(readsUndeclared)).toThrow(/files\.get\('config\/other\.conf'\): the chart does not ship config\/other\.conf.*add it to the definition's files/);
    expect(build(globsNone)).toThrow(/files\.glob\('\*\.yaml'\) matches none of the files the chart ships/);
  });
});
