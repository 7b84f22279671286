/**
 * Red team of the egress analysis against its README promise ("never confidently wrong"), one test
 * per finding of /work/coord/rt-egress/FINDINGS.md (E1…). Each test asserts what Istio (or
 * Kubernetes) does, or `unknown (needs …)` where the input cannot tell.
 *
 * Tests declared with `test.failing(...)` FAIL TODAY: the analyzer gives a confidently wrong (or
 * needlessly unknown) answer. A fixer flips `test.failing` to `test` when the analyzer is fixed; a
 * `test.failing` that starts passing makes Jest report it, so it cannot be forgotten.
 *
 * Inputs go through the CLI entry (`runEgressCli`, `--manifests -`, `--json`) in process, so the
 * YAML parsing and the warnings are part of what is tested.
 */
import { runEgressCli } from '../../src/egress/run-cli';
import type { Probe } from '../../src/egress';

/** Namespaces c and w (injection enabled), Deployment c/client, Service w/web :80 → 8080, Deployment w/web. */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: c, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: w, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: c}
spec:
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec: {containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: w}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: w}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
`;

interface Run {
  code: number;
  stderr: string;
  workloads: { workload: string; proxy: string; mode: string; sidecar: unknown }[];
  probes: Probe[];
}

async function egress(extra: string, args: string[] = []): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runEgressCli(['--manifests', '-', '--json', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => `${BASE}\n---\n${extra}`,
    renderChart: () => {
      throw new Error('no chart in these tests');
    },
  });
  const parsed = code === 0 && stdout ? (JSON.parse(stdout) as Omit<Run, 'code' | 'stderr'>) : { workloads: [], probes: [] };
  return { code, stderr, ...parsed };
}

function probe(run: Run, from: string, to: string): Probe {
  const p = run.probes.find((x) => x.from === from && x.to === to);
  if (!p) throw new Error(`no probe ${from} -> ${to}; probes: ${run.probes.map((x) => `${x.from}->${x.to}`).join(', ')}`);
  return p;
}

const WEB = 'web.w.svc.cluster.local:80';
const isUnknown = (p: Probe) => p.outcome === 'unknown' && p.via.startsWith('unknown (needs ');

describe('objects that change outcomes are never taken as inert', () => {
  test.failing('E1: a Sidecar without outboundTrafficPolicy follows the mesh config ConfigMap istio-system/istio (REGISTRY_ONLY), or says unknown', async () => {
    const run = await egress(`
apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |-
    outboundTrafficPolicy:
      mode: REGISTRY_ONLY
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress: [{hosts: ["./*"]}]
`);
    const p = probe(run, 'c/client', WEB);
    expect(p.outcome === 'blackhole_reset' || isUnknown(p)).toBe(true);
  });

  test.failing('E2: pods the injector ConfigMap never injects (neverInjectSelector, policy disabled) are not sidecar clients', async () => {
    const run = await egress(`
apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  config: |-
    policy: disabled
    neverInjectSelector:
      - matchExpressions: [{key: app, operator: Exists}]
  values: '{}'
`);
    const p = probe(run, 'c/client', WEB);
    expect(p.outcome === 'direct_ok' || isUnknown(p)).toBe(true);
  });
});

describe('Sidecar selection and input documents', () => {
  test.failing('E3: two namespace-wide Sidecars without creationTimestamp make the namespace’s probes unknown (creation order decides)', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: b-allow, namespace: c}
spec:
  outboundTrafficPolicy: {mode: ALLOW_ANY}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: a-deny, namespace: c}
spec:
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    expect(isUnknown(probe(run, 'c/client', WEB))).toBe(true);
  });

  test('E3 (control): with creationTimestamps the oldest Sidecar decides', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: b-allow, namespace: c, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  outboundTrafficPolicy: {mode: ALLOW_ANY}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: a-deny, namespace: c, creationTimestamp: "2024-06-01T00:00:00Z"}
spec:
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    expect(probe(run, 'c/client', WEB).outcome).toBe('ok');
  });

  test('E7: the same Sidecar twice (kind, namespace, name) is refused or the later document wins, as kubectl apply does', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  outboundTrafficPolicy: {mode: ALLOW_ANY}
`);
    expect(run.code === 2 || probe(run, 'c/client', WEB).outcome === 'ok').toBe(true);
  });

  test('E9: objects without metadata.namespace are reported with the namespace assumed', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s}
