/**
 * What the pods of one namespace get from the external hosts the chart's ServiceEntries
 * declare: one `<kind>|<label>|<outcome>|<observed>|<target>` entry per destination, in the
 * analyzer's order (src/egress/analyze.ts `externalDestinations`):
 *
 * - `exact`: every exact ServiceEntry host × port (`api.github.com:443`);
 * - `wildcard`: per wildcard host × port, a representative name under it
 *   (`*.wikipedia.org` → `helmts-wildcard-probe.wikipedia.org`), labelled `*.wikipedia.org:443`;
 * - `fixed`: `example.com:443`, the host the test pods call "not imported" when no declared
 *   host is (it is probed, like any host, with what the ServiceEntries make of it).
 *
 * `outcome` is the analyzer's (`ok`, `passthrough_ok`, `block_all_502`, `blackhole_reset`) or its
 * `unknown (needs …)` text; `observed` what the test pods' curl sees (`http-200` for an
 * allowed HTTP port, `tls-ok` for a completed TLS handshake, `http-502`, `curl-exit-35` for a
 * reset TLS handshake, `curl-exit-56` for a reset plaintext request), or `-` when a curl
 * cannot tell (an allowed plain TCP port speaks its own protocol; unknown); `target` the
 * script's target (`https://host:port` for a TLS probe, else `host:port`). NOTES lists the
 * `ok` and unknown ones; the test pods pick from them (egress-expectation.ts), asking the Go
 * body with `pick` to stop after the entries they take (their first imported and first other).
 *
 * Concretely this asks the egress analyzer (src/egress) with the representatives and
 * `example.com:443` as extra probes. In Helm it is the Go body below: the analyzer's
 * `decideExternal` specialised to this chart (no VirtualService or DestinationRule; every
 * listener and every ServiceEntry port has a protocol, so nothing is sniffed). Entry hosts are
 * indexed once per render (by namespace and host, any namespace and host, and namespace), so a listener
 * looks its hosts up rather than scanning every entry; the work per namespace is then about
 * its imported entry hosts × destinations. The differential chart tests check the two agree.
 */
import { defineComputedHelper } from '../../generator';
import type { ProbeOutcome } from '../../egress';
import { HOST_TABLES_GO, SERVICE_ENTRY_INDEX_GO, SERVICE_ENTRY_INDEX_KEY } from './host-tables';
import { prediction, type AppTemplates } from './prediction';
import type { NamespaceValues, Values } from './values';

/** Prefix of the name probed for a wildcard host (`*.example.com` → `helmts-wildcard-probe.example.com`). */
export const WILDCARD_PROBE = 'helmts-wildcard-probe';
/** The host checked as "not imported" when no declared host is: any ServiceEntry may still serve it. */
export const FIXED_OTHER = { host: 'example.com', port: 443 };

const DESTINATIONS_KEY = 'helmtsExternalDestinations';

