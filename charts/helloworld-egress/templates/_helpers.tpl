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
{{- $app := $values.app.name -}}
{{- $all := $values.namespaces -}}
{{- if not (hasKey .root "helmtsEgressChecks") -}}
{{- /* Built once per render (per pod it would cost namespaces²): each namespace's zero-padded position,
  and every Sidecar host that imports one namespace's Service → that position ("*": every namespace). */ -}}
{{- $positions := dict -}}
{{- $hosts := dict "*/*" "*" "*/*.svc.cluster.local" "*" "*/*.cluster.local" "*" "*/*.local" "*" -}}
{{- range $i, $ns := $all -}}
{{- $p := printf "%06d" $i -}}
{{- $_ := set $positions $ns.name $p -}}
{{- range $dns := list "*" (print $app "." $ns.name ".svc.cluster.local") (print "*." $ns.name ".svc.cluster.local") "*.svc.cluster.local" "*.cluster.local" "*.local" }}{{ $_ := set $hosts (print $ns.name "/" $dns) $p }}{{ end -}}
{{- $_ := set $hosts (print "*/" $app "." $ns.name ".svc.cluster.local") $p -}}
{{- $_ := set $hosts (print "*/*." $ns.name ".svc.cluster.local") $p -}}
{{- end -}}
{{- $_ := set .root "helmtsEgressChecks" (dict "positions" $positions "hosts" $hosts) -}}
{{- end -}}
{{- $positions := (index .root "helmtsEgressChecks").positions -}}
{{- $hosts := (index .root "helmtsEgressChecks").hosts -}}
{{- $importedCap := 2 -}}
{{- $deniedCap := 2 -}}
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
{{- range $host := $l.hosts -}}
{{- if hasPrefix "./" $host }}{{ $host = print $from.name (trimPrefix "." $host) }}{{ end -}}
{{- with get $hosts $host }}{{ if eq . "*" }}{{ $importsAll = true }}{{ else }}{{ $_ := set $imports . true }}{{ end }}{{ end -}}
{{- /* A ServiceEntry host on this port imported here also opens 0.0.0.0:<port> (HTTP: 502 instead of a reset). */ -}}
{{- $parts := splitn "/" 2 $host -}}
{{- $dns := lower $parts._1 -}}
{{- range $se := $values.serviceEntries -}}
{{- if or (eq $parts._0 "*") (eq $parts._0 $se.namespace) -}}
{{- $visible := or (not $se.exportTo) (has "*" $se.exportTo) (has $from.name $se.exportTo) (and (has "." $se.exportTo) (eq $se.namespace $from.name)) -}}
{{- $onPort := false }}{{ range $se.ports }}{{ if eq (int .number) (int $l.port) }}{{ $onPort = true }}{{ end }}{{ end -}}
{{- if and $visible $onPort -}}
{{- range $h := $se.hosts }}{{ $h = lower $h -}}
{{- if or (eq $dns "*") (eq $dns $h) (and (hasPrefix "*." $dns) (hasSuffix (trimPrefix "*" $dns) $h)) }}{{ $external = true }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $_ := set $listeners $port (dict "imports" $imports "all" $importsAll "external" $external "http" (has $l.protocol (list "HTTP" "HTTP2" "GRPC"))) -}}
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
{{- end -}}
{{- $target := printf "%s.%%s.svc.cluster.local:%v=%%s" $app $svcPort.port -}}
{{- $portKey := printf "/%03d" $j -}}
{{- $n := 0 -}}
{{- if $importsAll -}}
{{- range $i, $to := $all -}}
{{- if ge $n $importedCap }}{{ break }}{{ end -}}
{{- $_ := set $checks (print (get $positions $to.name) $portKey) (printf $target $to.name "http-200") -}}
{{- $n = add1 $n -}}
{{- end -}}
{{- else -}}
{{- range $p, $_ := $imports -}}
{{- if ge $n $importedCap }}{{ break }}{{ end -}}
{{- $_ := set $checks (print $p $portKey) (printf $target (index $all (atoi $p)).name "http-200") -}}
{{- $n = add1 $n -}}
{{- end -}}
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
{{- range $check := $checks }}{{ if not $first }}{{ "\n" }}{{ end }}{{ $first = false }}- {{ $check | quote }}{{ end -}}
{{- end }}
