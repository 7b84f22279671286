import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_NAMESPACE, DEFAULT_RELEASE_NAME, documentInfo, loadChart, renderStats } from '../../src/testing';
import { BASIC_CHART, VALUES_DIR } from './helpers';

const chart = loadChart(BASIC_CHART);

function echoed(data: Record<string, string>): unknown {
  return JSON.parse(data.json);
}

describe('chart.render', () => {
  it('parses documents and remembers their source templates', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    expect(out.documents.map((d) => `${d.kind}/${d.metadata?.name}`)).toEqual([
      'Namespace/default',
      'ConfigMap/r1-echo',
      'Service/r1-web',
      'Deployment/r1-web',
      'Sidecar/sidecar-default',
    ]);
    expect(documentInfo(out.document({ kind: 'Service' }))).toEqual({ template: 'templates/service.yaml', index: 0 });
    expect(out.template('basic/templates/service.yaml')).toEqual(out.template('templates/service.yaml'));
    expect(out.templates).toContain('templates/sidecars.yaml');
    expect(Object.isFrozen(out.document({ kind: 'Deployment' }).spec)).toBe(true);
  });

  it('defaults the release like helm-unittest, with a name helm accepts', async () => {
    const out = await chart.render({});
    expect(DEFAULT_RELEASE_NAME).toBe('release-name');
    expect(DEFAULT_NAMESPACE).toBe('NAMESPACE');
    expect(out.document({ kind: 'Deployment' })).toHaveValue('metadata.name', 'release-name-web');
    expect(out.document({ kind: 'Deployment' })).toHaveValue('metadata.namespace', 'NAMESPACE');
  });

  it('document(selector) throws listing kind/name pairs when zero or several match', async () => {
    const out = await chart.render({ set: { namespaces: ['apps', 'tools'] }, release: { name: 'r1', namespace: 'apps' } });
    expect(() => out.document({ kind: 'StatefulSet' })).toThrow(/No documents match \{ kind: "StatefulSet" \}/);
    expect(() => out.document({ kind: 'StatefulSet' })).toThrow(/Deployment\/r1-web \(templates\/deployment.yaml\)/);
    expect(() => out.document({ kind: 'Sidecar' })).toThrow(/2 documents match .*expected exactly one/);
    expect(out.document({ kind: 'Sidecar', namespace: 'tools' })).toHaveValue('metadata.name', 'sidecar-tools');
    expect(out.select({ kind: 'Namespace' })).toHaveLength(2);
    expect(() => out.template('templates/nope.yaml')).toThrow(/no template "templates\/nope.yaml"/);
  });

  it('values files (relative to cwd) and set with typed values', async () => {
    const values = path.relative(process.cwd(), path.join(VALUES_DIR, 'two-namespaces.yaml'));
    const out = await chart.render({
      values: [values],
      set: {
        'echo.str': 'a,b{c}\\d=e',
        'echo.looksBool': 'true',
        'echo.looksInt': '8080',
        'echo.int': 8080,
        'echo.float': 1.5,
        'echo.bool': false,
        'echo.list': ['x', 1],
        'echo.map': { k: 'v' },
        'echo.nested[0].name': 'n0',
        'echo.skipped': undefined,
      },
      setRaw: ['echo.raw={a,b}'],
    });
    expect(out.select({ kind: 'Namespace' }).map((d) => d.metadata?.name)).toEqual(['apps', 'tools']);
    const data = out.document({ kind: 'ConfigMap' }).data as Record<string, string>;
    expect(echoed(data)).toEqual({
      str: 'a,b{c}\\d=e',
      looksBool: 'true',
      looksInt: '8080',
      int: 8080,
      float: 1.5,
      bool: false,
      list: ['x', 1],
      map: { k: 'v' },
      nested: [{ name: 'n0' }],
      raw: ['a', 'b'],
    });
    expect(data.kinds).toContain('int=int64;'); // --set types integers like helm does
    expect(data.kinds).toContain('float=float64;');
    expect(data.kinds).toContain('looksInt=string;');
  });

  it('apiVersions, kubeVersion and release.upgrade reach the templates', async () => {
    const out = await chart.render({ apiVersions: ['example.com/v1'], kubeVersion: '1.29.3', release: { upgrade: true } });
    expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data.kubeVersion', 'v1.29.3');
    expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data.isUpgrade', 'true');
    expect(out).toIncludeDocument({ kind: 'Widget', apiVersion: 'example.com/v1' });
    const plain = await chart.render({});
    expect(plain).not.toIncludeDocument({ kind: 'Widget' });
  });

  it('chart version / appVersion override renders a patched copy', async () => {
    const out = await chart.render({ chart: { version: '9.8.7', appVersion: '2.0' } });
    const web = out.document({ kind: 'Deployment' });
    expect(web).toHaveValue('metadata.labels["helm.sh/chart"]', 'basic-9.8.7');
    expect(web).toHaveValue('metadata.labels["app.kubernetes.io/version"]', '2.0');
    expect(fs.readFileSync(path.join(BASIC_CHART, 'Chart.yaml'), 'utf8')).toContain('version: 0.1.0');
  });

  it('renders on Helm 3 too, with a Helm 3 binary, and on Helm 4 by default with a Helm 4 binary', async () => {
    const out = await chart.render({ helm: 3, set: { replicas: 3 }, release: { name: 'r3', namespace: 'apps' } });
    expect(out.helm).toBe(3);
    expect(out.document({ kind: 'ConfigMap' })).toMatchValueRegex('data.helmVersion', /^v3\.\d+\.\d+/);
    const helm4 = await chart.render({ set: { replicas: 3 }, release: { name: 'r3', namespace: 'apps' } });
    expect(helm4.document({ kind: 'ConfigMap' })).toMatchValueRegex('data.helmVersion', /^v4\.\d+\.\d+/);
    expect(out.document({ kind: 'Deployment' })).toHaveValue('spec.replicas', 3);
    expect(out.document({ kind: 'ConfigMap' })).toMatchValueRegex('data.kubeVersion', /^v1\.\d+\.\d+$/);
  });

  it('loads lazily: a chart generated later is fine, a missing one rejects on render', async () => {
    const missing = loadChart(path.join(os.tmpdir(), 'helmts-no-such-chart'));
    await expect(missing.render({})).rejects.toThrow(/is not a chart: it has no Chart.yaml/);
  });

  it('reads output as YAML 1.1, as Kubernetes does', async () => {
    const out = await chart.render({ set: { flag: 'on' }, validate: false });
    expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data.flag', true);
  });
});

