/**
 * Go snippet shared by the chart's egress helpers: builds, once per render, the lookup tables
 * kept on the root context under `helmtsEgressChecks` — each namespace's zero-padded position,
 * and every Sidecar host that imports one namespace's Service → that position (`*`: every
 * namespace). Per test pod it would cost namespaces².
 */
export const HOST_TABLES_KEY = 'helmtsEgressChecks';

export const HOST_TABLES_GO = `{{- if not (hasKey .root "${HOST_TABLES_KEY}") -}}
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
{{- $_ := set .root "${HOST_TABLES_KEY}" (dict "positions" $positions "hosts" $hosts) -}}
{{- end -}}`;