const goBody = (chartName: string) => `
{{- $values := .root.Values -}}
{{- $from := .from -}}
{{- if ne (include "${chartName}.podProxy" (dict "root" .root "from" $from)) "sidecar" }}[]{{ else -}}
${HOST_TABLES_GO}
{{- $hosts := (index .root "helmtsEgressChecks").hosts -}}
{{- if not (hasKey .root "${DESTINATIONS_KEY}") -}}
{{- /* Built once per render: exact hosts × ports, then wildcard representatives and ${FIXED_OTHER.host}:${FIXED_OTHER.port}. */ -}}
{{- $dests := list -}}
{{- $seen := dict -}}
{{- range $se := $values.serviceEntries }}{{ range $h := $se.hosts }}{{ $h = lower $h }}{{ if not (hasPrefix "*" $h) }}{{ range $p := $se.ports -}}
{{- $to := printf "%s:%d" $h (int $p.number) -}}
{{- if not (hasKey $seen $to) }}{{ $_ := set $seen $to true }}{{ $dests = append $dests (dict "kind" "exact" "label" $to "host" $h "port" (int $p.number) "tls" (has $p.protocol (list "HTTPS" "TLS")) "protocol" $p.protocol) }}{{ end -}}
{{- end }}{{ end }}{{ end }}{{ end -}}
{{- $extra := list -}}
{{- range $se := $values.serviceEntries }}{{ range $w := $se.hosts }}{{ $w = lower $w }}{{ if hasPrefix "*" $w }}{{ range $p := $se.ports -}}
{{- $extra = append $extra (dict "kind" "wildcard" "label" (printf "%s:%d" $w (int $p.number)) "host" (print "${WILDCARD_PROBE}" (trimPrefix "*" $w)) "port" (int $p.number)) -}}
{{- end }}{{ end }}{{ end }}{{ end -}}
{{- $extra = append $extra (dict "kind" "fixed" "label" "" "host" "${FIXED_OTHER.host}" "port" ${FIXED_OTHER.port}) -}}
{{- range $d := $extra -}}
{{- $to := printf "%s:%d" $d.host $d.port -}}
{{- if not (hasKey $seen $to) -}}
{{- $_ := set $seen $to true -}}
{{- /* The protocol of the first ServiceEntry port serving it, else TLS on 443. */ -}}
{{- $protocol := "" }}{{ $found := false -}}
{{- range $se := $values.serviceEntries }}{{ range $h := $se.hosts }}{{ $h = lower $h -}}
{{- if and (not $found) (or (eq $h $d.host) (and (hasPrefix "*." $h) (hasSuffix (trimPrefix "*" $h) $d.host) (gt (len $d.host) (len (trimPrefix "*" $h))))) -}}
{{- range $p := $se.ports }}{{ if and (not $found) (eq (int $p.number) $d.port) }}{{ $found = true }}{{ $protocol = $p.protocol }}{{ end }}{{ end -}}
{{- end -}}
{{- end }}{{ end -}}
{{- $dests = append $dests (merge (dict "tls" (ternary (has $protocol (list "HTTPS" "TLS")) (eq $d.port 443) $found) "protocol" $protocol) $d) -}}
{{- end -}}
{{- end -}}
{{- $_ := set .root "${DESTINATIONS_KEY}" $dests -}}
{{- end -}}
{{- $dests := index .root "${DESTINATIONS_KEY}" -}}
${SERVICE_ENTRY_INDEX_GO}
{{- $index := index .root "${SERVICE_ENTRY_INDEX_KEY}" -}}
{{- $mode := $values.istio.meshOutboundTrafficPolicy -}}
{{- with $from.sidecar.outboundTrafficPolicy }}{{ $mode = . }}{{ end -}}
{{- /* The listeners: the first per port, or (no egress) the catch-all importing every host. */ -}}
{{- $catchAll := not $from.sidecar.egress -}}
{{- $listeners := list -}}
{{- $usedPorts := dict -}}
{{- range $l := $from.sidecar.egress }}{{ $k := toString (int $l.port) }}{{ if not (hasKey $usedPorts $k) }}{{ $_ := set $usedPorts $k true }}{{ $listeners = append $listeners $l }}{{ end }}{{ end -}}
{{- if $catchAll }}{{ $listeners = list (dict "hosts" (list "*/*")) }}{{ end -}}
{{- /* Per port: the imported entry hosts (served), the HTTP route's hosts, and whether 0.0.0.0:<port> is an HTTP listener. */ -}}
{{- $served := dict -}}
{{- $routes := dict -}}
{{- $httpPorts := dict -}}
{{- range $l := $listeners -}}
{{- $lhttp := and (not $catchAll) (has $l.protocol (list "HTTP" "HTTP2" "GRPC")) -}}
{{- /* One entry per host name: the first visible one importing it with a port here, the own namespace's preferred. */ -}}
{{- $candidates := dict -}}
{{- range $host := $l.hosts -}}
{{- $parts := splitn "/" 2 $host -}}
{{- $ns := $parts._0 }}{{ if eq $ns "." }}{{ $ns = $from.name }}{{ end -}}
{{- $dns := lower $parts._1 -}}
{{- if or (eq $dns "*") (hasPrefix "*." $dns) -}}
{{- range $pos := ternary $index.all (default (list) (get $index.byNs $ns)) (eq $ns "*") -}}
{{- if or (eq $dns "*") (hasSuffix (trimPrefix "*" $dns) (get $index.hostAt $pos)) }}{{ $_ := set $candidates $pos true }}{{ end -}}
{{- end -}}
{{- else -}}
{{- range $pos := default (list) (get $index.byName (print $ns "/" $dns)) }}{{ $_ := set $candidates $pos true }}{{ end -}}
{{- end -}}
{{- end -}}
{{- $byHost := dict }}{{ $order := list -}}
{{- range $pos, $_ := $candidates -}}
{{- $i := get $index.entryAt $pos -}}
{{- $se := index $values.serviceEntries $i -}}
{{- $h := get $index.hostAt $pos -}}
{{- $visible := or (not $se.exportTo) (has "*" $se.exportTo) (has $from.name $se.exportTo) (and (has "." $se.exportTo) (eq $se.namespace $from.name)) -}}
{{- $onPort := $catchAll }}{{ if not $catchAll }}{{ range $se.ports }}{{ if eq (int .number) (int $l.port) }}{{ $onPort = true }}{{ end }}{{ end }}{{ end -}}
{{- if and $visible $onPort -}}
{{- if not (hasKey $byHost $h) }}{{ $order = append $order $h }}{{ $_ := set $byHost $h $i -}}
{{- else if and (ne (index $values.serviceEntries (get $byHost $h)).namespace $from.name) (eq $se.namespace $from.name) }}{{ $_ := set $byHost $h $i }}{{ end -}}
{{- end -}}
{{- end -}}
{{- range $h := $order -}}
{{- $se := index $values.serviceEntries (get $byHost $h) -}}
{{- /* A STATIC entry without endpoints has an empty cluster (analyzer: unknown (needs endpoints)). */ -}}
{{- $entry := dict "host" $h "wild" (hasPrefix "*" $h) "addr" (not (empty $se.addresses)) "noEp" (and (eq (toString $se.resolution) "STATIC") (empty $se.endpoints)) -}}
{{- if $catchAll -}}
{{- $ports := dict -}}
{{- /* Served: the first port with each number; an HTTP listener: any HTTP port. */ -}}
{{- range $p := $se.ports }}{{ $k := toString (int $p.number) }}{{ if not (hasKey $ports $k) }}{{ $_ := set $ports $k $p.protocol }}{{ end }}{{ if has $p.protocol (list "HTTP" "HTTP2" "GRPC") }}{{ $_ := set $httpPorts $k true }}{{ end }}{{ end -}}
{{- range $k, $protocol := $ports -}}
{{- $_ := set $served $k (append (default (list) (get $served $k)) (merge (dict "tls" (has $protocol (list "HTTPS" "TLS"))) $entry)) -}}
{{- $_ := set $routes $k (append (default (list) (get $routes $k)) $entry) -}}
{{- end -}}
{{- else -}}
{{- $k := toString (int $l.port) -}}
{{- $_ := set $served $k (append (default (list) (get $served $k)) (merge (dict "tls" (has $l.protocol (list "HTTPS" "TLS"))) $entry)) -}}
{{- $_ := set $routes $k (append (default (list) (get $routes $k)) $entry) -}}
{{- if $lhttp }}{{ $_ := set $httpPorts $k true }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* pick (the test pods): only an imported entry host can be "ok", and without one the caller adds no external check, so a namespace importing none stops here. */ -}}
{{- if or (not .pick) $served $routes -}}
{{- /* The chart's Services make 0.0.0.0:<port> an HTTP listener too: an HTTP listener importing one, or an HTTP Service port under the catch-all. */ -}}
{{- range $sp := $values.service.ports -}}
{{- $name := lower (default $sp.name $sp.appProtocol) -}}
{{- $spHttp := or (hasPrefix "grpc-web" $name) (has (first (splitList "-" $name)) (list "http" "http2" "grpc" "http_proxy")) -}}
{{- $k := toString (int $sp.port) -}}
{{- if $catchAll -}}
{{- if $spHttp }}{{ $_ := set $httpPorts $k true }}{{ end -}}
{{- else -}}
{{- range $l := $listeners -}}
{{- if and (eq (int $l.port) (int $sp.port)) (has $l.protocol (list "HTTP" "HTTP2" "GRPC")) -}}
{{- range $host := $l.hosts }}{{ if hasPrefix "./" $host }}{{ $host = print $from.name (trimPrefix "." $host) }}{{ end }}{{ if get $hosts $host }}{{ $_ := set $httpPorts $k true }}{{ end }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* Each destination's outcome (external-decision.ts). */ -}}
{{- $first := true -}}
{{- $pick := .pick }}{{ $allowed := false }}{{ $other := false -}}
{{- range $d := $dests -}}
{{- if and $allowed $other }}{{ break }}{{ end -}}
{{- $k := toString $d.port -}}
{{- $outcome := "" -}}
{{- if hasKey $httpPorts $k -}}
{{- if $d.tls }}{{ $outcome = "unknown (needs TLS on an HTTP listener port)" -}}
{{- else -}}
{{- $outcome = ternary "block_all_502" "passthrough_ok" (eq $mode "REGISTRY_ONLY") -}}
{{- /* The most specific route host: exact, else the longest wildcard. */ -}}
{{- $route := dict -}}
{{- range $r := default (list) (get $routes $k) }}{{ if or (eq $r.host $d.host) (and (hasPrefix "*." $r.host) (hasSuffix (trimPrefix "*" $r.host) $d.host) (gt (len $d.host) (len (trimPrefix "*" $r.host)))) -}}
{{- if or (not $route) (and $route.wild (or (not $r.wild) (gt (len $r.host) (len $route.host)))) }}{{ $route = $r }}{{ end -}}
{{- end }}{{ end -}}
{{- if $route }}{{ $outcome = ternary "unknown (needs endpoints)" "ok" $route.noEp }}{{ end -}}
{{- end -}}
{{- else -}}
{{- $best := dict -}}
{{- $plain := dict -}}
{{- range $s := default (list) (get $served $k) -}}
{{- if and (not $s.tls) (not $s.addr) (not $plain) }}{{ $plain = $s }}{{ end -}}
{{- if and $s.tls (or (eq $s.host $d.host) (and (hasPrefix "*." $s.host) (hasSuffix (trimPrefix "*" $s.host) $d.host) (gt (len $d.host) (len (trimPrefix "*" $s.host))))) -}}
{{- if or (not $best) (and $best.wild (or (not $s.wild) (gt (len $s.host) (len $best.host)))) }}{{ $best = $s }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if and $best $best.addr }}{{ $outcome = "unknown (needs DNS proxying)" -}}
{{- else if and $best $d.tls }}{{ $outcome = ternary "unknown (needs endpoints)" "ok" $best.noEp -}}
{{- else if $plain }}{{ $outcome = ternary "unknown (needs endpoints)" "ok" $plain.noEp -}}
{{- else }}{{ $outcome = ternary "blackhole_reset" "passthrough_ok" (eq $mode "REGISTRY_ONLY") }}{{ end -}}
{{- end -}}
{{- $observed := "-" -}}
{{- if or (eq $outcome "ok") (eq $outcome "passthrough_ok") }}{{ if $d.tls }}{{ $observed = "tls-ok" }}{{ else if eq $d.protocol "HTTP" }}{{ $observed = "http-200" }}{{ end -}}
{{- else if eq $outcome "block_all_502" }}{{ $observed = "http-502" -}}
{{- else if eq $outcome "blackhole_reset" }}{{ $observed = ternary "curl-exit-35" "curl-exit-56" $d.tls }}{{ end -}}
{{- if and $pick (ne $d.kind "wildcard") (ne $observed "-") -}}
{{- if and (eq $d.kind "exact") (eq $outcome "ok") }}{{ $allowed = true }}{{ end -}}
{{- if has $outcome (list "block_all_502" "blackhole_reset" "passthrough_ok") }}{{ $other = true }}{{ end -}}
{{- end -}}
{{- $target := printf "%s:%d" $d.host $d.port }}{{ if $d.tls }}{{ $target = print "https://" $target }}{{ end -}}
{{- if not $first }}{{ "\\n" }}{{ end }}{{ $first = false }}- {{ printf "%s|%s|%s|%s|%s" $d.kind $d.label $outcome $observed $target | quote }}
{{- end -}}
{{- end -}}
{{- end -}}
`;

