{{- /* Generated from src/charts/starter by `helmts build starter`. Do not edit by hand. */}}

{{- define "starter.name" -}}
{{ trimSuffix "-" (trunc 63 (default .Chart.Name .Values.nameOverride)) }}
{{- end }}

{{- define "starter.fullname" -}}
{{ ternary (trimSuffix "-" (trunc 63 .Values.fullnameOverride)) (ternary (trimSuffix "-" (trunc 63 .Release.Name)) (trimSuffix "-" (trunc 63 (printf "%v-%v" .Release.Name (default .Chart.Name .Values.nameOverride)))) (contains (default .Chart.Name .Values.nameOverride) .Release.Name)) (not (empty .Values.fullnameOverride)) }}
{{- end }}

{{- define "starter.chart" -}}
{{ trimSuffix "-" (trunc 63 (replace "+" "_" (printf "%v-%v" .Chart.Name .Chart.Version))) }}
{{- end }}

{{- define "starter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "starter.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end }}

{{- define "starter.labels" -}}
helm.sh/chart: {{ include "starter.chart" . | quote }}
{{ include "starter.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- end }}

{{- define "starter.serviceAccountName" -}}
{{ $_cond1 := "" }}{{ if .Values.serviceAccount.create }}{{ $_cond1 = default (include "starter.fullname" .) .Values.serviceAccount.name }}{{ else }}{{ $_cond1 = default "default" .Values.serviceAccount.name }}{{ end }}{{ $_cond1 }}
{{- end }}
