/**
 * A stub of the Kubernetes API on 127.0.0.1, so that real `helm` can run `lookup` (and the
 * server-side parts of `--dry-run=server`) against exactly the objects a test declares. It
 * serves discovery (`/version`, `/api`, `/apis`, the resource list of every group version) and
 * GET / LIST of the declared objects; everything else is a Kubernetes `Status` (404 NotFound,
 * 405 for writes). Never a real cluster.
 *
 * One server per module instance (Jest: per test file), started on the first render that needs
 * it and stopped by `stopClusterStub()`, which importing `src/testing` registers as an
 * `afterAll`. Each render gets its own cluster under a URL prefix (`/c/<id>`) and its own
 * kubeconfig, so concurrent renders with different objects share the one server.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { apiResources, type ApiResource, type ResolvedResource } from './api-resources';

/** A Kubernetes object the stub cluster holds (`apiVersion`, `kind`, `metadata.name` required). */
export interface ClusterObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface StubCluster {
  objects: readonly ClusterObject[];
  /** Namespace given to namespaced objects without one (the release namespace). */
  defaultNamespace: string;
  /** `/version` gitVersion, e.g. `v1.31.0`. */
  kubeVersion: string;
  /** Extra discovery entries (CRDs); `group/version` entries of `apiVersions` become empty groups. */
  apiResources: readonly ApiResource[];
  apiVersions: readonly string[];
}

interface Registered {
  resources: ResolvedResource[];
  groupVersions: string[];
  objects: ClusterObject[];
  kubeVersion: string;
}

let server: http.Server | undefined;
let starting: Promise<number> | undefined;
let tmpDir: string | undefined;
let nextId = 0;
const clusters = new Map<string, Registered>();
/** The last requests served, `METHOD /path` (for tests of the stub itself; at most 1000 kept). */
export const stubRequests: string[] = [];

function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function send(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://stub');
  const m = /^\/c\/([^/]+)(\/.*)?$/.exec(url.pathname);
  const cluster = m ? clusters.get(m[1]) : undefined;
  if (!m || !cluster) return status(res, 404, 'NotFound', `no stub cluster at ${url.pathname}`);
  const p = (m[2] ?? '/').replace(/\/+$/, '') || '/';
  stubRequests.push(`${req.method} ${p}`);
  if (stubRequests.length > 1000) stubRequests.splice(0, stubRequests.length - 1000);
  if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', `the helmts stub API server is read-only (${req.method} ${p})`);
  const [major, minor] = cluster.kubeVersion.replace(/^v/, '').split('.');
  if (p === '/version') return send(res, 200, { major, minor, gitVersion: cluster.kubeVersion, platform: 'linux/amd64' });
  if (p === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
  if (p === '/apis') {
    const byGroup = new Map<string, string[]>();
    for (const gv of cluster.groupVersions.filter((g) => g.includes('/'))) byGroup.set(groupOf(gv), [...(byGroup.get(groupOf(gv)) ?? []), gv]);
    const groups = [...byGroup].map(([name, gvs]) => {
      const versions = gvs.map((groupVersion) => ({ groupVersion, version: groupVersion.split('/')[1] }));
      return { name, versions, preferredVersion: versions[0] };
    });
    return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
  }
  const gvMatch = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(\/.*)?$/.exec(p);
  if (!gvMatch) return status(res, 404, 'NotFound', `the server could not find the requested resource (${p})`);
  const groupVersion = gvMatch[1] ?? gvMatch[2];
  const rest = (gvMatch[3] ?? '').split('/').filter(Boolean);
  if (!cluster.groupVersions.includes(groupVersion)) return status(res, 404, 'NotFound', `group version ${groupVersion} not served`);
  const resources = cluster.resources.filter((r) => r.apiVersion === groupVersion);
  if (rest.length === 0) {
    return send(res, 200, {
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion,
      resources: resources.map((r) => ({
        name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind,
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      })),
    });
  }
  // /namespaces/<ns>/<plural>[/<name>] or /<plural>[/<name>]
  let namespace: string | undefined;
  let segments = rest;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    segments = rest.slice(2);
  }
  const resource = resources.find((r) => r.plural === segments[0]);
  if (!resource || segments.length > 2) return status(res, 404, 'NotFound', `the server could not find the requested resource (${p})`);
  const inScope = cluster.objects.filter(
    (o) => o.apiVersion === groupVersion && o.kind === resource.kind && (namespace === undefined || o.metadata.namespace === namespace),
  );
  if (segments.length === 2) {
    const found = inScope.find((o) => o.metadata.name === segments[1]);
    if (found) return send(res, 200, found);
    const group = groupOf(groupVersion);
    return send(res, 404, {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404,
      message: `${resource.plural}${group ? `.${group}` : ''} "${segments[1]}" not found`,
      details: { name: segments[1], group, kind: resource.plural },
    });
  }
  return send(res, 200, { kind: `${resource.kind}List`, apiVersion: groupVersion, metadata: { resourceVersion: '1' }, items: inScope });
}