interface ExternalDestination {
  kind: 'exact' | 'wildcard' | 'fixed';
  label: string;
  host: string;
  port: number;
  /** Protocol of the ServiceEntry port the destination comes from (or the first serving it); '' when none. */
  protocol: string;
}

const serves = (pattern: string, concrete: string) =>
  pattern === concrete || (pattern.startsWith('*.') && concrete.endsWith(pattern.slice(1)) && concrete.length > pattern.length - 1);

/** The destinations, in the analyzer's order, deduplicated by `host:port` as it does. */
export function externalDestinations(v: Values): ExternalDestination[] {
  const out: ExternalDestination[] = [];
  const seen = new Set<string>();
  const add = (d: ExternalDestination) => {
    const to = `${d.host}:${d.port}`;
    if (!seen.has(to)) {
      seen.add(to);
      out.push(d);
    }
  };
  for (const se of v.serviceEntries) {
    for (const raw of se.hosts) {
      const host = raw.toLowerCase();
      if (host.startsWith('*')) continue;
      for (const p of se.ports) add({ kind: 'exact', label: `${host}:${p.number}`, host, port: p.number, protocol: p.protocol });
    }
  }
  const extra: Array<Omit<ExternalDestination, 'protocol'>> = [];
  for (const se of v.serviceEntries) {
    for (const raw of se.hosts) {
      const host = raw.toLowerCase();
      if (!host.startsWith('*')) continue;
      for (const p of se.ports) extra.push({ kind: 'wildcard', label: `${host}:${p.number}`, host: `${WILDCARD_PROBE}${host.slice(1)}`, port: p.number });
    }
  }
  extra.push({ kind: 'fixed', label: '', ...FIXED_OTHER });
  for (const d of extra) {
    const declared = v.serviceEntries.flatMap((se) => se.hosts.filter((h) => serves(h.toLowerCase(), d.host)).flatMap(() => se.ports.filter((p) => p.number === d.port)))[0];
    add({ ...d, protocol: declared?.protocol ?? '' });
  }
  return out;
}

