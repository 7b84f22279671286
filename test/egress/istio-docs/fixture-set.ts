/**
 * The fixture set extracted from Istio's documentation tests (test/egress/fixtures/istio-docs/):
 * one record per request a task page's test script checks, with the objects in force at that
 * assertion. This file only reads the data; it knows nothing of the analyzer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'istio-docs');

type Obj = Record<string, unknown>;
export type Manifest = Obj;

/** What the page's test asserts about one request (any combination). */
export interface Expected {
  /** The destination application answered (the status the page shows, e.g. 200 or CNN's own 301). */
  app?: number;
  /** A proxy answered with this status instead of the application (e.g. a route timeout's 504). */
  proxy?: number;
  /** curl failed with this exit code (e.g. 56: connection reset; 35: reset during the TLS handshake). */
  exit?: number;
  /** The client sidecar's access log names this cluster. */
  cluster?: string;
  /** The egress gateway's log or cluster stats name this cluster. */
  gatewayCluster?: string;
  /** The connection used Istio mutual TLS (X-Forwarded-Client-Cert present) or not. */
  mtls?: boolean;
  /** The client's sidecar handled the request (headers it adds are present). */
  throughSidecar?: boolean;
}

/** What every record says: where it comes from and what was in force. */
interface RecordBase {
  id: string;
  page: string;
  test: string;
  snippet: string;
  assert: string;
  /** False when the page shows the outcome but its test script runs the snippet without checking it. */
  ciChecked: boolean;
  feature: string;
  mesh: { outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY' };
  manifests: Manifest[];
}

export interface RequestRecord extends RecordBase {
  kind: 'request';
  /** `<namespace>/<workload>` of the curl client. */
  from: string;
  url: string;
  /** `--resolve`: the connection goes to this Service (`name.namespace`) while the URL names the host. */
  connectTo?: string;
  /** `HTTPS_PROXY=ip:port`: the connection goes to this address. */
  proxy?: string;
  /** How long the application takes to answer (httpbin's /delay/n). */
  takesSeconds?: number;
  expect: Expected;
}

export interface WorkloadRecord extends RecordBase {
  kind: 'workload';
  workload: string;
  expect: { sidecar: boolean };
}

export type FixtureRecord = RequestRecord | WorkloadRecord;

const read = (file: string): string => fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8');

function sampleDocs(name: string): Manifest[] {
  return parseAllDocuments(read(`samples/${name}.yaml`))
    .map((d) => d.toJS() as Manifest | null)
    .filter((d): d is Manifest => d !== null && typeof d === 'object');
}

/**
 * What `istioctl kube-inject` adds to a pod template that the analyzer can see: the
 * `istio-proxy` container, the `sidecar.istio.io/status` annotation and the labels the
 * injection template sets (pkg/kube/inject, the `sidecar` template).
 */
function kubeInject(m: Manifest): Manifest {
  const spec = m.spec as Obj | undefined;
  const template = spec?.template as Obj | undefined;
  if (!template) return m;
  const metadata = (template.metadata ?? {}) as Obj;
  const podSpec = (template.spec ?? {}) as Obj;
  return {
    ...m,
    spec: {
      ...spec,
      template: {
        ...template,
        metadata: {
          ...metadata,
          labels: { ...(metadata.labels as Obj), 'security.istio.io/tlsMode': 'istio' },
          annotations: {
            ...(metadata.annotations as Obj),
            'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null}',
          },
        },
        spec: {
          ...podSpec,
          initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.27.0' }],
          containers: [...((podSpec.containers as unknown[]) ?? []), { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.27.0', args: ['proxy', 'sidecar'] }],
        },
      },
    },
  };
}

function expandItem(item: Obj, page: Obj): Manifest[] {
  if (typeof item.include === 'string') {
    const [file, key] = item.include.split('#');
    const data = parse(read(file)) as Record<string, Manifest[]>;
    if (!data[key]) throw new Error(`${item.include}: no such set`);
    return data[key];
  }
  if (typeof item.sample === 'string') {
    const ns = String(item.namespace);
    return sampleDocs(item.sample).map((d) => {
      const withNs = { ...d, metadata: { ...(d.metadata as Obj), namespace: ns } };
      return item.kubeInject === true && d.kind === 'Deployment' ? kubeInject(withNs) : withNs;
    });
  }
  void page;
  return [item];
}

const keyOf = (m: Manifest): string => {
  const md = (m.metadata ?? {}) as Obj;
  return `${String(m.kind)}/${String(md.namespace ?? '')}/${String(md.name ?? '')}`;
};

/** The sets in force, applied in order like `kubectl apply`: a later object of the same kind, namespace and name replaces the earlier one. */
function manifestsOf(sets: string[], page: Obj): Manifest[] {
  const defined = page.sets as Record<string, Obj[]>;
  const byKey = new Map<string, Manifest>();
  for (const name of sets) {
    if (!defined[name]) throw new Error(`${String(page.page)}: no set ${name}`);
    for (const item of defined[name]) for (const m of expandItem(item, page)) byKey.set(keyOf(m), m);
  }
  return [...byKey.values()].map((m) => JSON.parse(JSON.stringify(m)) as Manifest);
}

function seconds(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(String(v));
  if (!m) throw new Error(`takes: "${String(v)}" must be like 5s`);
  return Number(m[1]);
}

/** Every record of every page file, in file and step order. */
export function loadFixtureSet(): FixtureRecord[] {
  const out: FixtureRecord[] = [];
  for (const file of fs.readdirSync(path.join(FIXTURE_DIR, 'pages')).sort()) {
    const page = parse(read(`pages/${file}`)) as Obj;
    const pageName = file.replace(/\.yaml$/, '');
    const tests = page.tests as string[];
    for (const [i, raw] of (page.steps as Obj[]).entries()) {
      const step = raw as Obj & { sets: string[] };
      const base = {
        page: String(page.page),
        test: String(step.test ?? tests[0]),
        snippet: String(step.snippet),
        assert: String(step.assert),
        ciChecked: step.ciChecked !== false,
        mesh: { outboundTrafficPolicy: ((step.mesh as Obj | undefined)?.outboundTrafficPolicy ?? 'ALLOW_ANY') as 'ALLOW_ANY' | 'REGISTRY_ONLY' },
        manifests: manifestsOf(step.sets, page),
      };
      const id = (suffix: string) => `${pageName}#${i + 1}:${base.test}:${base.snippet}:${suffix}`;
      for (const r of (step.requests as Obj[] | undefined) ?? []) {
        out.push({ ...base, kind: 'request', id: id(`${r.from} ${r.url}`), feature: String(r.feature), from: String(r.from), url: String(r.url),
          connectTo: r.connectTo as string | undefined, proxy: r.proxy as string | undefined, takesSeconds: seconds(r.takes), expect: r.expect as Expected });
      }
      if (step.matrix) {
        const spec = page.matrix as { from: string[]; to: string[]; url: string; client: string };
        const m = step.matrix as { feature: string; expect: Expected; except?: Record<string, Expected> };
        for (const from of spec.from) {
          for (const to of spec.to) {
            const url = spec.url.replace('{to}', to).replace('{from}', from);
            const client = spec.client.replace('{from}', from);
            out.push({ ...base, kind: 'request', id: id(`${client} ${url}`), feature: m.feature, from: client, url, expect: m.except?.[`${from}>${to}`] ?? m.expect });
          }
        }
      }
      for (const w of (step.workloads as Obj[] | undefined) ?? []) {
        out.push({ ...base, kind: 'workload', id: id(String(w.workload)), feature: String(w.feature), workload: String(w.workload), expect: w.expect as { sidecar: boolean } });
      }
    }
  }
  return out;
}
