/**
 * Turns plain Kubernetes manifests into the typed model the analyzer works on:
 * Services, workloads (pod template labels) and Sidecars. Unknown kinds are ignored;
 * kinds that would change the answer but are not modelled produce a warning.
 */
import { CLUSTER_DOMAIN, type Manifest, type OutboundMode } from './types';
import { parseExportTo, type ExportTo } from './export-to';
import { servicePortProtocol, type IstioProtocol } from './protocol';
import { toExternalServices, toHostRule, type ExternalServiceModel, type HostRule } from './service-entry';

export interface ServicePortModel {
  name: string;
  port: number;
  targetPort: number | string;
  protocol: IstioProtocol;
}

export interface ServiceModel {
  /** Position in the input; used as a compact key in hot loops. */
  index: number;
  name: string;
  namespace: string;
  fqdn: string;
  /** clusterIP: None */
  headless: boolean;
  externalName: boolean;
  selector: Record<string, string> | null;
  ports: ServicePortModel[];
  exportTo: ExportTo;
}

export interface WorkloadModel {
  kind: string;
  name: string;
  namespace: string;
  id: string;
  labels: Record<string, string>;
  /** Named container ports, to resolve named Service targetPorts. */
  containerPorts: Map<string, number>;
}

export interface EgressPortSpec {
  number: number;
  protocol: string;
  name: string;
}

export interface EgressListenerSpec {
  port: EgressPortSpec | null;
  hosts: string[];
  bind: string | null;
  captureMode: string | null;
}

export interface SidecarModel {
  name: string;
  namespace: string;
  id: string;
  /** Milliseconds; 0 when absent (Go's zero time sorts first). */
  created: number;
  /** null = no workloadSelector; `{}` = selector without labels (matches everything, still "with selector"). */
  selector: Record<string, string> | null;
  /** Empty when the Sidecar sets no egress (the `* / *` default is applied by the scope builder). */
  egress: EgressListenerSpec[];
  /** null when the field is absent; `outboundTrafficPolicy: {}` is REGISTRY_ONLY (proto zero value). */
  outboundPolicy: OutboundMode | null;
}

export interface ManifestModel {
  services: ServiceModel[];
  workloads: WorkloadModel[];
  sidecars: SidecarModel[];
  /** One per (ServiceEntry, host). */
  externals: ExternalServiceModel[];
  /** VirtualServices and TLS-originating DestinationRules: external hosts they cover get "unknown (needs X)". */
  hostRules: HostRule[];
  warnings: string[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);
const SIDECAR_API = /^networking\.istio\.io\/(v1alpha3|v1beta1|v1)$/;
const UNMODELLED_ISTIO_KINDS = new Set([
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'EnvoyFilter',
  'PeerAuthentication',
]);

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v) ?? {})) out[k] = String(val);
  return out;
}

function meta(m: Manifest): { name: string; namespace: string; annotations: Record<string, string>; m: Obj } {
  const md = obj(m.metadata) ?? {};
  return {
    name: str(md.name) ?? '',
    namespace: str(md.namespace) || 'default',
    annotations: stringMap(md.annotations),
    m: md,
  };
}

function toService(m: Manifest, index: number, warnings: string[]): ServiceModel {
  const { name, namespace, annotations } = meta(m);
  const spec = obj(m.spec) ?? {};
  const id = `${namespace}/${name}`;
  const headless = spec.clusterIP === 'None';
  const externalName = spec.type === 'ExternalName';
  if (headless) warnings.push(`Service ${id} is headless: its per-pod listeners are approximated by a VIP listener`);
  if (externalName) warnings.push(`Service ${id} is ExternalName: modelled as a DNS cluster with a VIP-like listener`);
  const ports: ServicePortModel[] = [];
  for (const raw of arr(spec.ports)) {
    const p = obj(raw);
    if (!p || typeof p.port !== 'number') continue;
    const portName = str(p.name) ?? '';
    const target = p.targetPort;
    ports.push({
      name: portName,
      port: p.port,
      targetPort: typeof target === 'number' || (typeof target === 'string' && target !== '') ? target : p.port,
      protocol: servicePortProtocol(p.port, portName, str(p.protocol), str(p.appProtocol)),
    });
  }
  const sel = obj(spec.selector);
  return {
    index,
    name,
    namespace,
    fqdn: `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`,
    headless,
    externalName,
    selector: sel && Object.keys(sel).length > 0 ? stringMap(sel) : null,
    ports,
    exportTo: parseExportTo(annotations['networking.istio.io/exportTo'], namespace),
  };
}

function podTemplate(m: Manifest): Obj | undefined {
  if (m.kind === 'Pod') return m;
  return obj(obj(m.spec)?.template);
}

