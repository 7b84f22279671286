/**
 * Whether the application pods of one namespace get an Istio sidecar: `sidecar`, `none` or
 * `unknown`, as the egress analyzer decides it (src/egress/injection.ts, Istio's injection
 * webhooks and `injectRequired`) for this chart's pods, which all carry
 * `sidecar.istio.io/inject: "true"`. A namespace the chart creates is known by its labels: an
 * `istio.io/dataplane-mode: ambient` label is not modelled (`unknown`); an `istio-injection` label
 * other than `enabled` opts out (`none`); an `istio.io/rev` label names the revision (other than
 * `default`: `unknown`, since the installed revisions are not known). A namespace the chart does
 * not create is assumed not to opt out. Istio never injects in kube-system, kube-public,
 * kube-node-lease and local-path-storage. The egress checks and NOTES only predict namespaces
 * whose pods have a sidecar.
 */
import { defineComputedHelper } from '../../generator';
import { prediction, type AppTemplates } from './prediction';
import { externalProbes } from './external-expectation';
import type { NamespaceValues, Values } from './values';

const GO_BODY = `
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
`;

/** The helper over the chart's application templates (passed in to avoid an import cycle). */
export function podProxyHelper(templates: AppTemplates) {
  return defineComputedHelper<Values, { from: NamespaceValues }, string>('podProxy', GO_BODY, (v, { from }) => {
    const report = prediction(v, templates, externalProbes(v));
    const w = report.workloads.find((x) => x.workload === `${from.name}/${v.app.name}-${from.name}`);
    if (!w) throw new Error(`no workload ${v.app.name}-${from.name} in ${from.name}`);
    return w.proxy;
  });
}
