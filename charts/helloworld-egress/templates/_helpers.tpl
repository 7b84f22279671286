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
{{- if or $i $j }}{{ "\n" }}{{ end -}}
- {{ printf "%s.%s.svc.cluster.local:%v=%s" $values.app.name $to.name $svcPort.port $outcome | quote }}
{{- end -}}
{{- end -}}
{{- end }}
