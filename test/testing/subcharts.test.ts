import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../src/helm/run-helm';
import { loadChart, subcharts, type Chart } from '../../src/testing';
import { templateFiles } from '../../src/testing/chosen-templates';
import { VALUES_DIR } from './helpers';
import { mutantChart, removeMutants } from './mutant-chart';

const FIXTURES = path.join(__dirname, 'fixtures', 'charts');
let tmp: string;
let chart: Chart;

beforeAll(async () => {
  // The umbrella's packaged dependency is built here with real `helm package`, not committed.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-umbrella-'));
  const umbrella = path.join(tmp, 'umbrella');
  fs.cpSync(path.join(FIXTURES, 'umbrella'), umbrella, { recursive: true });
  const r = await runHelm(['package', path.join(FIXTURES, 'packaged-sub'), '--destination', path.join(umbrella, 'charts')]);
  expect(r.stderr).toBe('');
  chart = loadChart(umbrella);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  removeMutants();
});

describe('umbrella chart with a local and a packaged (.tgz) dependency, an alias and a condition', () => {
  it('finds the subcharts under their values keys', () => {
    expect(subcharts(chart.dir).map((s) => [s.key, s.name, s.dir ?? s.archive, s.condition])).toEqual([
      ['local-sub', 'local-sub', 'charts/local-sub', 'local-sub.enabled'],
      ['pkg', 'packaged-sub', 'charts/packaged-sub-0.2.0.tgz', undefined],
      ['pkg-off', 'packaged-sub', 'charts/packaged-sub-0.2.0.tgz', 'pkg-off.enabled'],
    ]);
    expect(templateFiles(chart.dir)).toEqual(expect.arrayContaining([
      'charts/local-sub/templates/configmap.yaml',
      'charts/pkg/templates/deployment.yaml',
      'charts/pkg-off/templates/service.yaml',
      'templates/parent.yaml',
    ]));
  });

  it.each([4, 3] as const)('out.template() works for the local and the packaged subchart on Helm %i', async (helm) => {
    const out = await chart.render({ helm, release: { name: 'r' } });
    expect(out.template('charts/local-sub/templates/configmap.yaml')).toHaveValue('data.greeting', 'hello');
    expect(out.template('charts/pkg/templates/deployment.yaml')).toHaveValue('spec.replicas', 2); // parent values.yaml
    expect(out.template('umbrella/charts/pkg/templates/service.yaml')).toHaveDocuments(1);
    // The condition pkg-off.enabled is false: the aliased copy renders nothing.
    expect(out.template('charts/pkg-off/templates/deployment.yaml')).toHaveDocuments(0);
    expect(() => out.template('charts/pkg/templates/nope.yaml')).toThrow(/no template "charts\/pkg\/templates\/nope.yaml"/);
    // Turning the condition on renders the second alias of the same archive.
    const on = await chart.render({ helm, release: { name: 'r' }, set: { 'pkg-off.enabled': true, 'local-sub.enabled': false } });
    expect(on.template('charts/pkg-off/templates/deployment.yaml')).toHaveValue('metadata.name', 'r-pkg-off');
    expect(on.template('charts/local-sub/templates/configmap.yaml')).toHaveDocuments(0);
  });

  it.each([4, 3] as const)('fans out over the templates of enabled subcharts only, an enabled one that renders nothing included (Helm %i)', async (helm) => {
    const out = await chart.render({ helm, release: { name: 'r' } });
    expect(out.fanOutTemplates).toEqual(expect.arrayContaining(['charts/local-sub/templates/configmap.yaml', 'charts/pkg/templates/deployment.yaml', 'templates/parent.yaml']));
    expect(out.fanOutTemplates.filter((t) => t.startsWith('charts/pkg-off/'))).toEqual([]);
    const off = await chart.render({ helm, release: { name: 'r' }, set: { 'local-sub.enabled': false } });
    expect(off.fanOutTemplates.filter((t) => t.startsWith('charts/local-sub/'))).toEqual([]);
    // Enabled, but its only template renders nothing: helm-unittest's fan-out includes it, and it fails a positive assert.
    const empty = mutantChart(chart.dir, [{ file: 'charts/local-sub/templates/configmap.yaml', from: /^/, to: '{{- if .Values.never }}\n' }, { file: 'charts/local-sub/templates/configmap.yaml', from: /$/, to: '\n{{- end }}\n' }]);
    const emptyOut = await loadChart(empty).render({ helm, release: { name: 'r' } });
    expect(emptyOut.template('charts/local-sub/templates/configmap.yaml')).toEqual([]);
    expect(emptyOut.fanOutTemplates).toContain('charts/local-sub/templates/configmap.yaml');
    expect(() => expect(emptyOut).toHavePath('metadata.name')).toThrow(/Template: charts\/local-sub\/templates\/configmap.yaml/);
  });

  it('chart.subchart() scopes values under the subchart key, keeps globals global, and renders only its templates', async () => {
    const pkg = chart.subchart('pkg');
    const values = path.relative(process.cwd(), path.join(VALUES_DIR, 'subchart.yaml'));
    // failParent makes the parent's own template fail: a subchart render is not affected.
    await expect(chart.render({ set: { failParent: true } })).toFailTemplate({ errorMessage: 'the parent template fails whenever failParent is true' });
    const out = await pkg.render({
      values: [values],
      set: { replicas: 5, 'global.env': 'prod' },
      setRaw: ['image=nginx:1.28'],
      release: { name: 'r' },
    });
    expect(out.helmArgs).toEqual(expect.arrayContaining(['--set', 'pkg.replicas=5', '--set-string', 'global.env=prod', '--set', 'pkg.image=nginx:1.28']));
    expect(out.templates.sort()).toEqual(['charts/pkg/templates/deployment.yaml', 'charts/pkg/templates/service.yaml']);
    const deployment = out.template('templates/deployment.yaml');
    expect(deployment).toHaveValue('spec.replicas', 5);
    expect(deployment).toHaveValue('metadata.labels.env', 'prod');
    expect(deployment).toHaveValue('spec.template.spec.containers[0].image', 'nginx:1.28');
    // From the scoped values file: { replicas: 3, global: { env: staging } } → pkg.replicas, global.env
    const fromFile = await pkg.render({ values: [values], release: { name: 'r' } });
    expect(fromFile.template('templates/deployment.yaml')).toHaveValue('spec.replicas', 3);
    expect(fromFile.template('templates/deployment.yaml')).toHaveValue('metadata.labels.env', 'staging');
    // Chosen templates are relative to the subchart's templates/.
    const only = await chart.subchart('local-sub').render({ templates: ['configmap.yaml'], set: { greeting: 'hi', failParent: true } });
    expect(only.template('templates/configmap.yaml')).toHaveValue('data', { greeting: 'hi', env: 'dev' });
  });

  it.each([4, 3] as const)('overrides a dependency Chart.yaml version and appVersion, packaged or not, on Helm %i', async (helm) => {
    const pkg = await chart.subchart('pkg').render({ helm, chart: { version: '9.9.9', appVersion: '9.9' } });
    expect(pkg.template('templates/deployment.yaml')).toHaveValue('metadata.labels', expect.objectContaining({
      'helm.sh/chart': 'pkg-9.9.9', 'app.kubernetes.io/version': '9.9',
    }));
    const out = await chart.render({ helm, dependencies: { 'local-sub': { version: '0.5.0', appVersion: '5' } } });
    expect(out.template('charts/local-sub/templates/configmap.yaml')).toHaveValue('metadata.labels["helm.sh/chart"]', 'local-sub-0.5.0');
    expect(out.template('charts/local-sub/templates/configmap.yaml')).toHaveValue('metadata.labels["app.kubernetes.io/version"]', '5');
    expect(out.template('charts/pkg/templates/deployment.yaml')).toHaveValue('metadata.labels["helm.sh/chart"]', 'pkg-0.2.0');
  });

  it('an unknown subchart is a clear error', async () => {
    await expect(chart.subchart('nope').render()).rejects.toThrow(/has no subchart "nope" in charts\/. Subcharts: local-sub, pkg, pkg-off/);
  });
});