function observed(outcome: ProbeOutcome, tls: boolean, protocol: string): string {
  switch (outcome) {
    case 'ok':
    case 'passthrough_ok':
      return tls ? 'tls-ok' : protocol === 'HTTP' ? 'http-200' : '-';
    case 'block_all_502':
      return 'http-502';
    case 'blackhole_reset':
      return tls ? 'curl-exit-35' : 'curl-exit-56';
    default:
      return '-';
  }
}

/** The entries of one namespace, from the analyzer's probes; none when its pods get no sidecar (pod-proxy.ts). */
export function externalEntries(v: Values, templates: AppTemplates, from: NamespaceValues): string[] {
  const dests = externalDestinations(v);
  const r = prediction(v, templates, externalProbes(v));
  const source = `${from.name}/${v.app.name}-${from.name}`;
  if (r.workloads.find((w) => w.workload === source)?.proxy !== 'sidecar') return [];
  return dests.map((d) => {
    const to = `${d.host}:${d.port}`;
    const probe = r.probe(source, to);
    if (!probe) throw new Error(`no probe from ${from.name} to ${to}`);
    const tls = probe.tls === true;
    const outcome = probe.outcome === 'unknown' ? probe.via : probe.outcome;
    return [d.kind, d.label, outcome, observed(probe.outcome, tls, d.protocol), tls ? `https://${to}` : to].join('|');
  });
}

/** The extra probes the analyzer is asked for: the wildcard representatives and the fixed host. */
export function externalProbes(v: Values): string[] {
  return externalDestinations(v)
    .filter((d) => d.kind !== 'exact')
    .map((d) => `${d.host}:${d.port}`);
}

/** The helper over the chart's application templates (passed in to avoid an import cycle). */
export function externalOutcomesHelper(templates: AppTemplates, chartName: string) {
  return defineComputedHelper<Values, { from: NamespaceValues }, string[]>(
    'externalOutcomes',
    goBody(chartName),
    (v, { from }) => externalEntries(v, templates, from),
    { result: 'yaml' },
  );
}