function toWorkload(m: Manifest): WorkloadModel {
  const { name, namespace } = meta(m);
  const tpl = podTemplate(m) ?? {};
  const labels = stringMap(obj(tpl.metadata)?.labels);
  const containerPorts = new Map<string, number>();
  for (const c of arr(obj(tpl.spec)?.containers)) {
    for (const p of arr(obj(c)?.ports)) {
      const po = obj(p);
      if (po && typeof po.name === 'string' && typeof po.containerPort === 'number') containerPorts.set(po.name, po.containerPort);
    }
  }
  return { kind: String(m.kind), name, namespace, id: `${namespace}/${name}`, labels, containerPorts };
}

function toPolicy(spec: Obj): OutboundMode | null {
  if (!('outboundTrafficPolicy' in spec) || spec.outboundTrafficPolicy === null) return null;
  const mode = str(obj(spec.outboundTrafficPolicy)?.mode);
  return mode === 'ALLOW_ANY' ? 'ALLOW_ANY' : 'REGISTRY_ONLY';
}

function toSidecar(m: Manifest, warnings: string[]): SidecarModel {
  const { name, namespace, m: md } = meta(m);
  const spec = obj(m.spec) ?? {};
  const id = `${namespace}/${name}`;
  const ws = obj(spec.workloadSelector);
  const egress: EgressListenerSpec[] = [];
  for (const raw of arr(spec.egress)) {
    const e = obj(raw) ?? {};
    const p = obj(e.port);
    const port =
      p && typeof p.number === 'number' && p.number > 0
        ? { number: p.number, protocol: str(p.protocol) ?? '', name: str(p.name) ?? '' }
        : null;
    egress.push({
      port,
      hosts: arr(e.hosts).filter((h): h is string => typeof h === 'string'),
      bind: str(e.bind) ?? null,
      captureMode: str(e.captureMode) ?? null,
    });
  }
  const mode = str(obj(spec.outboundTrafficPolicy)?.mode);
  if (mode && mode !== 'ALLOW_ANY' && mode !== 'REGISTRY_ONLY') {
    warnings.push(`Sidecar ${id}: outboundTrafficPolicy.mode ${mode} is not valid on a Sidecar; treated as REGISTRY_ONLY`);
  }
  const ts = str(md.creationTimestamp);
  const created = ts ? Date.parse(ts) : 0;
  return {
    name,
    namespace,
    id,
    created: Number.isNaN(created) ? 0 : created,
    selector: ws ? stringMap(ws.labels) : null,
    egress,
    outboundPolicy: toPolicy(spec),
  };
}

function ownedByInput(m: Manifest, present: Set<string>): boolean {
  const { namespace, m: md } = meta(m);
  return arr(md.ownerReferences).some((r) => {
    const o = obj(r);
    return o?.controller === true && present.has(`${String(o.kind)}/${namespace}/${String(o.name)}`);
  });
}

/** Builds the model. Manifests without metadata.namespace are in `default`. */
export function buildManifestModel(manifests: readonly Manifest[]): ManifestModel {
  const warnings: string[] = [];
  const services: ServiceModel[] = [];
  const workloads: WorkloadModel[] = [];
  const sidecars: SidecarModel[] = [];
  const externals: ExternalServiceModel[] = [];
  const hostRules: HostRule[] = [];
  const present = new Set<string>();
  for (const m of manifests) {
    if (obj(m) && typeof m.kind === 'string') present.add(`${m.kind}/${meta(m).namespace}/${meta(m).name}`);
  }
  const skipped = new Map<string, number>();
  for (const m of manifests) {
    if (!obj(m) || typeof m.kind !== 'string') continue;
    const kind = m.kind;
    const api = str(m.apiVersion) ?? '';
    if (kind === 'Service' && (api === 'v1' || api === '')) {
      services.push(toService(m, services.length, warnings));
    } else if (WORKLOAD_KINDS.has(kind)) {
      if (meta(m).annotations['helm.sh/hook'] !== undefined) {
        warnings.push(`${kind} ${meta(m).namespace}/${meta(m).name} is a helm hook (e.g. a test pod); not analysed as a workload`);
      } else if (!ownedByInput(m, present)) {
        workloads.push(toWorkload(m));
      }
    } else if (kind === 'Sidecar' && SIDECAR_API.test(api)) {
      sidecars.push(toSidecar(m, warnings));
    } else if (kind === 'ServiceEntry' && SIDECAR_API.test(api)) {
      externals.push(...toExternalServices(m, externals.length, (w) => warnings.push(w)));
    } else if (UNMODELLED_ISTIO_KINDS.has(kind) && api.startsWith('networking.istio.io/')) {
      const rule = toHostRule(m);
      if (rule) hostRules.push(rule);
      skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
    }
  }
  for (const [kind, n] of skipped) warnings.push(`${n} ${kind} object(s) ignored: ${kind} is not modelled`);
  return { services, workloads, sidecars, externals, hostRules, warnings };
}
