/**
 * Precompiled matchers for Sidecar egress `hosts` entries `namespace/dnsName`
 * (research note §2, §11 for `~`). Compiled once per (Sidecar listener, workload
 * namespace) so the import loop does no string parsing.
 */
import type { VersionFeatures } from './istio-version';
import { CLUSTER_DOMAIN } from './types';

export interface DnsMatcher {
  any: boolean;
  exact: Set<string>;
  /** `*.foo.svc.cluster.local` is stored as `.foo.svc.cluster.local`. */
  suffixes: string[];
}

export interface CompiledHosts {
  /** Include entries keyed by the resolved namespace (`.` already replaced). */
  byNamespace: Map<string, DnsMatcher>;
  /** Include entries with namespace `*`. */
  anyNamespace: DnsMatcher | null;
  /** ≥1.31 exclusions `~ns/host` keyed by namespace. */
  excludeByNamespace: Map<string, DnsMatcher>;
  /** ≥1.31 exclusions `~/host` (every namespace). */
  excludeAny: DnsMatcher | null;
}

function emptyMatcher(): DnsMatcher {
  return { any: false, exact: new Set(), suffixes: [] };
}

/** Adds a dnsName to a matcher; returns an error text when validation would reject it. */
function addDnsName(m: DnsMatcher, dnsName: string): string | null {
  const name = dnsName.toLowerCase();
  if (name === '*') {
    m.any = true;
    return null;
  }
  if (name.startsWith('*.') && !name.slice(1).includes('*') && name.length > 2) {
    m.suffixes.push(name.slice(1));
    return null;
  }
  if (name.includes('*')) return `wildcard must be "*" or "*.<suffix>"`;
  if (!name.includes('.')) return `short names (non FQDN) are not allowed`;
  m.exact.add(name);
  return null;
}

export function matchesDns(m: DnsMatcher, fqdn: string): boolean {
  if (m.any || m.exact.has(fqdn)) return true;
  for (const s of m.suffixes) if (fqdn.endsWith(s)) return true;
  return false;
}

function slot(map: Map<string, DnsMatcher>, ns: string): DnsMatcher {
  let m = map.get(ns);
  if (!m) map.set(ns, (m = emptyMatcher()));
  return m;
}

/**
 * Compiles a listener's hosts for a workload in `configNamespace`.
 * `warn` receives one line per entry Istio validation would reject (the entry is ignored).
 */
export function compileHosts(
  hosts: readonly string[],
  configNamespace: string,
  features: VersionFeatures,
  warn: (message: string) => void,
): CompiledHosts {
  const out: CompiledHosts = {
    byNamespace: new Map(),
    anyNamespace: null,
    excludeByNamespace: new Map(),
    excludeAny: null,
  };
  for (const host of hosts) {
    const slash = host.indexOf('/');
    if (slash < 0) {
      warn(`host "${host}" ignored: must be of the form namespace/dnsName`);
      continue;
    }
    let ns = host.slice(0, slash);
    const dnsName = host.slice(slash + 1);
    let target: DnsMatcher;
    if (features.tildeExclusion && ns.startsWith('~')) {
      ns = ns.slice(1);
      if (ns === '' || ns === '*') target = out.excludeAny ??= emptyMatcher();
      else target = slot(out.excludeByNamespace, ns === '.' ? configNamespace : ns);
    } else if (ns === '*') {
      target = out.anyNamespace ??= emptyMatcher();
    } else {
      if (ns.startsWith('~') && ns !== '~') warn(`host "${host}": "${ns}" is not a valid namespace before Istio 1.31; matches nothing`);
      target = slot(out.byNamespace, ns === '.' ? configNamespace : ns);
    }
    const error = addDnsName(target, dnsName);
    if (error) warn(`host "${host}" ignored: ${error}`);
  }
  return out;
}

/** Whether a visible Service (namespace, fqdn) is imported by these hosts. */
export function hostsImport(c: CompiledHosts, namespace: string, fqdn: string): boolean {
  const own = c.byNamespace.get(namespace);
  const included = (own !== undefined && matchesDns(own, fqdn)) || (c.anyNamespace !== null && matchesDns(c.anyNamespace, fqdn));
  if (!included) return false;
  if (c.excludeAny && matchesDns(c.excludeAny, fqdn)) return false;
  const ex = c.excludeByNamespace.get(namespace);
  return !(ex && matchesDns(ex, fqdn));
}

const SVC_SUFFIX = `.svc.${CLUSTER_DOMAIN}`;

/**
 * What a wildcard suffix (`.foo.svc.cluster.local` for `*.foo.svc.cluster.local`) can match
 * among Kubernetes Service FQDNs `<name>.<ns>.svc.cluster.local` (names and namespaces have
 * no dots): every Service, the Services of one namespace, or none. Lets the importer look
 * Services up by namespace instead of testing every FQDN.
 */
export function suffixReach(suffix: string): 'all' | { namespace: string } | 'none' {
  if (SVC_SUFFIX.endsWith(suffix)) return 'all';
  if (suffix.endsWith(SVC_SUFFIX)) {
    const middle = suffix.slice(1, -SVC_SUFFIX.length);
    if (middle !== '' && !middle.includes('.')) return { namespace: middle };
  }
  return 'none';
}
