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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
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
  test('E1: a Sidecar without outboundTrafficPolicy follows the mesh config ConfigMap istio-system/istio (REGISTRY_ONLY), or says unknown', async () => {
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

  test('E2: pods the injector ConfigMap never injects (neverInjectSelector, policy disabled) are not sidecar clients', async () => {
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
  test('E3: two namespace-wide Sidecars without creationTimestamp make the namespace’s probes unknown (creation order decides)', async () => {
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

  test('E3: two selector Sidecars matching one pod without creationTimestamp make its probes unknown', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: b, namespace: c}
spec:
  workloadSelector: {labels: {app: client}}
  outboundTrafficPolicy: {mode: ALLOW_ANY}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: a, namespace: c}
spec:
  workloadSelector: {labels: {app: client}}
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    expect(isUnknown(probe(run, 'c/client', WEB))).toBe(true);
  });

  test('E26: a Sidecar with two egress listeners on one port is refused as a whole (Istio rejects it), not applied without the second', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress:
  - port: {number: 80, protocol: HTTP, name: h}
    hosts: ["c/*"]
  - port: {number: 80, protocol: TCP, name: t}
    hosts: ["c/*"]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    expect(run.code === 2 || probe(run, 'c/client', WEB).outcome === 'ok').toBe(true);
  });

  test.each([
    ['the port-less listener is not last', '  - hosts: ["c/*"]\n  - port: {number: 8080, protocol: HTTP, name: h}\n    hosts: ["c/*"]'],
    ['a listener sets targetPort', '  - port: {number: 8080, protocol: HTTP, name: h, targetPort: 80}\n    hosts: ["c/*"]'],
    ['a listener has protocol FOO', '  - port: {number: 8080, protocol: FOO, name: h}\n    hosts: ["c/*"]'],
  ])('E26: a Sidecar Istio rejects because %s is not applied', async (_why, egressYaml) => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress:
${egressYaml}
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    expect(run.code === 2 || probe(run, 'c/client', WEB).outcome === 'ok').toBe(true);
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

  test('E7: the same Service twice is one Service (refused, or the later document), not the union of both', async () => {
    const run = await egress(`
apiVersion: v1
kind: Service
metadata: {name: web, namespace: w}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8081, targetPort: 8080}]
`);
    expect(run.code === 2 || !run.probes.some((p) => p.from === 'c/client' && p.to === WEB)).toBe(true);
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

describe('labels added by injection', () => {
  test('E18: a Sidecar selecting security.istio.io/tlsMode=istio, and a sourceLabels match on service.istio.io/canonical-name, see the injected labels', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  workloadSelector: {labels: {security.istio.io/tlsMode: istio}}
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: w}
spec:
  hosts: [web]
  http:
  - match: [{sourceLabels: {service.istio.io/canonical-name: web}}]
    directResponse: {status: 418}
  - route: [{destination: {host: web}}]
`);
    expect(probe(run, 'c/client', WEB).outcome).toBe('blackhole_reset');
    expect(probe(run, 'w/web', WEB)).toMatchObject({ outcome: 'route_response', status: 418 });
  });
});

describe('traffic capture', () => {
  test('E19: a client container running as UID 1337 bypasses its sidecar (iptables returns the proxy UID’s packets)', async () => {
    const run = await egress(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: u, namespace: c}
spec:
  selector: {matchLabels: {app: u}}
  template:
    metadata: {labels: {app: u}}
    spec:
      securityContext: {runAsUser: 1337}
      containers: [{name: c, image: curl}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress: [{hosts: ["./*"]}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    const p = probe(run, 'c/u', WEB);
    expect(p.outcome === 'direct_ok' || isUnknown(p)).toBe(true);
  });
});

describe('ports and endpoints', () => {
  test('E4: a headless Service whose targetPort differs from its port is not ok (the client dials podIP:port)', async () => {
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

  test('E5: a route to a DestinationRule subset whose labels select no pod is unknown (needs endpoints), not ok', async () => {
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

  test('E8: an HTTP Service port equal to the outbound capture port 15001 gets no listener: BlackHoleCluster reset even under ALLOW_ANY', async () => {
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

describe('requests by address', () => {
  test('E17: a request to a Service’s ClusterIP matches its virtual host (Istio adds the address to the domains)', async () => {
    const run = await egress(
      `
apiVersion: v1
kind: Service
metadata: {name: pinned, namespace: w}
spec:
  clusterIP: 10.96.0.50
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`,
      ['--probe', 'http://10.96.0.50/', '--probe', 'http://10.96.0.99/', '--mesh-mode', 'REGISTRY_ONLY'],
    );
    expect(probe(run, 'c/client', 'http://10.96.0.50:80/')).toMatchObject({ outcome: 'ok', cluster: 'outbound|80||pinned.w.svc.cluster.local' });
    // web's ClusterIP is not in the input: 10.96.0.99 may be it
    expect(isUnknown(probe(run, 'c/client', 'http://10.96.0.99:80/'))).toBe(true);
  });
});

describe('DestinationRule fields outside the model', () => {
  test('E20: a DestinationRule that sends a PROXY protocol header to a sidecar is not ok', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: w}
spec:
  host: web
  trafficPolicy:
    proxyProtocol: {version: V1}
`);
    expect(isUnknown(probe(run, 'c/client', WEB))).toBe(true);
  });
});

describe('DestinationRule TLS with credentialName', () => {
  test('E23: a selector-less DestinationRule with credentialName does not make a sidecar originate TLS', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api, namespace: c}
spec:
  hosts: [api.example.com]
  ports: [{number: 80, name: http, protocol: HTTP, targetPort: 443}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: c}
spec:
  host: api.example.com
  trafficPolicy:
    portLevelSettings:
    - port: {number: 80}
      tls: {mode: MUTUAL, credentialName: client-credential-missing, sni: api.example.com}
`);
    const p = probe(run, 'c/client', 'api.example.com:80');
    expect(p.reason).not.toMatch(/originates TLS/);
    expect(isUnknown(p)).toBe(true);
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

describe('PeerAuthentication and Sidecar listeners', () => {
  test('E13: two namespace-wide PeerAuthentications without creationTimestamp make plaintext probes to the namespace unknown', async () => {
    const run = await egress(`
apiVersion: v1
kind: Namespace
metadata: {name: plain}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: pc, namespace: plain}
spec:
  selector: {matchLabels: {app: pc}}
  template:
    metadata: {labels: {app: pc}}
    spec: {containers: [{name: c, image: curl}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: z-permissive, namespace: w}
spec: {mtls: {mode: PERMISSIVE}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: a-strict, namespace: w}
spec: {mtls: {mode: STRICT}}
`);
    expect(isUnknown(probe(run, 'plain/pc', WEB))).toBe(true);
  });

  test('E14: an egress listener bound to 127.0.0.1 does not take connections to a Service VIP (BlackHoleCluster), or the probe is unknown', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  egress:
  - port: {number: 80, protocol: HTTP, name: http}
    bind: 127.0.0.1
    hosts: ["w/*"]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`);
    const p = probe(run, 'c/client', WEB);
    expect(p.outcome === 'blackhole_reset' || isUnknown(p)).toBe(true);
  });
});

