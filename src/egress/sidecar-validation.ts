/**
 * Sidecar egress hosts checked as Istio's admission validation checks them,
 * before the analysis: Istio refuses a Sidecar with one bad host as a whole,
 * so a cluster would not have it, and analysing the rest would give a verdict
 * about a configuration that cannot exist.
 *
 * The rules are istio/istio `pkg/config/validation/validation.go`
 * `ValidateSidecar` (each egress listener has at least one host; each host
 * through `agent.ValidateNamespaceSlashWildcardHostname(host, false, false)`)
 * and `pkg/config/validation/agent/validation.go`:
 *
 * - `namespace/dnsName`, split at the first `/`; neither part empty;
 * - the namespace is `*`, `.`, a DNS-1123 label (`[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?`,
 *   at most 63) or, up to 1.30, `~` (release-1.24 and later); from 1.31 any of
 *   those behind a `~` (master, where `~ns/host` excludes);
 * - the dnsName (`validateSidecarOrGatewayHostnamePart`): `*` or a name with a
 *   dot ("short names (non FQDN) are not allowed"); `ValidateWildcardDomain`:
 *   at most 255 characters, a first label that is a DNS-1123 label, `*`, or one
 *   with a leading `*` / `*-`, the other labels DNS-1123 labels (the last may be
 *   empty: `istio.io.`), a last label that is not all digits;
 *   `ValidatePartialWildCard`: a `*` only as `*` or a `*.` prefix.
 */
import type { Manifest } from './types';
import type { VersionFeatures } from './istio-version';

const LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

const isLabel = (s: string) => s.length <= 63 && LABEL.test(s);

function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (/^[+-]?\d+$/.test(tld)) return `domain name "${domain}" invalid (top level domain "${tld}" cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined;
    if (!isLabel(parts[i])) return `domain name "${domain}" invalid (label "${parts[i]}" invalid)`;
  }
  return undefined;
}

function wildcardDomain(domain: string): string | undefined {
  if (domain.length > 255) return `domain name "${domain}" too long (max 255)`;
  if (domain.length === 0) return 'empty domain name not allowed';
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (first.length > 63 || !WILDCARD_LABEL.test(first)) return `domain name "${domain}" invalid (label "${first}" invalid)`;
  return dot < 0 ? undefined : dns1123Labels(domain.slice(dot + 1));
}

/** Istio's reasons for refusing one Sidecar egress host (empty when it is valid). */
export function sidecarHostProblems(host: string, features: Pick<VersionFeatures, 'tildeExclusion'>): string[] {
  const slash = host.indexOf('/');
  if (slash < 0) return ['host must be of form namespace/dnsName'];
  const [ns, dns] = [host.slice(0, slash), host.slice(slash + 1)];
  const out: string[] = [];
  if (ns === '' || dns === '') out.push('config namespace and dnsName in host entry cannot be empty');
  const bare = features.tildeExclusion ? ns.replace(/^~/, '') : ns;
  const nsOk = features.tildeExclusion ? bare === '' || bare === '*' || bare === '.' || isLabel(bare) : ns === '' || ns === '*' || ns === '.' || ns === '~' || isLabel(ns);
  if (!nsOk) out.push(`invalid namespace value "${ns}" in sidecar`);
  if (dns !== '*' && !dns.includes('.')) out.push('short names (non FQDN) are not allowed');
  const domain = wildcardDomain(dns);
  if (domain) out.push(domain);
  if (dns.includes('*') && dns.length !== 1 && !dns.startsWith('*.')) out.push(`partial wildcard "${dns}" not allowed`);
  return out;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** One line per Sidecar egress host (or listener) Istio's validation refuses, naming the Sidecar and the field. */
export function sidecarValidationProblems(manifests: readonly Manifest[], features: Pick<VersionFeatures, 'tildeExclusion'>): string[] {
  const out: string[] = [];
  for (const m of manifests) {
    if (m.kind !== 'Sidecar' || !/^networking\.istio\.io\//.test(String(m.apiVersion ?? ''))) continue;
    const md = obj(m.metadata) ?? {};
    const id = `${typeof md.namespace === 'string' ? md.namespace : 'default'}/${String(md.name ?? '(no name)')}`;
    const egress = obj(m.spec)?.egress;
    if (!Array.isArray(egress)) continue;
    egress.forEach((listener, i) => {
      const hosts = obj(listener)?.hosts;
      if (hosts !== undefined && hosts !== null && !Array.isArray(hosts)) {
        out.push(`Sidecar ${id}: spec.egress[${i}].hosts must be a list of "namespace/dnsName" strings, not ${JSON.stringify(hosts)}`);
        return;
      }
      if (!Array.isArray(hosts) || hosts.length === 0) {
        out.push(`Sidecar ${id}: spec.egress[${i}] has no hosts (egress listener must contain at least one host)`);
        return;
      }
      hosts.forEach((host, j) => {
        const problems = typeof host === 'string' ? sidecarHostProblems(host, features) : [`a host must be a string, not ${JSON.stringify(host)}`];
        if (problems.length > 0) out.push(`Sidecar ${id}: spec.egress[${i}].hosts[${j}] ${JSON.stringify(host)}: ${problems.join('; ')}`);
      });
    });
  }
  return out;
}
