/**
 * What the pods of one namespace observe when they curl a bounded sample of
 * the chart's Service ports: one `<fqdn>:<port>=<outcome>` per destination,
 * the outcome being `http-200` (reachable, or passed through), `http-502`
 * (block_all) or `curl-exit-56` (BlackHoleCluster reset).
 *
 * Which destinations: for each Service port, the first
 * {@link IMPORTED_PER_LISTENER} namespaces (in `namespaces` order) the
 * port's listener imports, and the first {@link DENIED_PER_PORT} namespaces
 * it does not (they all share one outcome per port). So a test pod carries at
 * most ports × (IMPORTED_PER_LISTENER + DENIED_PER_PORT) checks and the total
 * grows with namespaces × ports, not namespaces²; the seed's eight checks are
 * all still there. Sorted by namespace, then port. NOTES asks for every
 * destination (`every`), which it lists only up to 10 namespaces.
 *
 * Concretely this asks the egress analyzer (src/egress) about the chart's own
 * Services, Deployments and Sidecars. In Helm it is the Go body below: the
 * same decision specialised to this chart's shape (every namespace has the
 * same Service ports; every listener names a port; app and namespace names
 * hold no dot), in work proportional to the listeners' hosts and the sample:
 * `*` hosts resolve by name (`*` / `*.svc.cluster.local` import every
 * namespace, `*.<ns>.svc.cluster.local` and `<app>.<ns>.svc.cluster.local` one)
 * rather than by scanning the namespaces, and the namespace → position index
 * is built once per render and kept on the root context. The differential
 * chart tests check the two agree.
 *
 * ServiceEntries (`serviceEntries`) count only for what they do to these probes: an
 * imported entry on an HTTP listener's port opens `0.0.0.0:<port>` (502 instead of a reset); one
 * without addresses on a TCP or MONGO listener's port takes the connections no VIP listener
 * takes, so those destinations are not predicted (the analyzer says unknown).
 * With `tests.externalHosts` (not for NOTES' `every`) the test pods' list ends with at most two
 * external-host checks picked from `externalOutcomes` (external-expectation.ts,
 * {@link externalChecks}): the first exact imported host a curl can observe and the first other.
 *
 * Only namespaces whose pods get a sidecar are checked (pod-proxy.ts); a destination whose outcome
 * the analyzer cannot tell is left out: with `app.replicas: 0` the Services have no endpoints, so
 * the requests that would reach one (imported, or passed through) are not predicted. An empty
 * list prints as `[]`.
 *
 * Assumed: only the chart's Services and ServiceEntries exist (closed world) and Istio before
 * 1.31 (`~` imports nothing; from 1.31 `~/…` hosts also exclude).
 */
import { defineComputedHelper } from '../../generator';
import type { ProbeOutcome } from '../../egress';
import { externalEntries, externalProbes } from './external-expectation';
import { HOST_TABLES_GO, HOST_TABLES_KEY, SERVICE_ENTRY_INDEX_GO, SERVICE_ENTRY_INDEX_KEY } from './host-tables';
import { prediction, type AppTemplates } from './prediction';
import type { NamespaceValues, Values } from './values';

/** Imported (reachable) destinations checked per Service port, i.e. per listener. */
export const IMPORTED_PER_LISTENER = 2;
/** Not-imported destinations checked per Service port (they share one outcome). */
export const DENIED_PER_PORT = 2;

const OBSERVED: Record<ProbeOutcome, string> = {
  ok: 'http-200',
  passthrough_ok: 'http-200',
  block_all_502: 'http-502',
  no_route_404: 'http-404',
  direct_ok: 'http-200',
  mtls_reset: 'curl-exit-56',
  route_response: 'unknown',
  blackhole_reset: 'curl-exit-56',
  unknown: 'unknown',
};

/** Root-context key of the per-render lookup tables, built by the first call of a render. */
const CACHE_KEY = HOST_TABLES_KEY;

