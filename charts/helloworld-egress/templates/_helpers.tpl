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
{{ toYaml (mergeOverwrite (dict) (include "helloworld-egress.commonLabels" . | fromYaml) (include "helloworld-egress.selectorLabels" . | fromYaml)) }}
{{- end }}

{{- define "helloworld-egress.egressChecks" -}}
{{- $values := .root.Values -}}
{{- $from := .from -}}
{{- if ne (include "helloworld-egress.podProxy" (dict "root" .root "from" $from)) "sidecar" }}[]{{ else -}}
{{- /* Without endpoints (replicas 0) a request that reaches a Service's cluster is not predicted. */ -}}
{{- $noEndpoints := eq (int $values.app.replicas) 0 -}}
{{- $app := $values.app.name -}}
{{- $all := $values.namespaces -}}
{{- if not (hasKey .root "helmtsEgressChecks") -}}
{{- $app := .root.Values.app.name -}}
{{- $positions := dict -}}
{{- $hosts := dict "*/*" "*" "*/*.svc.cluster.local" "*" "*/*.cluster.local" "*" "*/*.local" "*" -}}
{{- range $i, $ns := .root.Values.namespaces -}}
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
{{- if not (hasKey .root "helmtsServiceEntryIndex") -}}
{{- $byName := dict }}{{ $byNs := dict }}{{ $all := list }}{{ $hostAt := dict }}{{ $entryAt := dict -}}
{{- range $i, $se := .root.Values.serviceEntries }}{{ range $j, $h := $se.hosts }}{{ $h = lower $h -}}
{{- $pos := printf "%04d-%04d" $i $j -}}
{{- $_ := set $hostAt $pos $h }}{{ $_ := set $entryAt $pos $i }}{{ $all = append $all $pos -}}
{{- $_ := set $byNs $se.namespace (append (default (list) (get $byNs $se.namespace)) $pos) -}}
{{- range $k := list (print $se.namespace "/" $h) (print "*/" $h) }}{{ $_ := set $byName $k (append (default (list) (get $byName $k)) $pos) }}{{ end -}}
{{- end }}{{ end -}}
{{- $_ := set .root "helmtsServiceEntryIndex" (dict "byName" $byName "byNs" $byNs "all" $all "hostAt" $hostAt "entryAt" $entryAt) -}}
{{- end -}}
{{- $seIndex := index .root "helmtsServiceEntryIndex" -}}
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
{{- range $check := $checks }}{{ if not $first }}{{ "\n" }}{{ end }}{{ $first = false }}- {{ $check | quote }}{{ end -}}
{{- /* tests.externalHosts: one imported and one other external host (external-expectation.ts). */ -}}
{{- if and $values.tests.externalHosts (not .every) -}}
{{- $allowed := "" }}{{ $other := "" }}{{ $any := false -}}
{{- range $e := include "helloworld-egress.externalOutcomes" (dict "root" .root "from" $from "pick" true) | fromYamlArray -}}
{{- $p := splitList "|" $e -}}
{{- if eq (index $p 2) "ok" }}{{ $any = true }}{{ end -}}
{{- if and (ne (index $p 0) "wildcard") (ne (index $p 3) "-") -}}
{{- if and (not $allowed) (eq (index $p 0) "exact") (eq (index $p 2) "ok") }}{{ $allowed = print (index $p 4) "=" (index $p 3) }}{{ end -}}
{{- if and (not $other) (has (index $p 2) (list "block_all_502" "blackhole_reset" "passthrough_ok")) }}{{ $other = print (index $p 4) "=" (index $p 3) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if $any }}{{ range $check := list $allowed $other }}{{ if $check }}{{ if not $first }}{{ "\n" }}{{ end }}{{ $first = false }}- {{ $check | quote }}{{ end }}{{ end }}{{ end -}}
{{- end -}}
{{- if $first }}[]{{ end -}}
{{- end -}}
{{- end }}

