/**
 * Scores the egress analyzer on the fixture set: for each record, the analyzer's prediction
 * for that request (or workload) against what Istio's doc test asserted. A prediction is
 * `correct` when every asserted observable matches, `wrong` when a decided one differs, and
 * `unknown` when the analyzer says `unknown (needs …)` or does not report an asserted observable.
 *
 * Written against the analyzer's public API only, and tolerant of its older shape (no
 * request probes, no `cluster` field), so the same scorer measures main's analyzer too.
 */
import * as egress from '../../../src/egress';
import type { Expected, FixtureRecord, RequestRecord } from './fixture-set';

export type Verdict = 'correct' | 'unknown' | 'wrong';

export interface Score {
  record: FixtureRecord;
  verdict: Verdict;
  /** What the analyzer predicted, in one line. */
  predicted: string;
  why: string;
}

type Obj = Record<string, unknown>;
type AnyProbe = egress.Probe & Partial<Record<'cluster' | 'gatewayCluster' | 'timeout' | 'status' | 'mtls' | 'proxy', unknown>>;

interface Target {
  /** Probe key to look up: `<fqdn>:<port>` or `<host>:<port>`. */
  to: string;
  /** What to pass the analyzer as an extra probe, when the default probes do not cover the request. */
  extra?: egress.ProbeRequest | string;
  tls: boolean;
  inMesh: boolean;
}

const supportsRequests = typeof (egress as unknown as Obj).parseProbeRequest === 'function';

function services(manifests: readonly Obj[]): Set<string> {
  const out = new Set<string>();
  for (const m of manifests) {
    if (m.kind !== 'Service') continue;
    const md = (m.metadata ?? {}) as Obj;
    out.add(`${String(md.name)}.${String(md.namespace ?? 'default')}.svc.cluster.local`);
  }
  return out;
}

/** Kubernetes DNS from the client's namespace: `svc`, `svc.ns`, `svc.ns.svc`, the FQDN. */
function serviceFqdn(host: string, clientNs: string, known: Set<string>): string | undefined {
  const candidates = [host, `${host}.${clientNs}.svc.cluster.local`, `${host}.svc.cluster.local`, `${host}.cluster.local`];
  return candidates.find((c) => known.has(c));
}

/** The analyzer's own key for a request probe (its normalized URL). */
const requestKey = (req: egress.ProbeRequest): string => (egress as unknown as { parseProbeRequest: (r: egress.ProbeRequest) => { to: string } }).parseProbeRequest(req).to;

function targetOf(r: RequestRecord): Target {
  const t = legacyTargetOf(r);
  return supportsRequests && t.extra && typeof t.extra !== 'string' ? { ...t, to: requestKey(t.extra) } : t;
}

function legacyTargetOf(r: RequestRecord): Target {
  const url = new URL(r.url);
  const tls = url.protocol === 'https:';
  const port = Number(url.port || (tls ? 443 : 80));
  const clientNs = r.from.split('/')[0];
  const known = services(r.manifests);
  if (r.proxy) {
    // HTTPS_PROXY: a plaintext connection to the proxy's address, which CONNECTs inside.
    return { to: r.proxy, extra: supportsRequests ? { url: `http://${r.proxy}/` } : r.proxy, tls: false, inMesh: false };
  }
  if (r.connectTo) {
    const fqdn = serviceFqdn(r.connectTo, clientNs, known);
    if (!fqdn) throw new Error(`${r.id}: connectTo ${r.connectTo} is no Service of the fixture`);
    return supportsRequests
      ? { to: `${url.hostname}:${port}`, extra: { url: r.url, connectTo: fqdn }, tls, inMesh: true }
      : { to: `${fqdn}:${port}`, tls, inMesh: true };
  }
  const fqdn = serviceFqdn(url.hostname, clientNs, known);
  if (fqdn) {
    const to = `${fqdn}:${port}`;
    return supportsRequests ? { to, extra: { url: `${url.protocol}//${fqdn}:${port}${url.pathname}` }, tls, inMesh: true } : { to, tls, inMesh: true };
  }
  const to = `${url.hostname}:${port}`;
  return { to, extra: supportsRequests ? { url: r.url } : to, tls, inMesh: false };
}

interface Prediction {
  kind: 'app' | 'proxy' | 'exit' | 'unknown';
  value?: number;
  text: string;
  probe?: AnyProbe;
}

function predict(p: AnyProbe, r: RequestRecord): Prediction {
  const text = `${p.outcome} via ${p.via}`;
  switch (p.outcome as string) {
    case 'ok':
    case 'passthrough_ok':
    case 'direct_ok': {
      const timeout = typeof p.timeout === 'string' ? Number(/^(\d+(?:\.\d+)?)s$/.exec(p.timeout)?.[1]) : NaN;
      if (r.takesSeconds !== undefined && timeout < r.takesSeconds) return { kind: 'proxy', value: 504, text: `${text} (route timeout ${String(p.timeout)} < ${r.takesSeconds}s)`, probe: p };
      return { kind: 'app', text, probe: p };
    }
    case 'block_all_502':
      return { kind: 'proxy', value: 502, text, probe: p };
    case 'no_route_404':
      return { kind: 'proxy', value: 404, text, probe: p };
    case 'route_response':
      return { kind: 'proxy', value: Number(p.status), text, probe: p };
    case 'blackhole_reset':
    case 'mtls_reset':
      return { kind: 'exit', value: p.tls ? 35 : 56, text, probe: p };
    default:
      return { kind: 'unknown', text: `${p.outcome}: ${p.via}`, probe: p };
  }
}