describe('render cache', () => {
  it('runs helm once for identical renders, whatever the key order', async () => {
    const before = renderStats();
    const options = { set: { replicas: 4, image: 'nginx:cache-test' }, release: { name: 'cache', namespace: 'c' } };
    const [a, b] = await Promise.all([chart.render(options), chart.render(options)]);
    const c = await chart.render({ release: { namespace: 'c', name: 'cache' }, set: { image: 'nginx:cache-test', replicas: 4 } });
    expect(b).toBe(a);
    expect(c).toBe(a);
    const after = renderStats();
    expect(after.templateRuns - before.templateRuns).toBe(1);
    expect(after.renderCalls - before.renderCalls).toBe(3);
    expect(after.cacheHits - before.cacheHits).toBe(2);
    // validate:false reuses the helm output of the validated render
    await chart.render({ ...options, validate: false });
    expect(renderStats().templateRuns - before.templateRuns).toBe(1);
    await chart.render({ ...options, helm: 3 });
    expect(renderStats().templateRuns - before.templateRuns).toBe(2);
  });

  it('re-renders when the chart or a values file changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-cache-test-'));
    try {
      fs.cpSync(BASIC_CHART, path.join(dir, 'basic'), { recursive: true });
      const values = path.join(dir, 'values.yaml');
      fs.writeFileSync(values, 'replicas: 5\n');
      const copy = loadChart(path.join(dir, 'basic'));
      const first = await copy.render({ values: [values] });
      expect(first.document({ kind: 'Deployment' })).toHaveValue('spec.replicas', 5);
      const runs = renderStats().templateRuns;
      expect(await copy.render({ values: [values] })).toBe(first);

      fs.writeFileSync(values, 'replicas: 6\n');
      const second = await copy.render({ values: [values] });
      expect(second.document({ kind: 'Deployment' })).toHaveValue('spec.replicas', 6);

      fs.appendFileSync(path.join(dir, 'basic', 'values.yaml'), 'image: busybox:1\n');
      const third = await copy.render({ values: [values] });
      expect(third.document({ kind: 'Deployment' })).toHaveValue('spec.template.spec.containers[0].image', 'busybox:1');
      expect(renderStats().templateRuns - runs).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
