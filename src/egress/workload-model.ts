/**
 * Workloads of the input: Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs
 * and Pods, as their pod template shows them (labels, annotations, containers), so that the
 * sidecar decision (injection.ts) and named target ports can be read from them.
 */
import type { InjectionInput } from './injection';
import type { Manifest } from './types';

export interface WorkloadModel extends InjectionInput {
  kind: string;
  name: string;
  namespace: string;
  id: string;
  /** Pod template labels (= `podLabels`). */
  labels: Record<string, string>;
  /** Named container ports, to resolve named Service targetPorts. */
  containerPorts: Map<string, number>;
  /** `spec.replicas` when set (0: no pods, so no endpoints). */
  replicas: number | null;
  /** A container (other than istio-proxy) runs as UID 1337, the proxy's: iptables lets its traffic bypass the sidecar. */
  runsAsProxyUid: boolean;
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v) ?? {})) out[k] = String(val);
  return out;
}

function podTemplate(m: Manifest): Obj | undefined {
  if (m.kind === 'Pod') return m;
  if (m.kind === 'CronJob') return obj(obj(obj(obj(m.spec)?.jobTemplate)?.spec)?.template);
  return obj(obj(m.spec)?.template);
}

export function toWorkload(m: Manifest): WorkloadModel {
  const md = obj(m.metadata) ?? {};
  const name = typeof md.name === 'string' ? md.name : '';
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const tpl = podTemplate(m) ?? {};
  const labels = stringMap(obj(tpl.metadata)?.labels);
  const podSpec = obj(tpl.spec) ?? {};
  const containerPorts = new Map<string, number>();
  const containers: string[] = [];
  let proxyArgs: string[] = [];
  const podUid = obj(podSpec.securityContext)?.runAsUser;
  let runsAsProxyUid = false;
  for (const raw of arr(podSpec.containers)) {
    const c = obj(raw) ?? {};
    const cname = typeof c.name === 'string' ? c.name : '';
    const uid = obj(c.securityContext)?.runAsUser ?? podUid;
    if (cname !== 'istio-proxy' && (uid === 1337 || uid === '1337')) runsAsProxyUid = true;
    containers.push(cname);
    if (cname === 'istio-proxy') proxyArgs = arr(c.args).map(String);
    for (const p of arr(c.ports)) {
      const po = obj(p);
      if (po && typeof po.name === 'string' && typeof po.containerPort === 'number') containerPorts.set(po.name, po.containerPort);
    }
  }
  const replicas = m.kind === 'Pod' ? null : obj(m.spec)?.replicas;
  return {
    kind: String(m.kind),
    name,
    namespace,
    id: `${namespace}/${name}`,
    labels,
    podLabels: labels,
    podAnnotations: stringMap(obj(tpl.metadata)?.annotations),
    hostNetwork: podSpec.hostNetwork === true,
    containers,
    proxyArgs,
    containerPorts,
    replicas: typeof replicas === 'number' ? replicas : null,
    runsAsProxyUid,
  };
}

/** Whether another object of the input controls this one (a ReplicaSet of a Deployment, a Pod of a ReplicaSet…). */
export function ownedByInput(m: Manifest, present: ReadonlySet<string>): boolean {
  const md = obj(m.metadata) ?? {};
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  return arr(md.ownerReferences).some((r) => {
    const o = obj(r);
    return o?.controller === true && present.has(`${String(o.kind)}/${namespace}/${String(o.name)}`);
  });
}