describe('ServiceEntry scoping', () => {
  test('E15: a ServiceEntry in the client’s namespace with a Kubernetes Service’s hostname replaces that Service for the client', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: shadow, namespace: c}
spec:
  hosts: [web.w.svc.cluster.local]
  location: MESH_EXTERNAL
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  endpoints: [{address: 192.0.2.10}]
`);
    const p = probe(run, 'c/client', WEB);
    // the request goes to 192.0.2.10, outside the mesh: never "ok through auto mTLS to the web pods"
    expect(p.mtls).not.toBe(true);
    expect(p.outcome === 'unknown' || p.outcome === 'ok').toBe(true);
    const client = run.workloads.find((w) => w.workload === 'c/client') as unknown as { clusters: { fqdn: string; port: number | null; direction: string }[] };
    expect(client.clusters.filter((c) => c.fqdn === 'web.w.svc.cluster.local' && c.port === 80 && c.direction === 'outbound')).toHaveLength(1);
    // the Service's own namespace keeps the Kubernetes Service
    expect(probe(run, 'w/web', WEB)).toMatchObject({ outcome: 'ok', mtls: true });
  });
});

describe('ServiceEntry addresses', () => {
  test('E22: a TCP ServiceEntry for 10.0.0.0/8 on port 80 may take a Service VIP the input does not give: unknown', async () => {
    const corp = `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: corp, namespace: c}
spec:
  hosts: [corp.internal]
  addresses: [10.0.0.0/8]
  ports: [{number: 80, name: tcp, protocol: TCP}]
  resolution: NONE
  location: MESH_EXTERNAL
`;
    const run = await egress(corp, ['--mesh-mode', 'REGISTRY_ONLY']);
    expect(isUnknown(probe(run, 'c/client', WEB))).toBe(true);
  });
});

describe('ServiceEntry validation', () => {
  test('E16: a wildcard ServiceEntry with resolution DNS and no endpoints is rejected by Istio, so it routes nothing', async () => {
    const run = await egress(
      `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: wd, namespace: c}
spec:
  hosts: ["*.example.com"]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: s, namespace: c}
