/** Small manifest builders for egress scenarios (test helper, not a test). */
import type { EgressResult, Manifest, ProbeOutcome } from '../../src/egress';

export interface PortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export function namespace(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function service(
  name: string,
  ns: string,
  ports: PortSpec[],
  opts: { selector?: Record<string, string>; exportTo?: string; clusterIP?: string } = {},
): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, ...(opts.exportTo ? { annotations: { 'networking.istio.io/exportTo': opts.exportTo } } : {}) },
    spec: { selector: opts.selector ?? { app: name }, ports, ...(opts.clusterIP ? { clusterIP: opts.clusterIP } : {}) },
  };
}

/**
 * A Deployment whose pods ask for a sidecar (`sidecar.istio.io/inject: "true"`, as the chart's
 * pods do), so scenarios without Namespace objects still have sidecar clients.
 */
export function deployment(name: string, ns: string, labels: Record<string, string> = { app: name }): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, 'sidecar.istio.io/inject': 'true' } },
        spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'web', containerPort: 8080 }] }] },
      },
    },
  };
}

/**
 * The manifests plus an Endpoints object for every Service whose pods the scenario leaves
 * out, so the analyzer knows the Service has endpoints (it says `unknown (needs endpoints)`
 * for a Service backed by nothing it can see).
 */
export function backed(manifests: Manifest[]): Manifest[] {
  const deployments = manifests.filter((m) => m.kind === 'Deployment');
  const out = [...manifests];
  for (const m of manifests) {
    if (m.kind !== 'Service') continue;
    const md = m.metadata as { name: string; namespace: string };
    const selector = (m.spec as { selector?: Record<string, string> }).selector ?? {};
    const selected = deployments.some((d) => {
      const dm = d.metadata as { namespace: string };
      const labels = ((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels);
      return dm.namespace === md.namespace && Object.entries(selector).every(([k, v]) => labels[k] === v);
    });
    if (!selected) out.push({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: md.name, namespace: md.namespace }, subsets: [{ addresses: [{ ip: '10.1.2.3' }] }] });
  }
  return out;
}

export interface EgressSpec {
  port?: { number: number; protocol?: string; name?: string };
  hosts: string[];
}

export function sidecar(
  name: string,
  ns: string,
  spec: { selector?: Record<string, string>; egress?: EgressSpec[]; mode?: 'ALLOW_ANY' | 'REGISTRY_ONLY' },
  opts: { created?: string; apiVersion?: string } = {},
): Manifest {
  return {
    apiVersion: opts.apiVersion ?? 'networking.istio.io/v1beta1',
    kind: 'Sidecar',
    metadata: { name, namespace: ns, ...(opts.created ? { creationTimestamp: opts.created } : {}) },
    spec: {
      ...(spec.selector ? { workloadSelector: { labels: spec.selector } } : {}),
      ...(spec.egress ? { egress: spec.egress } : {}),
      ...(spec.mode ? { outboundTrafficPolicy: { mode: spec.mode } } : {}),
    },
  };
}

/** The outcome of one probe; throws when the probe does not exist so a typo cannot pass silently. */
export function outcomeOf(result: EgressResult, from: string, to: string): ProbeOutcome {
  const p = result.probes.find((x) => x.from === from && x.to === to);
  if (!p) throw new Error(`no probe ${from} → ${to}`);
  return p.outcome;
}

export function probeOf(result: EgressResult, from: string, to: string) {
  const p = result.probes.find((x) => x.from === from && x.to === to);
  if (!p) throw new Error(`no probe ${from} → ${to}`);
  return p;
}

export interface ServiceEntrySpec {
  hosts: string[];
  ports: { number: number; protocol?: string; name?: string }[];
  resolution?: string;
  addresses?: string[];
  exportTo?: string[];
  location?: string;
}

export function serviceEntry(name: string, ns: string, spec: ServiceEntrySpec): Manifest {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name, namespace: ns },
    spec: { ...spec, ports: spec.ports.map((p) => ({ name: p.name ?? `p${p.number}`, ...p })) },
  };
}
