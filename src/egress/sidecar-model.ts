/**
 * Istio Sidecar objects (networking.istio.io) as the analyzer reads them: workload selector,
 * egress listeners (port, protocol, hosts), outbound traffic policy and creation time (research
 * note §1, §7).
 */
import type { Manifest, OutboundMode } from './types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v) ?? {})) out[k] = String(val);
  return out;
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
  /** Whether metadata.creationTimestamp is given. */
  timestamped: boolean;
  /** The spec without its workloadSelector: two Sidecars with the same key act the same. */
  specKey: string;
  /** What of it the analyzer does not model for its clients' requests (listener `bind` / `captureMode`, `egressProxy`), or null. */
  unmodelled: string | null;
  /** null = no workloadSelector; `{}` = selector without labels (matches everything, still "with selector"). */
  selector: Record<string, string> | null;
  /** Empty when the Sidecar sets no egress (the `* / *` default is applied by the scope builder). */
  egress: EgressListenerSpec[];
  /** null when the field is absent; `outboundTrafficPolicy: {}` is REGISTRY_ONLY (proto zero value). */
  outboundPolicy: OutboundMode | null;
}

function toPolicy(spec: Obj): OutboundMode | null {
  if (!('outboundTrafficPolicy' in spec) || spec.outboundTrafficPolicy === null) return null;
  const mode = str(obj(spec.outboundTrafficPolicy)?.mode);
  return mode === 'ALLOW_ANY' ? 'ALLOW_ANY' : 'REGISTRY_ONLY';
}

/**
 * A listener with `bind` (or `captureMode` other than DEFAULT) listens on that address (or
 * without iptables capture; `listener.go` `buildSidecarOutboundListeners`), so the connections a
 * probe makes to a VIP or external address may never reach it; `egressProxy` replaces
 * PassthroughCluster. Neither is modelled.
 */
function unmodelledParts(spec: Obj, egress: EgressListenerSpec[]): string | null {
  const parts: string[] = [];
  egress.forEach((e, i) => {
    if (e.bind) parts.push(`egress[${i}].bind ${e.bind}`);
    if (e.captureMode && e.captureMode !== 'DEFAULT') parts.push(`egress[${i}].captureMode ${e.captureMode}`);
  });
  if (obj(spec.outboundTrafficPolicy)?.egressProxy) parts.push('outboundTrafficPolicy.egressProxy');
  const known = new Set(['workloadSelector', 'egress', 'ingress', 'outboundTrafficPolicy', 'inboundConnectionPool']);
  for (const k of Object.keys(spec)) if (!known.has(k)) parts.push(k);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function toSidecar(m: Manifest, warnings: string[]): SidecarModel {
  const md = obj(m.metadata) ?? {};
  const name = str(md.name) ?? '';
  const namespace = str(md.namespace) || 'default';
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
    timestamped: ts !== undefined && !Number.isNaN(created),
    specKey: JSON.stringify({ ...spec, workloadSelector: undefined }),
    unmodelled: unmodelledParts(spec, egress),
    selector: ws ? stringMap(ws.labels) : null,
    egress,
    outboundPolicy: toPolicy(spec),
  };
}

