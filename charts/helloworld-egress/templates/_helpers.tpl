{{- /* Generated from src/charts/helloworld-egress by `npm run build-chart`. Do not edit by hand. */}}

{{- define "helloworld-egress.selectorLabels" -}}
app: {{ .Values.app.name | quote }}
{{- end }}

{{- define "helloworld-egress.commonLabels" -}}
helm.sh/chart: {{ trimSuffix "-" (trunc 63 (replace "+" "_" (printf "%v-%v" .Chart.Name .Chart.Version))) | quote }}
app.kubernetes.io/name: {{ .Values.app.name | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- end }}

{{- define "helloworld-egress.labels" -}}
{{ include "helloworld-egress.commonLabels" . }}
{{ include "helloworld-egress.selectorLabels" . }}
{{- end }}

{{- define "helloworld-egress.expectedOutcome" -}}
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
{{- end }}
