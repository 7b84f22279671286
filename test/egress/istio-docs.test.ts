/**
 * The analyzer against Istio's documentation tests: every request the egress, authentication
 * and traffic-management task pages' test scripts check on a real cluster in Istio's CI
 * (fixtures/istio-docs, extracted from istio/istio.io; README.md there). The analyzer may say
 * `unknown (needs …)`; it must never give a definite answer Istio's test contradicts.
 */
import { analyzeEgress, formatClusterTable } from '../../src/egress';
import { loadFixtureSet, type FixtureRecord } from './istio-docs/fixture-set';
import { formatTally, scoreRecord, tally } from './istio-docs/score';

const records = loadFixtureSet();
const scores = records.map(scoreRecord);
const byId = (fragment: string): FixtureRecord => {
  const found = records.filter((r) => r.id.includes(fragment));
  if (found.length !== 1) throw new Error(`${found.length} records match ${fragment}`);
  return found[0];
};

describe('the fixture set from Istio’s documentation tests', () => {
  it('holds at least 100 requests the pages’ test scripts check, from 10 task pages', () => {
    const checked = records.filter((r) => r.kind === 'request' && r.ciChecked);
    expect(checked.length).toBeGreaterThanOrEqual(100);
    expect(new Set(records.map((r) => r.page)).size).toBe(10);
  });

  it('is never confidently wrong: no definite prediction contradicts what Istio’s test asserted', () => {
    console.log(`${formatTally('Istio doc tests (CI-checked):', tally(scores, true))}\n\n${formatTally('Shown on the pages only:', tally(scores, false))}`);
    const wrong = scores.filter((s) => s.verdict === 'wrong').map((s) => `${s.record.id}: predicted ${s.predicted}; ${s.why}`);
    expect(wrong).toEqual([]);
  });

  it('decides the PeerAuthentication matrices of authn-policy and mtls-migration, resets included', () => {
    const pa = scores.filter((s) => s.record.feature === 'peer-authentication' && s.record.ciChecked);
    expect(pa.filter((s) => s.verdict === 'correct').length).toBeGreaterThanOrEqual(36);
    const strict = scoreRecord(byId('authn-policy#5:test.sh:snip_globally_enabling_istio_mutual_tls_in_strict_mode_2:legacy/curl http://httpbin.foo'));
    expect([strict.verdict, strict.predicted]).toEqual(['correct', 'mtls_reset via PeerAuthentication STRICT']);
  });

  it('reports the egress gateway’s cluster for the egress-gateway tasks, and the client’s own cluster towards the gateway', () => {
    const r = byId('egress-gateway#4:test.sh:snip_egress_gateway_for_https_traffic_5');
    expect(scoreRecord(r).verdict).toBe('correct');
    if (r.kind !== 'request') throw new Error('a request record');
    const p = analyzeEgress(r.manifests, { meshMode: r.mesh.outboundTrafficPolicy, requests: [{ url: r.url }] }).probes.find((x) => x.from === r.from && x.to === 'https://edition.cnn.com:443/politics');
    expect([p?.cluster, p?.gatewayCluster]).toEqual(['outbound|443|cnn|istio-egressgateway.istio-system.svc.cluster.local', 'outbound|443||edition.cnn.com']);
  });

  it('lists the DestinationRule subset cluster of the egress gateway in the client’s istioctl table', () => {
    const r = byId('egress-gateway#4:test.sh:snip_egress_gateway_for_https_traffic_5');
    const w = analyzeEgress(r.manifests, { meshMode: r.mesh.outboundTrafficPolicy }).workloads.find((x) => x.workload === 'default/curl');
    const rows = formatClusterTable(w?.clusters ?? []).map((l) => l.split(/\s+/).filter(Boolean).join(' '));
    expect(rows).toContain('istio-egressgateway.istio-system.svc.cluster.local 443 cnn outbound EDS egressgateway-for-cnn.default');
    expect(rows).toContain('istio-egressgateway.istio-system.svc.cluster.local 443 - outbound EDS egressgateway-for-cnn.default');
  });
});
