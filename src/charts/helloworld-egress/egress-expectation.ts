/**
 * What the pods of one namespace observe when they curl every Service port of
 * the chart: one `<fqdn>:<port>=<outcome>` per destination, the outcome being
 * `http-200` (reachable, or passed through), `http-502` (block_all) or
 * `curl-exit-56` (BlackHoleCluster reset).
 *
 * Concretely this asks the egress analyzer (src/egress) about the chart's own
 * Services, Deployments and Sidecars. In Helm it is the Go body below: the
 * same decision specialised to this chart's shape (every namespace has the
 * same Service ports; every listener names a port), computed once per sending
 * namespace: first the namespaces each listener imports, then one lookup per
 * destination. The differential chart tests check the two agree.
 *
 * ServiceEntries (`serviceEntries`) count only for what they do to these probes: an
 * imported entry on an HTTP listener's port opens `0.0.0.0:<port>` (502 instead of a reset).
 *
 * Assumed: only the chart's Services and ServiceEntries exist (closed world) and Istio before
 * 1.31 (`~` imports nothing; from 1.31 `~/…` hosts also exclude).
 */
import { defineComputedHelper } from '../../generator';
import { renderTemplates } from '../../generator/concrete';
import type { BuiltIns } from '../../generator';
import { analyzeEgressReport, type EgressReport, type ProbeOutcome } from '../../egress';
import type { NamespaceValues, Values } from './values';

const OBSERVED: Record<ProbeOutcome, string> = {
  ok: 'http-200',
  passthrough_ok: 'http-200',
  block_all_502: 'http-502',
  no_route_404: 'http-404',
  blackhole_reset: 'curl-exit-56',
  unknown: 'unknown',
};

const GO_BODY = `
{{- $values := .root.Values -}}
{{- $from := .from -}}
{{- $mode := $values.istio.meshOutboundTrafficPolicy -}}
{{- with $from.sidecar.outboundTrafficPolicy }}{{ $mode = . }}{{ end -}}
{{- $refused := ternary "curl-exit-56" "http-200" (eq $mode "REGISTRY_ONLY") -}}
{{- $unrouted := ternary "http-502" "http-200" (eq $mode "REGISTRY_ONLY") -}}
{{- $names := dict -}}
{{- range $values.namespaces }}{{ $_ := set $names .name true }}{{ end -}}
{{- /* The first listener on each port, and the namespaces whose Service it imports. */ -}}
{{- $listeners := dict -}}
{{- range $l := $from.sidecar.egress -}}
{{- $port := toString (int $l.port) -}}
{{- if not (hasKey $listeners $port) -}}
{{- $imports := dict -}}
{{- $external := false -}}
{{- range $host := $l.hosts -}}
{{- $parts := splitn "/" 2 $host -}}
{{- /* A ServiceEntry host on this port imported here also opens 0.0.0.0:<port> (HTTP). */ -}}
{{- $hostNs := ternary $from.name $parts._0 (eq $parts._0 ".") -}}
{{- $dns := lower $parts._1 -}}
{{- range $se := $values.serviceEntries -}}
{{- if or (eq $hostNs "*") (eq $hostNs $se.namespace) -}}
{{- $visible := or (not $se.exportTo) (has "*" $se.exportTo) (has $from.name $se.exportTo) (and (has "." $se.exportTo) (eq $se.namespace $from.name)) -}}
{{- $onPort := false }}{{ range $se.ports }}{{ if eq (int .number) (int $l.port) }}{{ $onPort = true }}{{ end }}{{ end -}}
{{- if and $visible $onPort -}}
{{- range $h := $se.hosts }}{{ $h = lower $h -}}
{{- if or (eq $dns "*") (eq $dns $h) (and (hasPrefix "*." $dns) (hasSuffix (trimPrefix "*" $dns) $h)) }}{{ $external = true }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $targets := list -}}
{{- if eq $parts._0 "*" }}{{ $targets = keys $names }}
{{- else if eq $parts._0 "." }}{{ $targets = list $from.name }}
{{- else if hasKey $names $parts._0 }}{{ $targets = list $parts._0 }}{{ end -}}
{{- range $ns := $targets -}}
{{- $fqdn := printf "%s.%s.svc.cluster.local" $values.app.name $ns -}}
{{- if or (eq $parts._1 "*") (eq $parts._1 $fqdn) (and (hasPrefix "*." $parts._1) (hasSuffix (trimPrefix "*" $parts._1) $fqdn)) -}}
{{- $_ := set $imports $ns true -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $_ := set $listeners $port (dict "imports" $imports "external" $external "http" (has $l.protocol (list "HTTP" "HTTP2" "GRPC"))) -}}
{{- end -}}
{{- end -}}
{{- range $i, $to := $values.namespaces -}}
{{- range $j, $svcPort := $values.service.ports -}}
{{- $outcome := "http-200" -}}
{{- if $from.sidecar.egress -}}
{{- $l := get $listeners (toString (int $svcPort.port)) -}}
{{- if not $l }}{{ $outcome = $refused -}}
{{- else if hasKey $l.imports $to.name }}{{ $outcome = "http-200" -}}
{{- else if and $l.http (or $l.imports $l.external) }}{{ $outcome = $unrouted -}}
{{- else }}{{ $outcome = $refused }}{{ end -}}
{{- end -}}
{{- if or $i $j }}{{ "\\n" }}{{ end -}}
- {{ printf "%s.%s.svc.cluster.local:%v=%s" $values.app.name $to.name $svcPort.port $outcome | quote }}
{{- end -}}
{{- end -}}
`;

type AppTemplates = Record<string, (v: Values, b: BuiltIns) => unknown>;

const reports = new WeakMap<Values, EgressReport>();

function report(v: Values, templates: AppTemplates): EgressReport {
  let r = reports.get(v);
  if (!r) {
    // Labels do not affect the analysis, so placeholder built-ins will do.
    const builtIns: BuiltIns = {
      release: { name: 'analysis', namespace: 'analysis', service: 'Helm' },
      chart: { name: 'analysis', version: '0', appVersion: '0' },
    };
    const manifests = renderTemplates(templates, v, builtIns).flatMap((t) => t.documents);
    r = analyzeEgressReport(manifests, { meshMode: v.istio.meshOutboundTrafficPolicy, istioVersion: '1.24' });
    reports.set(v, r);
  }
  return r;
}

/** The helper over the chart's application templates (passed in to avoid an import cycle). */
export function egressChecksHelper(templates: AppTemplates) {
  return defineComputedHelper<Values, { from: NamespaceValues }, string[]>(
    'egressChecks',
    GO_BODY,
    (v, { from }) =>
      v.namespaces.flatMap((to) =>
        v.service.ports.map((port) => {
          const target = `${v.app.name}.${to.name}.svc.cluster.local:${port.port}`;
          const probe = report(v, templates).probe(`${from.name}/${v.app.name}-${from.name}`, target);
          if (!probe) throw new Error(`no probe from ${from.name} to ${target}`);
          return `${target}=${OBSERVED[probe.outcome]}`;
        }),
      ),
    { result: 'yaml' },
  );
}
