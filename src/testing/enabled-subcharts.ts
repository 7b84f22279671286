/**
 * Which subcharts a render enabled, asked of real helm. Helm drops a disabled dependency
 * (`condition`, `tags`) before rendering, and its templates are then not rendered at all, while an
 * enabled subchart whose templates all render nothing looks the same in `helm template` output.
 * helm-unittest's fan-out checks every rendered template (an empty one fails), so the two must be
 * told apart: one extra helm process renders a temporary template that lists `.Subcharts` (the
 * enabled dependencies, nested, under the names `# Source:` uses), with the render's own options.
 * Only renders of charts with a subchart that produced no document need it; cached per render.
 */
import { parse } from 'yaml';
import { renderChanges, withChartCopy } from './chart-copy';
import { HelmRenderError } from './errors';
import { templateArgs } from './helm-args';
import { PromiseCache, runCountedHelm } from './render-stats';
import { stableStringify } from './fingerprint';
import type { RenderOptions } from './types';

const WRAPPER = 'templates/helmts-enabled-subcharts.yaml';
const cache = new PromiseCache<string[]>();

const TEMPLATE = `{{- define "helmts.enabled-subcharts" -}}
{{- $prefix := index . 0 -}}
{{- range $name, $sub := (index . 1).Subcharts }}
- {{ printf "%scharts/%s" $prefix $name | quote }}
{{- include "helmts.enabled-subcharts" (list (printf "%scharts/%s/" $prefix $name) $sub) }}
{{- end }}
{{- end -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: helmts-enabled-subcharts
data:
  subcharts: |
    {{- include "helmts.enabled-subcharts" (list "" .) | nindent 4 }}
`;

/** `charts/<key>` (nested: `charts/a/charts/b`) of every subchart the render enables. */
export function enabledSubcharts(chartDir: string, options: RenderOptions): Promise<string[]> {
  const key = stableStringify({ chartDir, options });
  return cache.get(key, () =>
    withChartCopy(chartDir, { ...renderChanges(chartDir, options), extraFiles: { [WRAPPER]: TEMPLATE } }, async (dir) => {
      const args = [...templateArgs(dir, { ...options, postRenderer: undefined }), '--show-only', WRAPPER];
      const r = await runCountedHelm('template', args, options.helm ?? 4);
      if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
      const text = (parse(r.stdout) as { data?: { subcharts?: string } } | null)?.data?.subcharts ?? '';
      return ((parse(text) as string[] | null) ?? []).sort();
    }),
  );
}

/** The (innermost) subchart a template belongs to: `charts/a`, `charts/a/charts/b`; undefined for the chart's own. */
export function subchartOf(t: string): string | undefined {
  return /^((?:charts\/[^/]+\/)*charts\/[^/]+)\/templates\//.exec(t)?.[1];
}

/** Subchart templates among `templates` whose subchart produced none of `withOutput`: whether enabledSubcharts must be asked. */
export function needsSubchartQuery(templates: readonly string[], withOutput: ReadonlySet<string>): boolean {
  const active = new Set([...withOutput].map(subchartOf));
  return templates.some((t) => {
    const sub = subchartOf(t);
    return sub !== undefined && !active.has(sub);
  });
}

/** Whether template `t` (`charts/a/templates/x.yaml`, `charts/a/charts/b/templates/y.yaml`) belongs to an enabled subchart. */
export function inEnabledSubchart(t: string, enabled: readonly string[]): boolean {
  const owner = subchartOf(t);
  return owner === undefined || enabled.includes(owner);
}
