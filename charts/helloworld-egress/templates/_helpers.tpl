{{- /* Generated from src/charts/helloworld-egress by `helmts build helloworld-egress`. Do not edit by hand. */}}

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

{{- define "helloworld-egress.egressChecks" -}}
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
{{- range $host := $l.hosts -}}
{{- $parts := splitn "/" 2 $host -}}
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
{{- $_ := set $listeners $port (dict "imports" $imports "http" (has $l.protocol (list "HTTP" "HTTP2" "GRPC"))) -}}
{{- end -}}
{{- end -}}
{{- range $i, $to := $values.namespaces -}}
{{- range $j, $svcPort := $values.service.ports -}}
{{- $outcome := "http-200" -}}
{{- if $from.sidecar.egress -}}
{{- $l := get $listeners (toString (int $svcPort.port)) -}}
{{- if not $l }}{{ $outcome = $refused -}}
{{- else if hasKey $l.imports $to.name }}{{ $outcome = "http-200" -}}
{{- else if and $l.http $l.imports }}{{ $outcome = $unrouted -}}
{{- else }}{{ $outcome = $refused }}{{ end -}}
{{- end -}}
{{- if or $i $j }}{{ "\n" }}{{ end -}}
- {{ printf "%s.%s.svc.cluster.local:%v=%s" $values.app.name $to.name $svcPort.port $outcome | quote }}
{{- end -}}
{{- end -}}
{{- end }}
