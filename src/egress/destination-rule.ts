/**
 * DestinationRules (networking.istio.io): which one a client sidecar uses for a host, its
 * subsets, and the client TLS mode per port (istio/istio 1.27.0):
 *
 * - Choice (`pilot/pkg/model/push_context.go` `destinationRule`): rules in the client's own
 *   namespace, else rules of the Service's namespace exported to the client, else rules of the
 *   root namespace exported to it; in each, the most specific host (`MostSpecificHostMatch`:
 *   exact, else the longest wildcard). Among the rules of that host, one whose `workloadSelector`
 *   selects the client wins over the selector-less one (`SidecarScope.DestinationRule`).
 *   Several selector-less rules for one host are merged by Istio; the analyzer reports that as
 *   unknown rather than merging.
 * - TLS (`pilot/pkg/networking/core/cluster_builder.go`, `applyTrafficPolicy`): the subset's
 *   `portLevelSettings` for the Service port, its `tls`, then the rule's port-level setting,
 *   then `trafficPolicy.tls`; none means auto mTLS.
 * - Subsets add clusters `outbound|<port>|<subset>|<host>` for every port of the host
 *   (`cluster.go` `buildOutboundClusters`).
 */
import { isVisibleTo, parseExportTo, type ExportTo } from './export-to';
import { hostServes } from './service-entry';
import { CLUSTER_DOMAIN, type Manifest } from './types';

export type TlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

interface TlsSettings {
  all: TlsMode | null;
  ports: Map<number, TlsMode>;
}

export interface DestinationRuleModel {
  id: string;
  /** `<name>.<namespace>`, as istioctl's DESTINATION RULE column shows it. */
  ref: string;
  name: string;
  namespace: string;
  created: number;
  /** Lower-cased FQDN or `*.suffix`. */
  host: string;
  selector: Record<string, string> | null;
  exportTo: ExportTo;
  tls: TlsSettings;
  subsets: Map<string, TlsSettings>;
  /** Subset labels (the subset's endpoints are the host's endpoints with these labels). */
  subsetLabels: Map<string, Record<string, string>>;
  /** Traffic-policy fields the analyzer does not model (`proxyProtocol`, `tunnel`, …), as paths. */
  unmodelled: string[];
  /** The `credentialName`s its `tls` blocks name (Secrets; a sidecar without workloadSelector gets no TLS context from them). */
  credentials: string[];
}

/**
 * Traffic-policy fields that cannot change one probe's outcome or cluster (load balancing,
 * connection limits, outlier detection) or that are modelled (`tls`, `portLevelSettings`);
 * any other field (`proxyProtocol`, `tunnel`, …) makes the probes the rule governs unknown.
 * `proxyProtocol` wraps the transport socket in a PROXY header the destination sidecar cannot
 * parse (`pilot/pkg/networking/core/cluster_traffic_policy.go` `applyUpstreamProxyProtocol`).
 */
const POLICY_FIELDS = new Set(['tls', 'loadBalancer', 'connectionPool', 'outlierDetection', 'portLevelSettings', 'retryBudget']);
const PORT_FIELDS = new Set(['port', 'tls', 'loadBalancer', 'connectionPool', 'outlierDetection']);
const TLS_FIELDS = new Set(['mode', 'sni', 'subjectAltNames', 'caCertificates', 'clientCertificate', 'privateKey', 'insecureSkipVerify', 'credentialName', 'caCrl']);