spec:
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`,
      ['--external-probe', 'a.example.com:80'],
    );
    const p = run.code === 2 ? undefined : probe(run, 'c/client', 'a.example.com:80');
    expect(p === undefined || p.outcome === 'block_all_502' || isUnknown(p)).toBe(true);
  });
});

describe('objects admission would reject', () => {
  test('E21: a ServiceEntry port outside 1–65535 is rejected by Istio, so nothing is routed to it', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: c}
spec:
  hosts: [a.example.com]
  ports: [{number: 99999, name: http, protocol: HTTP}]
`);
    const p = run.code === 2 ? undefined : run.probes.find((x) => x.from === 'c/client' && x.to === 'a.example.com:99999');
    expect(p === undefined || isUnknown(p)).toBe(true);
  });

  test('E21: ServiceEntries and DestinationRules Istio’s validation refuses (NONE with endpoints, DNS_ROUND_ROBIN with two, duplicate subsets) route nothing', async () => {
    const run = await egress(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: c}
spec:
  hosts: [api.example.com]
  ports: [{number: 8081, name: http, protocol: HTTP}]
  resolution: NONE
  endpoints: [{address: 1.2.3.4}]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se2, namespace: c}
spec:
  hosts: [rr.example.com]
  ports: [{number: 8082, name: http, protocol: HTTP}]
  resolution: DNS_ROUND_ROBIN
  endpoints: [{address: a.example.net}, {address: b.example.net}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: w}
spec:
  host: web
  subsets: [{name: v1, labels: {app: web}}, {name: v1, labels: {app: nothing}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: w}
spec:
  hosts: [web]
  http: [{route: [{destination: {host: web, subset: v1}}]}]
`);
    if (run.code === 2) return;
    const routed = (to: string) => {
      const p = run.probes.find((x) => x.from === 'c/client' && x.to === to);
      return p !== undefined && p.outcome === 'ok';
    };
    expect(routed('api.example.com:8081')).toBe(false);
    expect(routed('rr.example.com:8082')).toBe(false);
    expect(probe(run, 'c/client', WEB).cluster).not.toBe('outbound|80|v1|web.w.svc.cluster.local');
  });

  test('E21: a Deployment without a pod template is no client', async () => {
    const run = await egress(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: c}
spec: {template: null}
`);
    expect(run.code === 2 || !run.workloads.some((w) => w.workload === 'c/d')).toBe(true);
  });
});

describe('egress gateway', () => {
  test('E24: a Gateway server host istio-system/edition.cnn.com does not bind a VirtualService of namespace default (404 at the gateway)', async () => {
    const fixtures = path.join(__dirname, 'fixtures', 'istio-docs');
    const system = load(fs.readFileSync(path.join(fixtures, 'cluster', 'system.yaml'), 'utf8')) as Record<string, object[]>;
    const page = load(fs.readFileSync(path.join(fixtures, 'pages', 'egress-gateway.yaml'), 'utf8')) as { sets: Record<string, Record<string, unknown>[]> };
    const gatewaySet = page.sets['http-gateway-istio'].map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
    const gw = gatewaySet.find((o) => o.kind === 'Gateway') as { spec: { servers: { hosts: string[] }[] } };
    gw.spec.servers[0].hosts = ['istio-system/edition.cnn.com'];
    const curl = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'curl', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'curl' } }, template: { metadata: { labels: { app: 'curl' } }, spec: { containers: [{ name: 'curl', image: 'curl' }] } } } };
    const docs = [...system.minimal, ...system.gateways, page.sets.client[0], ...page.sets['cnn-http-https'], ...gatewaySet, curl];
    const run = await egress(docs.map((d) => JSON.stringify(d)).join('\n---\n'), ['--from', 'default']);
    const p = probe(run, 'default/curl', 'edition.cnn.com:80');
    expect((p.outcome === 'route_response' && p.status === 404) || isUnknown(p)).toBe(true);
  });
});

describe('Gateway API egress gateway', () => {
  test('E25: an HTTPRoute of a namespace the listener’s allowedRoutes selector does not select is not attached (404 at the gateway)', async () => {
    const fixtures = path.join(__dirname, 'fixtures', 'istio-docs');
    const system = load(fs.readFileSync(path.join(fixtures, 'cluster', 'system.yaml'), 'utf8')) as Record<string, object[]>;
    const page = load(fs.readFileSync(path.join(fixtures, 'pages', 'egress-gateway.yaml'), 'utf8')) as { sets: Record<string, Record<string, unknown>[]> };
    const k8sSet = page.sets['http-gateway-k8s'].map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
    const gw = k8sSet.find((o) => o.kind === 'Gateway') as { spec: { listeners: { allowedRoutes: unknown }[] } };
    gw.spec.listeners[0].allowedRoutes = { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } };
    const curl = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'curl', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'curl' } }, template: { metadata: { labels: { app: 'curl' } }, spec: { containers: [{ name: 'curl', image: 'curl' }] } } } };
    const docs = [...system.minimal, page.sets.client[0], ...page.sets['cnn-http-https'], ...k8sSet, curl];
    const run = await egress(docs.map((d) => JSON.stringify(d)).join('\n---\n'), ['--from', 'default']);
    const p = probe(run, 'default/curl', 'edition.cnn.com:80');
    expect((p.outcome === 'route_response' && p.status === 404) || isUnknown(p)).toBe(true);
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