const goBody = (chartName: string) => `
{{- $values := .root.Values -}}
{{- $from := .from -}}
{{- if ne (include "${chartName}.podProxy" (dict "root" .root "from" $from)) "sidecar" }}[]{{ else -}}
{{- /* Without endpoints (replicas 0) a request that reaches a Service's cluster is not predicted. */ -}}
{{- $noEndpoints := eq (int $values.app.replicas) 0 -}}
{{- $app := $values.app.name -}}
{{- $all := $values.namespaces -}}
${HOST_TABLES_GO}
{{- $positions := (index .root "${CACHE_KEY}").positions -}}
{{- $hosts := (index .root "${CACHE_KEY}").hosts -}}
${SERVICE_ENTRY_INDEX_GO}
{{- $seIndex := index .root "${SERVICE_ENTRY_INDEX_KEY}" -}}
{{- $importedCap := ${IMPORTED_PER_LISTENER} -}}
{{- $deniedCap := ${DENIED_PER_PORT} -}}
{{- if .every }}{{ $importedCap = len $all }}{{ $deniedCap = len $all }}{{ end -}}
{{- $mode := $values.istio.meshOutboundTrafficPolicy -}}
{{- with $from.sidecar.outboundTrafficPolicy }}{{ $mode = . }}{{ end -}}
{{- $refused := ternary "curl-exit-56" "http-200" (eq $mode "REGISTRY_ONLY") -}}
{{- $unrouted := ternary "http-502" "http-200" (eq $mode "REGISTRY_ONLY") -}}
{{- /* The first listener on each port: whether it imports every namespace, else the positions it imports. */ -}}
{{- $listeners := dict -}}
{{- range $l := $from.sidecar.egress -}}
{{- $port := toString (int $l.port) -}}
{{- if not (hasKey $listeners $port) -}}
{{- $imports := dict -}}
{{- $importsAll := false -}}
{{- $external := false -}}
{{- $swallow := false -}}
{{- range $host := $l.hosts -}}
{{- if hasPrefix "./" $host }}{{ $host = print $from.name (trimPrefix "." $host) }}{{ end -}}
{{- with get $hosts $host }}{{ if eq . "*" }}{{ $importsAll = true }}{{ else }}{{ $_ := set $imports . true }}{{ end }}{{ end -}}
{{- /* A ServiceEntry host on this port imported here also opens 0.0.0.0:<port> (HTTP: 502 instead of a reset). */ -}}
{{- if and $values.serviceEntries (not (and $external $swallow)) -}}
{{- $parts := splitn "/" 2 $host -}}
{{- $dns := lower $parts._1 -}}
{{- $pool := list -}}
{{- if or (eq $dns "*") (hasPrefix "*." $dns) }}{{ $pool = ternary $seIndex.all (default (list) (get $seIndex.byNs $parts._0)) (eq $parts._0 "*") -}}
{{- else }}{{ $pool = default (list) (get $seIndex.byName (print $parts._0 "/" $dns)) }}{{ end -}}
{{- range $pos := $pool -}}
{{- $se := index $values.serviceEntries (get $seIndex.entryAt $pos) -}}
{{- $h := get $seIndex.hostAt $pos -}}
{{- if or (eq $dns "*") (eq $dns $h) (and (hasPrefix "*." $dns) (hasSuffix (trimPrefix "*" $dns) $h)) -}}
{{- $visible := or (not $se.exportTo) (has "*" $se.exportTo) (has $from.name $se.exportTo) (and (has "." $se.exportTo) (eq $se.namespace $from.name)) -}}
{{- $onPort := false }}{{ range $se.ports }}{{ if eq (int .number) (int $l.port) }}{{ $onPort = true }}{{ end }}{{ end -}}
{{- if and $visible $onPort }}{{ $external = true }}{{ if not $se.addresses }}{{ $swallow = true }}{{ end }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- /* A plain-TCP listener importing an entry without addresses binds 0.0.0.0:<port>: it takes what no VIP listener takes (not predicted). */ -}}
{{- $_ := set $listeners $port (dict "imports" $imports "all" $importsAll "external" $external "http" (has $l.protocol (list "HTTP" "HTTP2" "GRPC")) "swallow" (and $swallow (has $l.protocol (list "TCP" "MONGO")))) -}}
{{- end -}}
{{- end -}}
{{- /* Per Service port: the first imported and the first other namespaces, keyed by position/port. */ -}}
{{- $checks := dict -}}
{{- range $j, $svcPort := $values.service.ports -}}
{{- $imports := dict -}}
{{- $importsAll := not $from.sidecar.egress -}}
{{- $denied := $refused -}}
{{- with get $listeners (toString (int $svcPort.port)) -}}
{{- $imports = .imports -}}
{{- $importsAll = .all -}}
{{- if and .http (or .all .imports .external) }}{{ $denied = $unrouted }}{{ end -}}
{{- if .swallow }}{{ $denied = "unknown" }}{{ end -}}
{{- end -}}
{{- $target := printf "%s.%%s.svc.cluster.local:%v=%%s" $app $svcPort.port -}}
{{- $portKey := printf "/%03d" $j -}}
{{- $n := 0 -}}
{{- if $noEndpoints -}}
{{- else if $importsAll -}}
{{- range $i, $to := $all -}}
{{- if ge $n $importedCap }}{{ break }}{{ end -}}
{{- $_ := set $checks (print (get $positions $to.name) $portKey) (printf $target $to.name "http-200") -}}
{{- $n = add1 $n -}}
{{- end -}}
{{- end -}}
{{- if not (or $importsAll $noEndpoints) -}}
{{- range $p, $_ := $imports -}}
{{- if ge $n $importedCap }}{{ break }}{{ end -}}
{{- $_ := set $checks (print $p $portKey) (printf $target (index $all (atoi $p)).name "http-200") -}}
{{- $n = add1 $n -}}
{{- end -}}
{{- end -}}
{{- if and (not $importsAll) (ne $denied "unknown") (not (and $noEndpoints (eq $denied "http-200"))) -}}
{{- $n = 0 -}}
{{- range $to := $all -}}
{{- if ge $n $deniedCap }}{{ break }}{{ end -}}
{{- $p := get $positions $to.name -}}
{{- if not (hasKey $imports $p) -}}
{{- $_ := set $checks (print $p $portKey) (printf $target $to.name $denied) -}}
{{- $n = add1 $n -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $first := true -}}
{{- range $check := $checks }}{{ if not $first }}{{ "\\n" }}{{ end }}{{ $first = false }}- {{ $check | quote }}{{ end -}}
{{- /* tests.externalHosts: one imported and one other external host (external-expectation.ts). */ -}}
{{- if and $values.tests.externalHosts (not .every) -}}
{{- $allowed := "" }}{{ $other := "" }}{{ $any := false -}}
{{- range $e := include "${chartName}.externalOutcomes" (dict "root" .root "from" $from "pick" true) | fromYamlArray -}}
{{- $p := splitList "|" $e -}}
{{- if eq (index $p 2) "ok" }}{{ $any = true }}{{ end -}}
{{- if and (ne (index $p 0) "wildcard") (ne (index $p 3) "-") -}}
{{- if and (not $allowed) (eq (index $p 0) "exact") (eq (index $p 2) "ok") }}{{ $allowed = print (index $p 4) "=" (index $p 3) }}{{ end -}}
{{- if and (not $other) (has (index $p 2) (list "block_all_502" "blackhole_reset" "passthrough_ok")) }}{{ $other = print (index $p 4) "=" (index $p 3) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if $any }}{{ range $check := list $allowed $other }}{{ if $check }}{{ if not $first }}{{ "\\n" }}{{ end }}{{ $first = false }}- {{ $check | quote }}{{ end }}{{ end }}{{ end -}}
{{- end -}}
{{- if $first }}[]{{ end -}}
{{- end -}}
`;

