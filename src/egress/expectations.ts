/**
 * Expected outcomes: what the chart's `helm test` pods should observe per
 * (from workload, to host:port), and checking predictions against a YAML list of
 * `{from, to, outcome}`.
 */
import type { EgressReport } from './egress-report';
import { InputError } from './load-manifests';
import type { EgressResult, Probe, ProbeOutcome } from './types';

export const PROBE_OUTCOMES: readonly ProbeOutcome[] = ['ok', 'block_all_502', 'blackhole_reset', 'passthrough_ok', 'no_route_404', 'direct_ok', 'mtls_reset', 'route_response', 'unknown'];

export interface ExpectedOutcome {
  /** `<ns>/<workload>` */
  from: string;
  namespace: string;
  workload: string;
  /** `<host>:<port>` */
  to: string;
  host: string;
  port: number;
  outcome: ProbeOutcome;
  /** Status `curl -s -o /dev/null -w '%{http_code}'` should print; null when the connection is reset (or the outcome is unknown). */
  httpStatus: number | null;
  /** curl's exit code (56: plaintext connection reset by BlackHoleCluster; 35: reset during a TLS handshake); null when unknown. */
  curlExitCode: 0 | 35 | 56 | null;
  /** The probe is `curl https://` (an external HTTPS/TLS port). */
  tls: boolean;
}

const OBSERVED: Record<ProbeOutcome, Pick<ExpectedOutcome, 'httpStatus' | 'curlExitCode'>> = {
  ok: { httpStatus: 200, curlExitCode: 0 },
  passthrough_ok: { httpStatus: 200, curlExitCode: 0 },
  block_all_502: { httpStatus: 502, curlExitCode: 0 },
  no_route_404: { httpStatus: 404, curlExitCode: 0 },
  direct_ok: { httpStatus: 200, curlExitCode: 0 },
  mtls_reset: { httpStatus: null, curlExitCode: 56 },
  route_response: { httpStatus: null, curlExitCode: 0 },
  blackhole_reset: { httpStatus: null, curlExitCode: 56 },
  unknown: { httpStatus: null, curlExitCode: null },
};

/** Turns probes into what a curl test pod should observe (HTTP 200, 502, 404, a route's own status, or curl exit 56 / 35 for TLS). */
export function expectedOutcomes(source: EgressResult | readonly Probe[]): ExpectedOutcome[] {
  const probes = Array.isArray(source) ? (source as readonly Probe[]) : (source as EgressResult).probes;
  return probes.map((p) => {
    const slash = p.from.indexOf('/');
    const colon = p.to.lastIndexOf(':');
    return {
      from: p.from,
      namespace: p.from.slice(0, slash),
      workload: p.from.slice(slash + 1),
      to: p.to,
      host: p.to.slice(0, colon),
      port: Number(p.to.slice(colon + 1)),
      outcome: p.outcome,
      ...OBSERVED[p.outcome],
      ...(p.outcome === 'route_response' && p.status !== undefined ? { httpStatus: p.status } : {}),
      ...(p.tls && p.outcome === 'blackhole_reset' ? { curlExitCode: 35 as const } : {}),
      tls: p.tls === true,
    };
  });
}

export interface Expectation {
  from: string;
  to: string;
  outcome: ProbeOutcome;
}

export interface Mismatch extends Expectation {
  /** Predicted outcome, or null when the analyzer has no such workload / Service port. */
  predicted: ProbeOutcome | null;
  reason: string;
}

/** Validates a parsed expectations document (a YAML list of `{from, to, outcome}`); throws one-line {@link InputError}s. */
export function parseExpectations(data: unknown, source: string): Expectation[] {
  if (!Array.isArray(data)) throw new InputError(`${source}: expected a YAML list of {from, to, outcome}`);
  return data.map((item, i) => {
    const e = item as Partial<Record<keyof Expectation, unknown>> | null;
    const where = `${source}: item ${i + 1}`;
    if (e === null || typeof e !== 'object') throw new InputError(`${where} is not a mapping`);
    for (const key of ['from', 'to', 'outcome'] as const) {
      if (typeof e[key] !== 'string' || e[key] === '') throw new InputError(`${where}: "${key}" must be a non-empty string`);
    }
    if (!PROBE_OUTCOMES.includes(e.outcome as ProbeOutcome)) {
      throw new InputError(`${where}: outcome "${String(e.outcome)}" is not one of ${PROBE_OUTCOMES.join(', ')}`);
    }
    return { from: e.from as string, to: e.to as string, outcome: e.outcome as ProbeOutcome };
  });
}

type ProbeLookup = Pick<EgressReport, 'probe'>;

function lookupOf(source: ProbeLookup | EgressResult): ProbeLookup {
  if ('probe' in source) return source;
  const byKey = new Map(source.probes.map((p) => [`${p.from} ${p.to}`, p]));
  return { probe: (from: string, to: string) => byKey.get(`${from} ${to}`) };
}

/** Every expectation whose prediction differs (or has no matching probe). */
export function compareExpectations(source: ProbeLookup | EgressResult, expected: readonly Expectation[]): Mismatch[] {
  const lookup = lookupOf(source);
  const out: Mismatch[] = [];
  for (const e of expected) {
    const p = lookup.probe(e.from, e.to);
    if (!p) out.push({ ...e, predicted: null, reason: 'no such workload or Service port in the input' });
    else if (p.outcome !== e.outcome) out.push({ ...e, predicted: p.outcome, reason: p.reason });
  }
  return out;
}