spec:
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    const lines = run.stderr.split('\n').filter((l) => /Sidecar/.test(l) && /namespace/i.test(l) && !/Closed world/.test(l));
    expect(lines.length).toBeGreaterThan(0);
  });

  test('E11: an object of an API version Kubernetes does not serve (networking.istio.io/v9) is not applied as a VirtualService', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v9
kind: VirtualService
metadata: {name: vs, namespace: w}
spec:
  hosts: [web]
  http: [{directResponse: {status: 503}}]
`);
    const p = run.code === 2 ? undefined : probe(run, 'c/client', WEB);
    expect(p === undefined || p.outcome === 'ok' || isUnknown(p)).toBe(true);
    if (p) expect(p.status).not.toBe(503);
  });
});

describe('ports and endpoints', () => {
  test.failing('E4: a headless Service whose targetPort differs from its port is not ok (the client dials podIP:port)', async () => {
    const run = await egress(`
apiVersion: v1
kind: Service
metadata: {name: hl, namespace: w}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`);
    const p = probe(run, 'c/client', 'hl.w.svc.cluster.local:80');
    expect(p.outcome).not.toBe('ok');
    expect(isUnknown(p)).toBe(true);
  });

  test('E4 (control): a headless Service whose targetPort equals its port is ok', async () => {
    const run = await egress(`
apiVersion: v1
kind: Service
metadata: {name: hl, namespace: w}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 8080, targetPort: 8080}]
`);
    expect(probe(run, 'c/client', 'hl.w.svc.cluster.local:8080').outcome).toBe('ok');
  });

  test.failing('E5: a route to a DestinationRule subset whose labels select no pod is unknown (needs endpoints), not ok', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: w}
spec:
  host: web
  subsets: [{name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: w}
spec:
  hosts: [web]
  http: [{route: [{destination: {host: web, subset: v2}}]}]
`);
    expect(probe(run, 'c/client', WEB).via).toBe('unknown (needs endpoints)');
  });

  test('E6: an EndpointSlice whose only endpoint is not ready gives no endpoints', async () => {
    const run = await egress(`
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: w}
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ext-1, namespace: w, labels: {kubernetes.io/service-name: ext}}
addressType: IPv4
ports: [{name: http, port: 80}]
endpoints: [{addresses: ["10.1.2.3"], conditions: {ready: false}}]
`);
    expect(probe(run, 'c/client', 'ext.w.svc.cluster.local:80').via).toBe('unknown (needs endpoints)');
  });

  test('E6 (control): an Endpoints object with only notReadyAddresses gives no endpoints', async () => {
    const run = await egress(`
apiVersion: v1
kind: Service
metadata: {name: ext2, namespace: w}
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: ext2, namespace: w}
subsets: [{notReadyAddresses: [{ip: 10.1.2.4}], ports: [{name: http, port: 80}]}]
`);
    expect(probe(run, 'c/client', 'ext2.w.svc.cluster.local:80').via).toBe('unknown (needs endpoints)');
  });

  test.failing('E8: an HTTP Service port equal to the outbound capture port 15001 gets no listener: BlackHoleCluster reset even under ALLOW_ANY', async () => {
    const run = await egress(`
apiVersion: v1
kind: Service
metadata: {name: odd, namespace: w}
spec:
  selector: {app: web}
  ports: [{name: http, port: 15001, targetPort: 8080}, {name: http-b, port: 15021, targetPort: 8080}, {name: tcp-c, port: 15006, targetPort: 8080}]
`);
    const p15001 = probe(run, 'c/client', 'odd.w.svc.cluster.local:15001');
    expect(p15001.outcome === 'blackhole_reset' || isUnknown(p15001)).toBe(true);
    const p15021 = probe(run, 'c/client', 'odd.w.svc.cluster.local:15021');
    expect(p15021.outcome).not.toBe('ok');
    // a TCP port binds the Service VIP, which the reserved-listener rule leaves alone
    expect(probe(run, 'c/client', 'odd.w.svc.cluster.local:15006').outcome).toBe('ok');
  });
});

describe('routes', () => {
  test('E10: an HTTPRoute rule without backends (and no redirect) answers 500, as Istio converts it', async () => {
    const run = await egress(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: w}
spec:
  parentRefs: [{group: "", kind: Service, name: web, port: 80}]
  rules: [{backendRefs: [{name: web, port: 80, weight: 0}]}]
`);
    const p = probe(run, 'c/client', WEB);
    expect([p.outcome, p.status]).toEqual(['route_response', 500]);
  });
});

describe('Istio versions', () => {
  test('E12: before 1.14.3 a Sidecar ALLOW_ANY under a REGISTRY_ONLY mesh may still get block_all on a shared HTTP route (#39794): unknown, or the version refused', async () => {
    const run = await egress(
      `
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress: [{hosts: ["c/*"]}]
  outboundTrafficPolicy: {mode: ALLOW_ANY}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: c}
spec:
  selector: {app: client}
  ports: [{name: http, port: 80}]
`,
      ['--mesh-mode', 'REGISTRY_ONLY', '--istio-version', '1.14'],
    );
    expect(run.code === 2 || isUnknown(probe(run, 'c/client', WEB))).toBe(true);
  });
});