function unmodelledFields(policy: Obj | undefined, at: string, out: string[], credentials: string[]): void {
  const tls = (t: unknown, where: string): void => {
    for (const k of Object.keys(obj(t) ?? {})) if (!TLS_FIELDS.has(k)) out.push(`${where}.tls.${k}`);
    if (typeof obj(t)?.credentialName === 'string') credentials.push(obj(t)?.credentialName as string);
  };
  for (const k of Object.keys(policy ?? {})) if (!POLICY_FIELDS.has(k)) out.push(`${at}.${k}`);
  tls(policy?.tls, at);
  arr(policy?.portLevelSettings).forEach((raw, i) => {
    const p = obj(raw) ?? {};
    for (const k of Object.keys(p)) if (!PORT_FIELDS.has(k)) out.push(`${at}.portLevelSettings[${i}].${k}`);
    tls(p.tls, `${at}.portLevelSettings[${i}]`);
  });
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const TLS_MODES = new Set<TlsMode>(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']);

function tlsOf(policy: Obj | undefined): TlsSettings {
  const mode = (v: unknown): TlsMode | null => {
    const m = obj(v)?.mode;
    return typeof m === 'string' && TLS_MODES.has(m as TlsMode) ? (m as TlsMode) : null;
  };
  const ports = new Map<number, TlsMode>();
  for (const raw of arr(policy?.portLevelSettings)) {
    const p = obj(raw) ?? {};
    const n = obj(p.port)?.number;
    const m = mode(p.tls);
    if (typeof n === 'number' && m) ports.set(n, m);
  }
  return { all: mode(policy?.tls), ports };
}

/** A short host in a rule is qualified with the rule's namespace (`reviews` → `reviews.<ns>.svc.cluster.local`). */
export function qualifyHost(host: string, namespace: string): string {
  const h = host.toLowerCase();
  return h.includes('.') || h.startsWith('*') ? h : `${h}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

export function toDestinationRule(m: Manifest): DestinationRuleModel | null {
  const md = obj(m.metadata) ?? {};
  const name = typeof md.name === 'string' ? md.name : '';
  const namespace = typeof md.namespace === 'string' && md.namespace ? md.namespace : 'default';
  const spec = obj(m.spec) ?? {};
  if (typeof spec.host !== 'string') return null;
  const labels = obj(obj(spec.workloadSelector)?.matchLabels);
  const subsets = new Map<string, TlsSettings>();
  const subsetLabels = new Map<string, Record<string, string>>();
  const unmodelled: string[] = [];
  const credentials: string[] = [];
  unmodelledFields(obj(spec.trafficPolicy), 'trafficPolicy', unmodelled, credentials);
  for (const raw of arr(spec.subsets)) {
    const s = obj(raw) ?? {};
    if (typeof s.name !== 'string') continue;
    subsets.set(s.name, tlsOf(obj(s.trafficPolicy)));
    subsetLabels.set(s.name, Object.fromEntries(Object.entries(obj(s.labels) ?? {}).map(([k, v]) => [k, String(v)])));
    unmodelledFields(obj(s.trafficPolicy), `subsets[${s.name}].trafficPolicy`, unmodelled, credentials);
  }
  const created = typeof md.creationTimestamp === 'string' ? Date.parse(md.creationTimestamp) : 0;
  const exportTo = arr(spec.exportTo).filter((x): x is string => typeof x === 'string');
  return {
    id: `DestinationRule ${namespace}/${name}`,
    ref: `${name}.${namespace}`,
    name,
    namespace,
    created: Number.isNaN(created) ? 0 : created,
    host: qualifyHost(spec.host, namespace),
    selector: labels ? Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) : null,
    exportTo: parseExportTo(exportTo.length > 0 ? exportTo.join(',') : undefined, namespace),
    tls: tlsOf(obj(spec.trafficPolicy)),
    subsets,
    subsetLabels,
    unmodelled,
    credentials,
  };
}

export type RuleChoice = { rule: DestinationRuleModel } | { rule: null } | { unknown: string };

function selects(sel: Record<string, string>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in sel) if (labels[k] !== sel[k]) return false;
  return true;
}

export class DestinationRules {
  private readonly byNamespace = new Map<string, DestinationRuleModel[]>();

  constructor(
    rules: readonly DestinationRuleModel[],
    private readonly rootNamespace: string,
  ) {
    for (const r of [...rules].sort((a, b) => a.created - b.created || (a.ref < b.ref ? -1 : 1))) {
      const list = this.byNamespace.get(r.namespace) ?? [];
      list.push(r);
      this.byNamespace.set(r.namespace, list);
    }
  }

  get empty(): boolean {
    return this.byNamespace.size === 0;
  }

  /** Every rule whose host could apply to `host` (for clusters and scoping). */
  forHost(host: string): DestinationRuleModel[] {
    return [...this.byNamespace.values()].flat().filter((r) => hostServes(r.host, host) || r.host === host);
  }

  /** The rule a client in `clientNs` with `labels` uses for `host` (whose registry namespace is `hostNs`). */
  choose(host: string, hostNs: string | null, clientNs: string, labels: Readonly<Record<string, string>>): RuleChoice {
    const order = [clientNs === this.rootNamespace ? this.rootNamespace : clientNs, ...(hostNs ? [hostNs] : []), this.rootNamespace];
    for (const [i, ns] of order.entries()) {
      // A workloadSelector rule is local to its namespace (never exported): it applies only to workloads there.
      const visible = (this.byNamespace.get(ns) ?? []).filter((r) => (i === 0 && ns === clientNs) || (!r.selector && isVisibleTo(r.exportTo, clientNs)));
      const matching = visible.filter((r) => r.host === host || hostServes(r.host, host));
      if (matching.length === 0) continue;
      const exact = matching.filter((r) => r.host === host);
      const best = exact.length > 0 ? exact : [matching.reduce((a, b) => (b.host.length > a.host.length ? b : a))].flatMap((w) => matching.filter((r) => r.host === w.host));
      const bySelector = best.find((r) => r.selector && selects(r.selector, labels));
      if (bySelector) return { rule: bySelector };
      const wide = best.filter((r) => !r.selector);
      if (wide.length > 1) return { unknown: `${wide.map((r) => r.id).join(' and ')} both apply to ${host} (Istio merges them)` };
      return { rule: wide[0] ?? null };
    }
    return { rule: null };
  }
}

/** The client TLS mode of `rule` for the Service port `port` and `subset` (null: auto mTLS). */
export function tlsModeFor(rule: DestinationRuleModel, port: number, subset: string | null): TlsMode | null {
  const s = subset ? rule.subsets.get(subset) : undefined;
  return s?.ports.get(port) ?? s?.all ?? rule.tls.ports.get(port) ?? rule.tls.all ?? null;
}
