/**
 * What admission refuses: an object Istio's validating webhook or the Kubernetes API server
 * rejects never exists, so no verdict may rest on it. The CLI stops (exit 2) naming the object and
 * the reason; the library leaves the object out, with a warning.
 *
 * Istio (istio/istio `86c9f01fd735`, `pkg/config/validation/validation.go`, `virtualservice.go`):
 * - Sidecar (`ValidateSidecar`): every egress host (sidecar-validation.ts); the port-less listener
 *   last and alone ("the egress listener with empty port should be the last listener", "egress can
 *   have only one listener with empty port"); "ports on IP bound listeners must be unique";
 *   "targetPort has no impact on Sidecars"; `ValidateProtocol` (`pkg/config/protocol/instance.go`
 *   `Parse`, case-insensitive).
 * - ServiceEntry (`ValidateServiceEntry`): `agent.ValidatePort` (1–65535) and `ValidateProtocol` on
 *   every port; duplicate port numbers; NONE with endpoints; DNS / DNS_ROUND_ROBIN without
 *   endpoints and a host that is not an FQDN (`agent.ValidateFQDN`: a wildcard is not);
 *   DNS_ROUND_ROBIN with more than one endpoint.
 * - DestinationRule (`ValidateDestinationRule`): duplicate subset names.
 * - VirtualService (`validateHTTPRoute`): an HTTP route needs `route`, `redirect`,
 *   `directResponse` (or `delegate`).
 * Kubernetes: a Deployment, StatefulSet, DaemonSet or ReplicaSet needs `spec.selector` and
 * `spec.template`, a Job `spec.template`, a CronJob `spec.jobTemplate`, a Pod `spec.containers`.
 */
import type { Manifest } from './types';
import type { VersionFeatures } from './istio-version';
import { sidecarValidationProblems } from './sidecar-validation';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const validProtocol = (p: unknown): boolean => p === undefined || p === '' || (typeof p === 'string' && PROTOCOLS.has(p.toLowerCase()));
const validPort = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
/** `agent.ValidateFQDN`: DNS-1123 labels, no wildcard, at most 255 characters. */
const fqdn = (h: string): boolean => h.length <= 255 && h.replace(/\.$/, '').split('.').every((l) => /^[a-zA-Z0-9](?:[-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/.test(l));

export interface Refusal {
  manifest: Manifest;
  /** `Sidecar c/s: …` */
  problem: string;
}

function idOf(m: Manifest): string {
  const md = obj(m.metadata) ?? {};
  return `${String(m.kind)} ${typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default'}/${String(md.name ?? '')}`;
}

function sidecarListenerProblems(spec: Obj): string[] {
  const out: string[] = [];
  const egress = arr(spec.egress);
  const ports = new Set<number>();
  let catchAll = false;
  egress.forEach((raw, i) => {
    const e = obj(raw);
    if (!e) return void out.push(`spec.egress[${i}]: egress listener may not be null`);
    const port = obj(e.port);
    if (!port) {
      if (catchAll) out.push(`spec.egress[${i}]: egress can have only one listener with empty port`);
      else if (i !== egress.length - 1) out.push(`spec.egress[${i}]: the egress listener with empty port should be the last listener in the list`);
      else catchAll = true;
      return;
    }
    if (typeof port.targetPort === 'number' && port.targetPort > 0) out.push(`spec.egress[${i}].port.targetPort: targetPort has no impact on Sidecars`);
    if (!validProtocol(port.protocol)) out.push(`spec.egress[${i}].port.protocol: unsupported protocol: ${String(port.protocol)}`);
    if (typeof port.number === 'number' && port.number !== 0) {
      if (ports.has(port.number)) out.push(`spec.egress[${i}].port: ports on IP bound listeners must be unique (${port.number})`);
      ports.add(port.number);
    }
  });
  return out;
}

function serviceEntryProblems(spec: Obj): string[] {
  const out: string[] = [];
  const numbers = new Set<number>();
  arr(spec.ports).forEach((raw, i) => {
    const p = obj(raw) ?? {};
    if (!validPort(p.number)) out.push(`spec.ports[${i}].number ${JSON.stringify(p.number)}: port number must be in the range 1..65535`);
    if (typeof p.number === 'number' && numbers.has(p.number)) out.push(`spec.ports[${i}]: service entry port ${p.number} already defined`);
    if (typeof p.number === 'number') numbers.add(p.number);
    if (!validProtocol(p.protocol)) out.push(`spec.ports[${i}].protocol: unsupported protocol: ${String(p.protocol)}`);
    if (p.targetPort !== undefined && p.targetPort !== 0 && !validPort(p.targetPort)) out.push(`spec.ports[${i}].targetPort: port number must be in the range 1..65535`);
  });
  const resolution = typeof spec.resolution === 'string' ? spec.resolution : 'NONE';
  const endpoints = arr(spec.endpoints);
  if (resolution === 'NONE' && endpoints.length > 0) out.push('no endpoints should be provided for resolution type none');
  if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && endpoints.length === 0) {
    const bad = arr(spec.hosts).find((h) => typeof h === 'string' && !fqdn(h));
    if (bad !== undefined) out.push(`hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution} ("${String(bad)}")`);
  }
  if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) out.push('there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN');
  return out;
}

