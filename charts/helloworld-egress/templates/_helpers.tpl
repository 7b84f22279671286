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
