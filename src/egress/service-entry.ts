/**
 * ServiceEntry objects (`networking.istio.io`) as the analyzer sees them: one
 * {@link ExternalServiceModel} per (ServiceEntry, host), like pilot's
 * `convertServices` (serviceregistry/serviceentry/conversion.go) makes one `model.Service`
 * per host.
 */
import { parseExportTo, type ExportTo } from './export-to';
import { listenerClass, parseProtocol, type IstioProtocol, type ListenerClass } from './protocol';
import type { ClusterType, Manifest } from './types';

export type Resolution = 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';

export interface ExternalPortModel {
  number: number;
  name: string;
  /** `Unsupported` when the port sets no protocol (Istio sniffs it). */
  protocol: IstioProtocol;
  cls: ListenerClass;
}

export interface ExternalServiceModel {
  /** Position among all ServiceEntry hosts of the input. */
  index: number;
  /** `<namespace>/<ServiceEntry name>` */
  id: string;
  namespace: string;
  /** Lower-cased host, exact (`api.example.com`) or wildcard (`*.example.com`). */
  host: string;
  wildcard: boolean;
  ports: ExternalPortModel[];
  resolution: Resolution;
  location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  /** `spec.addresses` (VIPs or CIDRs); empty means the ports bind `0.0.0.0:<port>`. */
  addresses: string[];
  exportTo: ExportTo;
  /**
   * Why the entry's cluster has no endpoints the analyzer can see, if so: `STATIC` without
   * `endpoints` has none, a `workloadSelector` takes them from pods / WorkloadEntries
   * (`serviceentry/conversion.go` `convertServiceEntryToInstances`).
   */
  noEndpoints: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

const RESOLUTIONS = new Set<Resolution>(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']);

/** Cluster discovery type of a ServiceEntry by resolution (pilot `convertResolution`). */
export function externalClusterType(r: Resolution): ClusterType {
  switch (r) {
    case 'NONE':
      return 'ORIGINAL_DST';
    case 'DNS':
      return 'STRICT_DNS';
    case 'DNS_ROUND_ROBIN':
      return 'LOGICAL_DNS';
    default:
      return 'EDS';
  }
}

function namespaceOf(m: Manifest): { name: string; namespace: string } {
  const md = obj(m.metadata) ?? {};
  return { name: typeof md.name === 'string' ? md.name : '', namespace: typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default' };
}

/** Converts one ServiceEntry into its hosts; `warn` gets what Istio validation would reject. */
export function toExternalServices(m: Manifest, firstIndex: number, warn: (m: string) => void): ExternalServiceModel[] {
  const { name, namespace } = namespaceOf(m);
  const id = `${namespace}/${name}`;
  const spec = obj(m.spec) ?? {};
  const rawResolution = typeof spec.resolution === 'string' ? spec.resolution : 'NONE';
  let resolution: Resolution = 'NONE';
  if (RESOLUTIONS.has(rawResolution as Resolution)) resolution = rawResolution as Resolution;
  else warn(`ServiceEntry ${id}: resolution "${rawResolution}" is not valid; treated as NONE`);
  if (obj(spec.workloadSelector)) warn(`ServiceEntry ${id}: workloadSelector endpoints are not modelled`);
  const ports: ExternalPortModel[] = [];
  for (const raw of arr(spec.ports)) {
    const p = obj(raw);
    if (!p || typeof p.number !== 'number') continue;
    const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? parseProtocol(p.protocol) : 'Unsupported';
    if (typeof p.protocol === 'string' && p.protocol !== '' && protocol === 'Unsupported') {
      warn(`ServiceEntry ${id} port ${p.number}: unsupported protocol "${p.protocol}" (rejected by validation)`);
    }
    ports.push({ number: p.number, name: typeof p.name === 'string' ? p.name : '', protocol, cls: listenerClass(protocol) });
  }
  const exportTo = strs(spec.exportTo);
  const noEndpoints = obj(spec.workloadSelector)
    ? `ServiceEntry ${id} takes its endpoints from the workloads its workloadSelector selects`
    : resolution === 'STATIC' && arr(spec.endpoints).length === 0
      ? `ServiceEntry ${id} has resolution STATIC and no endpoints (its cluster is empty: 503 or a reset)`
      : null;
  const out: ExternalServiceModel[] = [];
  for (const rawHost of strs(spec.hosts)) {
    const host = rawHost.toLowerCase();
    const wildcard = host.startsWith('*');
    if (host === '*') {
      warn(`ServiceEntry ${id}: host "*" is rejected by validation; ignored`);
      continue;
    }
    if (wildcard && (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && arr(spec.endpoints).length === 0) {
      warn(`ServiceEntry ${id}: wildcard host "${host}" with resolution ${resolution} and no endpoints is rejected by validation`);
    }
    out.push({
      index: firstIndex + out.length,
      id,
      namespace,
      host,
      wildcard,
      ports,
      resolution,
      location: spec.location === 'MESH_INTERNAL' ? 'MESH_INTERNAL' : 'MESH_EXTERNAL',
      addresses: strs(spec.addresses),
      exportTo: parseExportTo(exportTo.length > 0 ? exportTo.join(',') : undefined, namespace),
      noEndpoints,
    });
  }
  return out;
}

/** Istio host matching (`host.Name.Matches`): exact, or either side a `*.suffix` wildcard covering the other. */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  if (a.startsWith('*.') && b.endsWith(a.slice(1))) return true;
  if (b.startsWith('*.') && a.endsWith(b.slice(1))) return true;
  return false;
}

/** Whether a (possibly wildcard) ServiceEntry / route host serves the concrete host a client names. */
export function hostServes(pattern: string, concrete: string): boolean {
  if (pattern === concrete || pattern === '*') return true;
  return pattern.startsWith('*.') && concrete.endsWith(pattern.slice(1)) && concrete.length > pattern.length - 1;
}