function workloadProblems(m: Manifest): string[] {
  const spec = obj(m.spec);
  switch (m.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
      return [...(obj(spec?.selector) ? [] : ['spec.selector: Required value']), ...(obj(spec?.template) ? [] : ['spec.template: Required value'])];
    case 'Job':
      return obj(spec?.template) ? [] : ['spec.template: Required value'];
    case 'CronJob':
      return obj(spec?.jobTemplate) ? [] : ['spec.jobTemplate: Required value'];
    case 'Pod':
      return arr(spec?.containers).length > 0 ? [] : ['spec.containers: Required value'];
    default:
      return [];
  }
}

/** Problems per object and version switch, so the CLI's check and the analysis do not repeat the work. */
const cache = new WeakMap<Manifest, { tilde: boolean; problems: string[] }>();

/** Every object of the input admission would refuse, with the reason. */
export function admissionRefusals(manifests: readonly Manifest[], features: Pick<VersionFeatures, 'tildeExclusion'>): Refusal[] {
  const out: Refusal[] = [];
  for (const m of manifests) {
    let hit = cache.get(m);
    if (!hit || hit.tilde !== features.tildeExclusion) cache.set(m, (hit = { tilde: features.tildeExclusion, problems: problemsOf(m, features) }));
    for (const p of hit.problems) out.push({ manifest: m, problem: `${idOf(m)}: ${p}` });
  }
  return out;
}

function problemsOf(m: Manifest, features: Pick<VersionFeatures, 'tildeExclusion'>): string[] {
  {
    const api = String(m.apiVersion ?? '');
    const spec = obj(m.spec) ?? {};
    let problems: string[] = [];
    if (api.startsWith('networking.istio.io/')) {
      if (m.kind === 'Sidecar') problems = [...sidecarValidationProblems([m], features).map((x) => x.replace(/^Sidecar [^:]*: /, '')), ...sidecarListenerProblems(spec)];
      else if (m.kind === 'ServiceEntry') problems = serviceEntryProblems(spec);
      else if (m.kind === 'DestinationRule') {
        const names = arr(spec.subsets).map((s) => obj(s)?.name);
        const dup = names.find((n, i) => names.indexOf(n) !== i);
        if (dup !== undefined) problems = [`duplicate subset names: ${String(dup)}`];
      } else if (m.kind === 'VirtualService') {
        arr(spec.http).forEach((raw, i) => {
          const r = obj(raw);
          if (r && !r.delegate && !r.redirect && !r.directResponse && arr(r.route).length === 0) problems.push(`spec.http[${i}]: HTTP route, redirect or direct_response is required`);
        });
      }
    } else if (api === 'v1' || api === 'apps/v1' || api === 'batch/v1') problems = workloadProblems(m);
    return problems;
  }
}
