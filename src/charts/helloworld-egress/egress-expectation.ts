/**
 * What a pod of one namespace observes when it curls one Service port of the
 * chart: `http-200`, `http-502` (block_all) or `curl-exit-56` (BlackHoleCluster
 * reset). Concretely this asks the egress analyzer (src/egress) about the
 * chart's own Services, Deployments and Sidecars; in Helm it is the Go body
 * below, the same decision specialised to this chart's shape (every namespace
 * has the same Service ports; listeners always name a port). The differential
 * chart tests check the two agree.
 *
 * Assumed: only the chart's Services exist (closed world) and Istio before
 * 1.31 (`~` imports nothing; from 1.31 `~/…` hosts also exclude).
 */
import { defineComputedHelper } from '../../generator';
import { concreteBuiltIns, renderConcrete } from '../../generator/concrete';
import { analyzeEgressReport, type EgressReport, type ProbeOutcome } from '../../egress';
import type { NamespaceValues, ServicePort, Values } from './values';

const OBSERVED: Record<ProbeOutcome, string> = {
  ok: 'http-200',
  passthrough_ok: 'http-200',
  block_all_502: 'http-502',
  no_route_404: 'http-404',
  blackhole_reset: 'curl-exit-56',
};

const GO_BODY = `
{{- $values := .root.Values -}}
{{- $sidecar := .from.sidecar -}}
{{- $mode := $values.istio.meshOutboundTrafficPolicy -}}
{{- with $sidecar.outboundTrafficPolicy }}{{ $mode = . }}{{ end -}}
{{- $refused := ternary "curl-exit-56" "http-200" (eq $mode "REGISTRY_ONLY") -}}
{{- $listener := dict -}}
{{- range $sidecar.egress }}{{ if and (not $listener) (eq (int .port) (int $.port.port)) }}{{ $listener = . }}{{ end }}{{ end -}}
{{- if not $sidecar.egress -}}
http-200
{{- else if not $listener -}}
{{ $refused }}
{{- else -}}
{{- $imports := dict -}}
{{- range $ns := $values.namespaces -}}
{{- $fqdn := printf "%s.%s.svc.cluster.local" $values.app.name $ns.name -}}
{{- range $host := $listener.hosts -}}
{{- $parts := splitn "/" 2 $host -}}
{{- $nsMatch := or (eq $parts._0 "*") (eq $parts._0 $ns.name) (and (eq $parts._0 ".") (eq $ns.name $.from.name)) -}}
{{- $dnsMatch := or (eq $parts._1 "*") (eq $parts._1 $fqdn) (and (hasPrefix "*." $parts._1) (hasSuffix (trimPrefix "*" $parts._1) $fqdn)) -}}
{{- if and $nsMatch $dnsMatch }}{{ $_ := set $imports $ns.name true }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if hasKey $imports .to.name -}}
http-200
{{- else if and $imports (has $listener.protocol (list "HTTP" "HTTP2" "GRPC")) -}}
{{ ternary "http-502" "http-200" (eq $mode "REGISTRY_ONLY") }}
{{- else -}}
{{ $refused }}
{{- end -}}
{{- end -}}
`;

const reports = new WeakMap<Values, EgressReport>();

function report(v: Values, templates: Record<string, (v: Values, b: ReturnType<typeof concreteBuiltIns>) => unknown>): EgressReport {
  let r = reports.get(v);
  if (!r) {
    const def = { name: 'analysis', version: '0', appVersion: '0', templates } as never;
    const manifests = renderConcrete(def, v, concreteBuiltIns(def, { name: 'analysis', namespace: 'analysis' })).flatMap(
      (t) => t.documents,
    );
    r = analyzeEgressReport(manifests, { meshMode: v.istio.meshOutboundTrafficPolicy, istioVersion: '1.24' });
    reports.set(v, r);
  }
  return r;
}

/** Builds the helper over the chart's application templates (passed in to avoid an import cycle). */
export function expectedOutcomeHelper(
  templates: Record<string, (v: Values, b: ReturnType<typeof concreteBuiltIns>) => unknown>,
) {
  return defineComputedHelper<Values, { from: NamespaceValues; to: NamespaceValues; port: ServicePort }>(
    'expectedOutcome',
    GO_BODY,
    (v, { from, to, port }) => {
      const probe = report(v, templates).probe(
        `${from.name}/${v.app.name}-${from.name}`,
        `${v.app.name}.${to.name}.svc.cluster.local:${port.port}`,
      );
      if (!probe) throw new Error(`no probe from ${from.name} to ${to.name}:${port.port}`);
      return OBSERVED[probe.outcome];
    },
  );
}
