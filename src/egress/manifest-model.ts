/**
 * Turns plain Kubernetes manifests into the typed model the analyzer works on: Services,
 * Namespaces, workloads, Sidecars, ServiceEntries, PeerAuthentications, DestinationRules,
 * VirtualServices, gateways and routes. Every other kind is classified by object-kinds.ts:
 * inert, or unread (one warning per kind; the probes it could affect become unknown).
 */
import { CLUSTER_DOMAIN, type Manifest } from './types';
import { parseExportTo, type ExportTo } from './export-to';
import { servicePortProtocol, type IstioProtocol } from './protocol';
import { toExternalServices, type ExternalServiceModel } from './service-entry';
import { classifyKind, unreadScope, type UnreadScope } from './object-kinds';
import { toSidecar, type SidecarModel } from './sidecar-model';

export type { EgressListenerSpec, EgressPortSpec, SidecarModel } from './sidecar-model';
import { stringMap, toWorkload, ownedByInput, WORKLOAD_KINDS, type WorkloadModel } from './workload-model';
import { toPeerAuthentication, type PeerAuthenticationModel } from './peer-authentication';
import { toDestinationRule, type DestinationRuleModel } from './destination-rule';
import { toVirtualService, type VirtualServiceModel } from './virtual-service';
import { toGatewayApiObject, type GatewayApiObject } from './gateway-api';
import { toIstioGateway, type IstioGatewayModel } from './egress-gateway';
import { impliedScopes, sidecarScopes } from './implied-scopes';

export type { WorkloadModel } from './workload-model';

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
  /** `spec.clusterIP` when the input gives one (an IPv4 address); null: assigned by the cluster, unknown here. */
  clusterIP: string | null;
  externalName: boolean;
  /** `spec.externalName` of an ExternalName Service (lower-cased). */
  externalTarget: string | null;
  selector: Record<string, string> | null;
  ports: ServicePortModel[];
  exportTo: ExportTo;
  /** The Service carries `istio.io/use-waypoint` (ambient waypoint routing, not modelled). */
  waypoint: boolean;
}

export interface ManifestModel {
  services: ServiceModel[];
  workloads: WorkloadModel[];
  sidecars: SidecarModel[];
  /** One per (ServiceEntry, host). */
  externals: ExternalServiceModel[];
  /** Labels of each Namespace object of the input. */
  namespaces: Map<string, Record<string, string>>;
  peerAuthentications: PeerAuthenticationModel[];
  destinationRules: DestinationRuleModel[];
  virtualServices: VirtualServiceModel[];
  istioGateways: IstioGatewayModel[];
  gatewayApi: GatewayApiObject[];
  /** `<namespace>/<name>` of the Endpoints / EndpointSlices (by `kubernetes.io/service-name`) that list addresses. */
  endpointObjects: Set<string>;
  /** Objects of kinds the analyzer does not read, with what they could change. */
  unread: UnreadScope[];
  /** `<namespace>/<name>` of the Secrets (DestinationRule `credentialName`s). */
  secrets: Set<string>;
  warnings: string[];
}

export interface ModelOptions {
  rootNamespace: string;
  /** `--ignore-kind` keys: kinds declared not to affect traffic. */
  ignoreKinds?: ReadonlySet<string>;
  /** Istio minor version (which API versions its CRDs serve). Default 24. */
  istioMinor?: number;
}

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
    clusterIP: typeof spec.clusterIP === 'string' && /^\d{1,3}(\.\d{1,3}){3}$/.test(spec.clusterIP) ? spec.clusterIP : null,
    externalName,
    externalTarget: externalName && typeof spec.externalName === 'string' ? spec.externalName.toLowerCase() : null,
    selector: sel && Object.keys(sel).length > 0 ? stringMap(sel) : null,
    ports,
    exportTo: parseExportTo(annotations['networking.istio.io/exportTo'], namespace),
    waypoint: stringMap(meta(m).m.labels)['istio.io/use-waypoint'] !== undefined,
  };
}

function hasAddresses(m: Manifest): boolean {
  if (m.kind === 'Endpoints') return arr(m.subsets).some((x) => arr(obj(x)?.addresses).length > 0);
  // An endpoint whose `conditions.ready` is false is not ready (nil means ready, discovery.k8s.io/v1
  // EndpointConditions); Istio does not send it as a healthy endpoint (as notReadyAddresses above).
  return arr(m.endpoints).some((x) => arr(obj(x)?.addresses).length > 0 && obj(obj(x)?.conditions)?.ready !== false);
}

