import { clusterStubRunning, loadChart, renderStats, stopClusterStub, type ClusterObject } from '../../src/testing';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { runHelm } from '../../src/helm/run-helm';
import { stubRequests, withStubCluster } from '../../src/testing/cluster-stub';
import { STUB_RENDER_TIMEOUT_MS } from '../../src/testing/run-render';
import { FEATURES_CHART } from './helpers';

const chart = loadChart(FEATURES_CHART);
const release = { name: 'r', namespace: 'apps' };
const SOURCE = 'metadata.annotations["features.example.com/password-source"]';

/** The Secret a previous install of release r created (Helm 4 checks the ownership metadata). */
function existingSecret(namespace = 'apps'): ClusterObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'app-credentials',
      namespace,
      labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { 'meta.helm.sh/release-name': 'r', 'meta.helm.sh/release-namespace': 'apps' },
    },
    type: 'Opaque',
    data: { password: Buffer.from('kept-from-the-cluster').toString('base64') },
  };
}

describe.each([4, 3] as const)('lookup against the stub API server, Helm %i', (helm) => {
  it('reuses the password of the Secret the cluster has', async () => {
    const out = await chart.render({ helm, release, set: { password: 'from-values' }, cluster: [existingSecret()] });
    const secret = out.document({ kind: 'Secret' });
    expect(secret).toHaveValue(SOURCE, 'reused');
    expect(secret).toHaveDecodedValue('data.password', 'kept-from-the-cluster');
    expect(out.helmArgs).toEqual(expect.arrayContaining(['--dry-run=server']));
    expect(stubRequests).toContain('GET /api/v1/namespaces/apps/secrets/app-credentials');
    // NOTES.txt of a cluster render is rendered against the stub as well.
    expect(await out.notes).toBe('Release r is at revision 1.\n');
  });

  it('creates the Secret when the cluster has none, or has it only in another namespace', async () => {
    for (const cluster of [[], [existingSecret('elsewhere')]]) {
      const out = await chart.render({ helm, release, set: { password: 'from-values' }, cluster });
      expect(out.document({ kind: 'Secret' })).toHaveValue(SOURCE, 'created');
      expect(out.document({ kind: 'Secret' })).toHaveDecodedValue('data.password', 'from-values');
    }
  });

  it('without a cluster, helm template runs offline and lookup finds nothing', async () => {
    const out = await chart.render({ helm, release, set: { password: 'from-values' } });
    expect(out.document({ kind: 'Secret' })).toHaveValue(SOURCE, 'created');
    expect(out.helmArgs).not.toContain('--dry-run=server');
  });
});

describe('the stub API server', () => {
  it.each([4, 3] as const)('renders the helloworld-egress chart (Istio Sidecars) exactly like helm template on Helm %i', async (helm) => {
    const hw = loadChart('charts/helloworld-egress');
    const options = { helm, values: ['values/three-namespaces.yaml'] };
    const [plain, server] = await Promise.all([hw.render(options), hw.render({ ...options, cluster: [] })]);
    expect(server.helmArgs).toContain('--dry-run=server');
    expect(server.documents).toEqual(plain.documents);
  });

  it('Helm 4 checks ownership of existing objects server-side; Helm 3 renders client-only', async () => {
    const foreign = { ...existingSecret(), metadata: { name: 'app-credentials', namespace: 'apps' } };
    await expect(chart.render({ release, cluster: [foreign] })).toFailTemplateMatching(/invalid ownership metadata/);
    const out = await chart.render({ helm: 3, release, cluster: [foreign] });
    expect(out.document({ kind: 'Secret' })).toHaveValue(SOURCE, 'reused');
  });

  it('serves discovery, GET and LIST of the declared objects, and Kubernetes Status errors otherwise', async () => {
    const cluster = {
      objects: [existingSecret(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } }],
      defaultNamespace: 'apps', kubeVersion: '1.30.2', apiResources: [], apiVersions: ['example.com/v1'],
    };
    await withStubCluster(cluster, async (kubeconfig) => {
      const server = (parse(fs.readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] }).clusters[0].cluster.server;
      const get = async (p: string, method = 'GET') => {
        const r = await fetch(`${server}${p}`, { method });
        return { code: r.status, body: (await r.json()) as Record<string, any> };
      };
      expect((await get('/version')).body).toMatchObject({ major: '1', minor: '30', gitVersion: 'v1.30.2' });
      expect((await get('/api')).body.versions).toEqual(['v1']);
      const groups = (await get('/apis')).body.groups.map((g: { name: string }) => g.name);
      expect(groups).toEqual(expect.arrayContaining(['apps', 'example.com', 'networking.istio.io']));
      const core = (await get('/api/v1')).body;
      expect(core.resources).toContainEqual(expect.objectContaining({ name: 'secrets', kind: 'Secret', namespaced: true }));
      expect(core.resources).toContainEqual(expect.objectContaining({ name: 'namespaces', kind: 'Namespace', namespaced: false }));
      expect((await get('/api/v1/namespaces/apps/secrets/app-credentials')).body.data).toEqual(existingSecret().data);
      expect((await get('/api/v1/namespaces/apps/secrets')).body).toMatchObject({ kind: 'SecretList', items: [{ metadata: { name: 'app-credentials' } }] });
      expect((await get('/api/v1/secrets')).body.items).toHaveLength(1);
      expect((await get('/api/v1/namespaces/apps')).body).toMatchObject({ kind: 'Namespace', metadata: { name: 'apps' } });
      expect(await get('/api/v1/namespaces/other/secrets/app-credentials')).toEqual({
        code: 404,
        body: expect.objectContaining({ kind: 'Status', reason: 'NotFound', message: 'secrets "app-credentials" not found' }),
      });
      expect((await get('/apis/nope.io/v1')).code).toBe(404);
      expect((await get('/openapi/v2')).body).toMatchObject({ kind: 'Status', code: 404 });
      expect((await get('/api/v1/namespaces/apps/secrets', 'POST')).body).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    });
  });

  it('is part of the cache key, and is stopped with the test file (or on demand)', async () => {
    const before = renderStats().templateRuns;
    const options = { release, set: { password: 'p' } };
    await chart.render({ ...options, cluster: [existingSecret()] });
    await chart.render({ ...options, cluster: [existingSecret()] });
    await chart.render({ ...options, cluster: [{ ...existingSecret(), data: { password: 'b3RoZXI=' } }] });
    expect(renderStats().templateRuns - before).toBe(2);
    expect(clusterStubRunning()).toBe(true);
    await stopClusterStub();
    expect(clusterStubRunning()).toBe(false);
    // The next render starts it again.
    const out = await chart.render({ ...options, cluster: [{ ...existingSecret(), data: { password: 'dGhpcmQ=' } }] });
    expect(out.document({ kind: 'Secret' })).toHaveDecodedValue('data.password', 'third');
  });

  it('bounds every helm process that talks to the stub in time', async () => {
    expect(STUB_RENDER_TIMEOUT_MS).toBe(60_000);
    await expect(runHelm(['template', 'r', FEATURES_CHART], 4, undefined, undefined, 1)).rejects.toThrow(/helm template was stopped after 1 ms/);
  });

  it('rejects a declared object without apiVersion, kind or name', async () => {
    await expect(chart.render({ cluster: [{ kind: 'Secret', metadata: { name: 'x' } } as ClusterObject] })).rejects.toThrow(
      /cluster\[0\] needs apiVersion, kind and metadata.name/,
    );
  });
});