/** The helper over the chart's application templates (passed in to avoid an import cycle). */
export function egressChecksHelper(templates: AppTemplates, chartName: string) {
  return defineComputedHelper<Values, { from: NamespaceValues; every?: boolean }, string[]>(
    'egressChecks',
    goBody(chartName),
    (v, { from, every }) => {
      const r = prediction(v, templates, externalProbes(v));
      const source = `${from.name}/${v.app.name}-${from.name}`;
      if (r.workloads.find((w) => w.workload === source)?.proxy !== 'sidecar') return [];
      const picked: Array<{ to: number; port: number; check: string }> = [];
      v.service.ports.forEach((port, p) => {
        const taken = new Map<string, number>();
        v.namespaces.forEach((to, t) => {
          const target = `${v.app.name}.${to.name}.svc.cluster.local:${port.port}`;
          const probe = r.probe(source, target);
          if (!probe) throw new Error(`no probe from ${from.name} to ${target}`);
          // An outcome the analyzer cannot tell (no endpoints: replicas 0) is not checked.
          if (probe.outcome === 'unknown') return;
          const group = probe.outcome === 'ok' ? 'imported' : 'other';
          const count = taken.get(group) ?? 0;
          if (!every && count >= (group === 'imported' ? IMPORTED_PER_LISTENER : DENIED_PER_PORT)) return;
          taken.set(group, count + 1);
          picked.push({ to: t, port: p, check: `${target}=${OBSERVED[probe.outcome]}` });
        });
      });
      const checks = picked.sort((a, b) => a.to - b.to || a.port - b.port).map((c) => c.check);
      return every || !v.tests.externalHosts ? checks : [...checks, ...externalChecks(externalEntries(v, templates, from))];
    },
    { result: 'yaml' },
  );
}

/**
 * The test pods' external checks from a namespace's {@link externalEntries}: when it imports any
 * external host, the first exact imported host a curl can observe and the first other one
 * (declared, else the fixed host), as `<target>=<observed>`.
 */
export function externalChecks(entries: readonly string[]): string[] {
  const parsed = entries.map((e) => e.split('|'));
  if (!parsed.some((p) => p[2] === 'ok')) return [];
  const checkable = parsed.filter((p) => p[0] !== 'wildcard' && p[3] !== '-');
  const allowed = checkable.find((p) => p[0] === 'exact' && p[2] === 'ok');
  const other = checkable.find((p) => ['block_all_502', 'blackhole_reset', 'passthrough_ok'].includes(p[2]));
  return [allowed, other].flatMap((p) => (p ? [`${p[4]}=${p[3]}`] : []));
}