function endpointsKey(m: Manifest): string {
  const { name, namespace, m: md } = meta(m);
  const owner = m.kind === 'EndpointSlice' ? stringMap(md.labels)['kubernetes.io/service-name'] : name;
  return `${namespace}/${owner ?? name}`;
}

/** Builds the model. Manifests without metadata.namespace are in `default`. */
export function buildManifestModel(manifests: readonly Manifest[], options: ModelOptions = { rootNamespace: 'istio-system' }): ManifestModel {
  const warnings: string[] = [];
  const warn = (w: string): void => void warnings.push(w);
  const model: ManifestModel = {
    services: [],
    workloads: [],
    sidecars: [],
    externals: [],
    namespaces: new Map(),
    peerAuthentications: [],
    destinationRules: [],
    virtualServices: [],
    istioGateways: [],
    gatewayApi: [],
    endpointObjects: new Set(),
    unread: [],
    secrets: new Set(),
    warnings,
  };
  const present = new Set<string>();
  for (const m of manifests) {
    if (obj(m) && typeof m.kind === 'string') present.add(`${m.kind}/${meta(m).namespace}/${meta(m).name}`);
  }
  const unreadCount = new Map<string, number>();
  for (const m of manifests) {
    if (!obj(m) || typeof m.kind !== 'string') continue;
    const kind = m.kind;
    const api = str(m.apiVersion) ?? '';
    const info = classifyKind(api, kind, options.ignoreKinds, options.istioMinor);
    if (kind === 'Secret' && api === 'v1') model.secrets.add(`${meta(m).namespace}/${meta(m).name}`);
    if (info.role === 'inert') continue;
    if (info.unserved) {
      const scope = { what: `${kind} ${meta(m).namespace}/${meta(m).name}`, needs: `${kind} ${api}`, all: true };
      model.unread.push(scope);
      warn(`${scope.what}: ${info.unserved}; every probe is unknown (needs ${scope.needs}): fix its apiVersion`);
      continue;
    }
    if (info.role === 'unread') {
      model.unread.push(unreadScope(m, info.key, options.rootNamespace));
      unreadCount.set(info.key, (unreadCount.get(info.key) ?? 0) + 1);
      continue;
    }
    if (kind === 'Service') model.services.push(toService(m, model.services.length, warnings));
    else if (kind === 'Namespace') model.namespaces.set(meta(m).name, stringMap(meta(m).m.labels));
    else if (kind === 'Endpoints' || kind === 'EndpointSlice') {
      if (hasAddresses(m)) model.endpointObjects.add(endpointsKey(m));
    } else if (WORKLOAD_KINDS.has(kind)) {
      if (meta(m).annotations['helm.sh/hook'] !== undefined) {
        warn(`${kind} ${meta(m).namespace}/${meta(m).name} is a helm hook (e.g. a test pod); not analysed as a workload`);
      } else if (!ownedByInput(m, present)) {
        model.workloads.push(toWorkload(m));
      }
    } else if (kind === 'Sidecar') {
      model.sidecars.push(toSidecar(m, warnings));
      for (const implied of sidecarScopes(m)) {
        model.unread.push(implied);
        warn(`${implied.what}: the probes it could change are unknown (needs ${implied.needs})`);
      }
    }
    else if (kind === 'ServiceEntry') model.externals.push(...toExternalServices(m, model.externals.length, warn));
    else if (kind === 'PeerAuthentication') model.peerAuthentications.push(toPeerAuthentication(m, warn));
    else if (kind === 'DestinationRule') {
      const dr = toDestinationRule(m);
      if (dr) model.destinationRules.push(dr);
    } else if (kind === 'VirtualService') model.virtualServices.push(toVirtualService(m));
    else if (kind === 'Gateway' && api.startsWith('networking.istio.io/')) model.istioGateways.push(toIstioGateway(m));
    else model.gatewayApi.push(toGatewayApiObject(m));
  }
  for (const implied of impliedScopes(model.gatewayApi, model.services, model.namespaces)) {
    model.unread.push(implied);
    warn(`${implied.what}: the probes it could change are unknown (needs ${implied.needs})`);
  }
  for (const [key, n] of unreadCount) {
    warn(`${n} ${key} object(s) not read: the probes they could change are unknown (needs ${key.split('.')[0]}); --ignore-kind ${key} declares the kind harmless`);
  }
  return model;
}
