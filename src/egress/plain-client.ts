/**
 * A client without a sidecar: plain Kubernetes networking. Istio's client-side configuration
 * (Sidecar, ServiceEntry, VirtualService, DestinationRule, the mesh's outbound policy) does not
 * apply; the connection reaches the Service's endpoints (kube-proxy) or the external address
 * directly, in plaintext as the application sent it. What remains is the destination side:
 * a sidecar'd endpoint whose PeerAuthentication is STRICT resets it (curl exit 56; the
 * authn-policy and mtls-migration tasks), an unread object on the destination may change it,
 * and an external name must resolve (dns.ts). The decisions are the same for every such client.
 */
import type { PortFacts } from './destination-facts';
import { needsDns, type Resolver } from './dns';
import type { Decision, Destination } from './probe-decision';
import type { ServiceIndex } from './service-index';
import type { WorkloadModel } from './workload-model';
import { unknown } from './route-decision';

import { ipMayBeService } from './route-decision';
import type { ExternalServiceModel } from './service-entry';

export interface PlainContext {
  index: ServiceIndex;
  externals?: readonly ExternalServiceModel[];
  resolver: Resolver;
  facts: (serviceIndex: number, port: number) => PortFacts | null;
  unreadTo: (workloads: readonly WorkloadModel[], host: string) => { needs: string; what: string } | null;
}

export function plainDecision(d: Destination, ctx: PlainContext): Decision {
  const out = decide(d, ctx);
  return d.tls ? { ...out, tls: true } : out;
}

function decide(d: Destination, ctx: PlainContext): Decision {
  if (d.serviceIndex < 0) {
    const ip = ctx.externals ? ipMayBeService({ index: ctx.index, externals: ctx.externals }, d.host, d.port) : null;
    if (ip) return unknown('ClusterIP', ip);
    if (!ctx.resolver.resolves(d.host)) {
      const dns = needsDns(d.host);
      return unknown(dns.needs, dns.why);
    }
    return { outcome: 'direct_ok', via: 'direct', reason: `no sidecar: straight to ${d.host}:${d.port}` };
  }
  const svc = ctx.index.services[d.serviceIndex];
  const facts = ctx.facts(d.serviceIndex, d.port);
  if (!facts) return unknown('Service port', `${svc.fqdn} has no port ${d.port}`);
  const scoped = ctx.unreadTo(facts.workloads, svc.fqdn);
  if (scoped) return unknown(scoped.needs, `${scoped.what} could change requests to ${svc.fqdn}`);
  switch (facts.plain.outcome) {
    case 'ok':
      return { outcome: 'direct_ok', via: 'direct', reason: `no sidecar: kube-proxy to the endpoints of ${svc.namespace}/${svc.name} (${facts.plain.detail})`, mtls: false };
    case 'mtls_reset':
      return { outcome: 'mtls_reset', via: 'PeerAuthentication STRICT', reason: `no sidecar, so plaintext: ${facts.plain.detail} → connection reset (curl exit 56)` };
    case 'unknown':
      return unknown(facts.plain.needs, facts.plain.detail);
  }
}
