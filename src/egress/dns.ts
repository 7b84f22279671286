/**
 * Whether a client can resolve a host name. The analyzer runs without DNS, so a name resolves
 * only when the input (or the caller) settles it (README.md "DNS"):
 *
 * - a Kubernetes Service name (`<svc>.<ns>.svc.cluster.local`): cluster DNS serves it (an
 *   ExternalName Service answers with its CNAME, which the Service declares);
 * - a ServiceEntry host with `resolution: DNS` or `DNS_ROUND_ROBIN`: Envoy resolves that name
 *   itself through the same resolver, so the entry only works when it resolves;
 * - a ServiceEntry host (exact, or under a `*.` wildcard) with `resolution: NONE` and no
 *   `addresses`: Envoy forwards to the address the client resolved, so the entry presupposes it;
 * - an IP address;
 * - a name listed in `resolvableHosts` (`--resolves`).
 *
 * Not settled: names no Service or ServiceEntry declares (`www.google.com` under ALLOW_ANY),
 * hosts of entries with `addresses` (clients often dial those addresses; the http-proxy task's
 * host is a placeholder) and STATIC entries. DNS proxying (`ISTIO_META_DNS_CAPTURE`) is not
 * modelled; the mesh default (off) is assumed.
 */
import type { ExternalServiceModel } from './service-entry';
import { hostServes } from './service-entry';

export const isIpAddress = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

export class Resolver {
  private readonly exact = new Set<string>();
  private readonly wildcards: string[] = [];

  constructor(externals: readonly ExternalServiceModel[], asserted: readonly string[]) {
    for (const e of externals) {
      const dns = e.resolution === 'DNS' || e.resolution === 'DNS_ROUND_ROBIN';
      const none = e.resolution === 'NONE' && e.addresses.length === 0;
      if (!dns && !none) continue;
      if (e.wildcard) this.wildcards.push(e.host);
      else this.exact.add(e.host);
    }
    for (const h of asserted) {
      const host = h.toLowerCase();
      if (host.startsWith('*.')) this.wildcards.push(host);
      else this.exact.add(host);
    }
  }

  /** Whether `host` (an external name) is settled to resolve; Kubernetes Service names are checked by the caller. */
  resolves(host: string): boolean {
    return isIpAddress(host) || this.exact.has(host) || this.wildcards.some((w) => hostServes(w, host));
  }
}

export const needsDns = (host: string): { needs: string; why: string } => ({
  needs: 'DNS',
  why: `nothing in the input says ${host} resolves (no Kubernetes Service, no ServiceEntry with resolution DNS, or NONE without addresses, names it); pass --resolves ${host} if it does`,
});
