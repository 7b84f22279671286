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

export const SERVICE_ENTRY_INDEX_KEY = 'helmtsServiceEntryIndex';

/**
 * Go snippet: the ServiceEntry hosts indexed once per render, under `helmtsServiceEntryIndex`, by
 * position `<entry>-<host>` (zero-padded, so sorted keys are input order): `byName` (`<namespace>/<host>`
 * and `*` + `/<host>`, for exact Sidecar hosts), `byNs` (for wildcard Sidecar hosts), `all`, and per
 * position its lower-cased host (`hostAt`) and entry index (`entryAt`). A Sidecar host then looks its
 * candidates up instead of scanning every entry (per namespace, that scan cost entries × hosts).
 */
export const SERVICE_ENTRY_INDEX_GO = `{{- if not (hasKey .root "${SERVICE_ENTRY_INDEX_KEY}") -}}
{{- $byName := dict }}{{ $byNs := dict }}{{ $all := list }}{{ $hostAt := dict }}{{ $entryAt := dict -}}
{{- range $i, $se := .root.Values.serviceEntries }}{{ range $j, $h := $se.hosts }}{{ $h = lower $h -}}
{{- $pos := printf "%04d-%04d" $i $j -}}
{{- $_ := set $hostAt $pos $h }}{{ $_ := set $entryAt $pos $i }}{{ $all = append $all $pos -}}
{{- $_ := set $byNs $se.namespace (append (default (list) (get $byNs $se.namespace)) $pos) -}}
{{- range $k := list (print $se.namespace "/" $h) (print "*/" $h) }}{{ $_ := set $byName $k (append (default (list) (get $byName $k)) $pos) }}{{ end -}}
{{- end }}{{ end -}}
{{- $_ := set .root "${SERVICE_ENTRY_INDEX_KEY}" (dict "byName" $byName "byNs" $byNs "all" $all "hostAt" $hostAt "entryAt" $entryAt) -}}
{{- end -}}`;