async function ensureServer(): Promise<number> {
  starting ??= new Promise<number>((resolve, reject) => {
    const s = http.createServer(handle);
    s.requestTimeout = 10_000;
    s.headersTimeout = 10_000;
    s.keepAliveTimeout = 1_000;
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      s.unref(); // never keeps a test process alive
      server = s;
      resolve((s.address() as AddressInfo).port);
    });
  });
  return starting;
}

function normalize(cluster: StubCluster): Registered {
  const kinds = new Map<string, ResolvedResource>();
  for (const r of apiResources([
    ...cluster.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind })),
    ...cluster.apiResources,
    ...cluster.apiVersions.filter((v) => v.split('/').length === 3).map((v) => ({ apiVersion: v.split('/').slice(0, 2).join('/'), kind: v.split('/')[2] })),
  ])) kinds.set(`${r.apiVersion} ${r.kind}`, r);
  const resources = [...kinds.values()];
  const groupVersions = [...new Set([...resources.map((r) => r.apiVersion), ...cluster.apiVersions.filter((v) => v.split('/').length === 2)])];
  const objects = cluster.objects.map((o, i) => {
    if (typeof o?.apiVersion !== 'string' || typeof o?.kind !== 'string' || typeof o?.metadata?.name !== 'string') {
      throw new Error(`cluster[${i}] needs apiVersion, kind and metadata.name (got ${JSON.stringify(o)?.slice(0, 120)})`);
    }
    const namespaced = resources.find((r) => r.apiVersion === o.apiVersion && r.kind === o.kind)?.namespaced ?? true;
    const metadata = { resourceVersion: '1', uid: `helmts-stub-${i}`, ...o.metadata };
    if (namespaced) metadata.namespace ??= cluster.defaultNamespace;
    return { ...o, metadata };
  });
  return { resources, groupVersions, objects, kubeVersion: cluster.kubeVersion.startsWith('v') ? cluster.kubeVersion : `v${cluster.kubeVersion}` };
}

/**
 * Serves `cluster` for the duration of `use(kubeconfig, env)`: a kubeconfig file pointing at
 * the stub, and the environment helm needs (a private discovery cache).
 */
export async function withStubCluster<T>(cluster: StubCluster, use: (kubeconfig: string, env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const registered = normalize(cluster);
  const port = await ensureServer();
  tmpDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-stub-'));
  const id = `r${++nextId}`;
  const kubeconfig = path.join(tmpDir, `${id}.kubeconfig`);
  fs.writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1', kind: 'Config',
      clusters: [{ name: 'helmts-stub', cluster: { server: `http://127.0.0.1:${port}/c/${id}` } }],
      users: [{ name: 'helmts-stub', user: {} }],
      contexts: [{ name: 'helmts-stub', context: { cluster: 'helmts-stub', user: 'helmts-stub' } }],
      'current-context': 'helmts-stub',
    }),
  );
  clusters.set(id, registered);
  try {
    return await use(kubeconfig, { KUBECACHEDIR: path.join(tmpDir, 'cache', id) });
  } finally {
    clusters.delete(id);
    fs.rmSync(kubeconfig, { force: true });
    fs.rmSync(path.join(tmpDir, 'cache', id), { recursive: true, force: true });
  }
}

/** Whether the stub server is listening. */
export function clusterStubRunning(): boolean {
  return server?.listening ?? false;
}

/** Stops the stub server (registered as an `afterAll` when `src/testing` is imported under Jest). */
export async function stopClusterStub(): Promise<void> {
  const s = server;
  server = undefined;
  starting = undefined;
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}
