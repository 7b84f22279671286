/**
 * Documents of chosen templates in the order the template writes them. `helm template` sorts a
 * release's documents by kind (Helm's install order) and prints hooks last, so a template writing
 * a Role, a RoleBinding, a Role… comes out regrouped; helm-unittest's `documentIndex` and
 * snapshots count documents in the template's own order (it parses each template's text). For a
 * template whose documents are of more than one kind (or mix hooks and non-hooks), this renders its
 * raw text with real helm: a temporary copy of the chart gets one extra template that `include`s
 * it with the same top-level context (`.Template.Name` set to it, as notes.ts does for NOTES.txt),
 * printed by `helm template --show-only`. One extra helm process per distinct render, cached.
 */
import { parse } from 'yaml';
import { renderChanges, withChartCopy } from '../chart-copy';
import { HelmRenderError } from '../errors';
import { templateArgs } from '../helm-args';
import { PromiseCache, runCountedHelm } from '../render-stats';
import { stableStringify } from '../fingerprint';
import type { RenderOptions } from '../types';
import type { Manifest } from './validate-context';

const WRAPPER = 'templates/helmts-raw-order.yaml';
const cache = new PromiseCache<Record<string, string>>();

/** Whether helm's kind sort may have reordered these documents of one template. */
export function mayBeReordered(docs: Manifest[]): boolean {
  const hook = (d: Manifest) => Boolean((d.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations?.['helm.sh/hook']);
  return new Set(docs.map((d) => `${String(d.kind)}|${hook(d)}`)).size > 1;
}

function wrapperTemplate(chartName: string, templates: string[]): string {
  const base = JSON.stringify(`${chartName}/templates`);
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: helmts-raw-order', 'data:'];
  templates.forEach((t, i) => {
    const name = JSON.stringify(t);
    lines.push(
      `  t${i}: {{ include ${name} (dict "Values" .Values "Release" .Release "Chart" .Chart "Capabilities" .Capabilities` +
        ` "Files" .Files "Subcharts" .Subcharts "Template" (dict "Name" ${name} "BasePath" ${base})) | toJson }}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** The raw rendered text of each of `templates` (names as in `# Source:`, the chart's own templates). */
export function rawTemplateTexts(chartDir: string, chartName: string, options: RenderOptions, templates: string[]): Promise<Record<string, string>> {
  const key = stableStringify({ chartDir, options, templates });
  return cache.get(key, () =>
    withChartCopy(chartDir, { ...renderChanges(chartDir, options), extraFiles: { [WRAPPER]: wrapperTemplate(chartName, templates) } }, async (dir) => {
      const args = [...templateArgs(dir, { ...options, postRenderer: undefined }), '--show-only', WRAPPER];
      const r = await runCountedHelm('template', args, options.helm ?? 4);
      if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
      const data = (parse(r.stdout) as { data?: Record<string, string> } | null)?.data ?? {};
      return Object.fromEntries(templates.map((t, i) => [t, data[`t${i}`] ?? '']));
    }),
  );
}