{{- define "helloworld-egress.externalOutcomes" -}}
{{- $values := .root.Values -}}
{{- $from := .from -}}
{{- if ne (include "helloworld-egress.podProxy" (dict "root" .root "from" $from)) "sidecar" }}[]{{ else -}}
{{- if not (hasKey .root "helmtsEgressChecks") -}}
{{- $app := .root.Values.app.name -}}
{{- $positions := dict -}}
{{- $hosts := dict "*/*" "*" "*/*.svc.cluster.local" "*" "*/*.cluster.local" "*" "*/*.local" "*" -}}
{{- range $i, $ns := .root.Values.namespaces -}}
{{- $p := printf "%06d" $i -}}
{{- $_ := set $positions $ns.name $p -}}
{{- range $dns := list "*" (print $app "." $ns.name ".svc.cluster.local") (print "*." $ns.name ".svc.cluster.local") "*.svc.cluster.local" "*.cluster.local" "*.local" }}{{ $_ := set $hosts (print $ns.name "/" $dns) $p }}{{ end -}}
{{- $_ := set $hosts (print "*/" $app "." $ns.name ".svc.cluster.local") $p -}}
{{- $_ := set $hosts (print "*/*." $ns.name ".svc.cluster.local") $p -}}
{{- end -}}
{{- $_ := set .root "helmtsEgressChecks" (dict "positions" $positions "hosts" $hosts) -}}
{{- end -}}
{{- $hosts := (index .root "helmtsEgressChecks").hosts -}}
{{- if not (hasKey .root "helmtsExternalDestinations") -}}
{{- /* Built once per render: exact hosts × ports, then wildcard representatives and example.com:443. */ -}}
{{- $dests := list -}}
{{- $seen := dict -}}
{{- range $se := $values.serviceEntries }}{{ range $h := $se.hosts }}{{ $h = lower $h }}{{ if not (hasPrefix "*" $h) }}{{ range $p := $se.ports -}}
{{- $to := printf "%s:%d" $h (int $p.number) -}}
{{- if not (hasKey $seen $to) }}{{ $_ := set $seen $to true }}{{ $dests = append $dests (dict "kind" "exact" "label" $to "host" $h "port" (int $p.number) "tls" (has $p.protocol (list "HTTPS" "TLS")) "protocol" $p.protocol) }}{{ end -}}
{{- end }}{{ end }}{{ end }}{{ end -}}
{{- $extra := list -}}
{{- range $se := $values.serviceEntries }}{{ range $w := $se.hosts }}{{ $w = lower $w }}{{ if hasPrefix "*" $w }}{{ range $p := $se.ports -}}
{{- $extra = append $extra (dict "kind" "wildcard" "label" (printf "%s:%d" $w (int $p.number)) "host" (print "helmts-wildcard-probe" (trimPrefix "*" $w)) "port" (int $p.number)) -}}
{{- end }}{{ end }}{{ end }}{{ end -}}
{{- $extra = append $extra (dict "kind" "fixed" "label" "" "host" "example.com" "port" 443) -}}
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
{{- $_ := set .root "helmtsExternalDestinations" $dests -}}
{{- end -}}
{{- $dests := index .root "helmtsExternalDestinations" -}}
{{- if not (hasKey .root "helmtsServiceEntryIndex") -}}
{{- $byName := dict }}{{ $byNs := dict }}{{ $all := list }}{{ $hostAt := dict }}{{ $entryAt := dict -}}
{{- range $i, $se := .root.Values.serviceEntries }}{{ range $j, $h := $se.hosts }}{{ $h = lower $h -}}
{{- $pos := printf "%04d-%04d" $i $j -}}
{{- $_ := set $hostAt $pos $h }}{{ $_ := set $entryAt $pos $i }}{{ $all = append $all $pos -}}
{{- $_ := set $byNs $se.namespace (append (default (list) (get $byNs $se.namespace)) $pos) -}}
{{- range $k := list (print $se.namespace "/" $h) (print "*/" $h) }}{{ $_ := set $byName $k (append (default (list) (get $byName $k)) $pos) }}{{ end -}}
{{- end }}{{ end -}}
{{- $_ := set .root "helmtsServiceEntryIndex" (dict "byName" $byName "byNs" $byNs "all" $all "hostAt" $hostAt "entryAt" $entryAt) -}}
{{- end -}}
{{- $index := index .root "helmtsServiceEntryIndex" -}}
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
{{- if not $first }}{{ "\n" }}{{ end }}{{ $first = false }}- {{ printf "%s|%s|%s|%s|%s" $d.kind $d.label $outcome $observed $target | quote }}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end }}

{{- define "helloworld-egress.podProxy" -}}
{{- $from := .from -}}
{{- $labels := dict -}}
{{- if $from.create }}{{ $labels = default (dict) $from.labels }}{{ end -}}
{{- $proxy := "sidecar" -}}
{{- if eq (toString (get $labels "istio.io/dataplane-mode")) "ambient" }}{{ $proxy = "unknown" }}{{ else -}}
{{- $hook := "default" -}}
{{- if hasKey $labels "istio-injection" }}{{ $hook = ternary "default" "none" (eq (toString (get $labels "istio-injection")) "enabled") -}}
{{- else if hasKey $labels "istio.io/rev" }}{{ $hook = toString (get $labels "istio.io/rev") }}{{ end -}}
{{- if eq $hook "none" }}{{ $proxy = "none" -}}
{{- else if has $from.name (list "kube-system" "kube-public" "kube-node-lease" "local-path-storage") }}{{ $proxy = "none" -}}
{{- else if ne $hook "default" }}{{ $proxy = "unknown" }}{{ end -}}
{{- end -}}
{{- $proxy -}}
{{- end }}