function compare(expect: Expected, pred: Prediction): { verdict: Verdict; why: string } {
  if (pred.kind === 'unknown') return { verdict: 'unknown', why: pred.text };
  const p = pred.probe as AnyProbe;
  const wrong = (why: string) => ({ verdict: 'wrong' as const, why });
  if (expect.app !== undefined && pred.kind !== 'app') return wrong(`asserted the application answered (${expect.app}), predicted ${pred.kind} ${pred.value ?? ''}`);
  if (expect.proxy !== undefined && !(pred.kind === 'proxy' && pred.value === expect.proxy)) return wrong(`asserted a proxy ${expect.proxy}, predicted ${pred.kind} ${pred.value ?? ''}`);
  if (expect.exit !== undefined && !(pred.kind === 'exit' && pred.value === expect.exit)) return wrong(`asserted curl exit ${expect.exit}, predicted ${pred.kind} ${pred.value ?? ''}`);
  const unreported: string[] = [];
  const reported = (field: 'cluster' | 'gatewayCluster' | 'mtls'): unknown => {
    if (field === 'cluster' && p.cluster === undefined && /^(outbound\||PassthroughCluster|BlackHoleCluster)/.test(p.via)) return p.via;
    return p[field];
  };
  for (const field of ['cluster', 'gatewayCluster', 'mtls'] as const) {
    if (expect[field] === undefined) continue;
    const got = reported(field);
    if (got === undefined) unreported.push(field);
    else if (got !== expect[field]) return wrong(`asserted ${field} ${String(expect[field])}, predicted ${String(got)}`);
  }
  if (expect.throughSidecar !== undefined) {
    const handled = (p.outcome as string) !== 'direct_ok';
    if (handled !== expect.throughSidecar) return wrong(`asserted the client sidecar ${expect.throughSidecar ? 'handled' : 'did not handle'} it`);
  }
  if (unreported.length > 0) return { verdict: 'unknown', why: `the analyzer does not report ${unreported.join(', ')}` };
  return { verdict: 'correct', why: pred.text };
}

function optionsOf(r: FixtureRecord, extra: (egress.ProbeRequest | string)[]): egress.EgressOptions {
  const base: egress.EgressOptions = { meshMode: r.mesh.outboundTrafficPolicy, istioVersion: '1.27' };
  if (extra.length === 0) return base;
  return supportsRequests ? { ...base, requests: extra as egress.ProbeRequest[] } : { ...base, externalProbes: extra as string[] };
}

/** Scores one record. */
export function scoreRecord(r: FixtureRecord): Score {
  if (r.kind === 'workload') {
    const result = egress.analyzeEgress(r.manifests, optionsOf(r, []));
    const w = result.workloads.find((x) => x.workload === r.workload) as (egress.WorkloadReport & { proxy?: string }) | undefined;
    if (!w) return { record: r, verdict: 'unknown', predicted: 'no such workload', why: `the analyzer lists no workload ${r.workload}` };
    if (w.proxy === undefined) return { record: r, verdict: 'unknown', predicted: 'sidecar presence not reported', why: 'the analyzer does not report injection' };
    if (w.proxy === 'unknown') return { record: r, verdict: 'unknown', predicted: 'unknown', why: 'the analyzer says it cannot tell' };
    const has = w.proxy === 'sidecar';
    return { record: r, verdict: has === r.expect.sidecar ? 'correct' : 'wrong', predicted: w.proxy, why: `asserted sidecar ${r.expect.sidecar}` };
  }
  const target = targetOf(r);
  const result = egress.analyzeEgress(r.manifests, optionsOf(r, target.extra ? [target.extra] : []));
  const probe = result.probes.find((p) => p.from === r.from && p.to === target.to) as AnyProbe | undefined;
  if (!probe) return { record: r, verdict: 'unknown', predicted: 'no probe', why: `the analyzer has no probe ${r.from} → ${target.to}` };
  if (!supportsRequests && Boolean(probe.tls) !== target.tls) {
    return { record: r, verdict: 'unknown', predicted: `${probe.outcome} (as ${probe.tls ? 'https' : 'http'})`, why: `the analyzer probes ${target.to} ${probe.tls ? 'with' : 'without'} TLS; the request ${target.tls ? 'uses' : 'does not use'} it` };
  }
  const pred = predict(probe, r);
  const { verdict, why } = compare(r.expect, pred);
  return { record: r, verdict, predicted: pred.text, why };
}

export interface Tally {
  correct: number;
  unknown: number;
  wrong: number;
}

/** Verdicts per feature (and `all`), for the CI-checked records or the page-only ones. */
export function tally(scores: readonly Score[], ciChecked: boolean): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const add = (key: string, v: Verdict) => {
    const t = out.get(key) ?? { correct: 0, unknown: 0, wrong: 0 };
    t[v]++;
    out.set(key, t);
  };
  for (const s of scores) {
    if (s.record.ciChecked !== ciChecked) continue;
    add(s.record.feature, s.verdict);
    add('all', s.verdict);
  }
  return out;
}

/** The scorecard as text: one row per feature. */
export function formatTally(title: string, t: Map<string, Tally>): string {
  const rows = [...t.entries()].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
  const lines = [title, `${'feature'.padEnd(22)}${'correct'.padStart(8)}${'unknown'.padStart(9)}${'wrong'.padStart(7)}`];
  for (const [k, v] of rows) lines.push(`${k.padEnd(22)}${String(v.correct).padStart(8)}${String(v.unknown).padStart(9)}${String(v.wrong).padStart(7)}`);
  return lines.join('\n');
}
