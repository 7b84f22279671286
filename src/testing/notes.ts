/**
 * Renders a chart's templates/NOTES.txt. `helm template` renders NOTES.txt but never prints it,
 * so two real-helm routes are used:
 *
 * 1. Helm 4: `helm install --dry-run=client --output json` — Helm's own release-notes path,
 *    fully offline in Helm 4; the notes are `info.notes` of the printed release.
 * 2. Helm 3 (whose `install --dry-run=client` still contacts a cluster), and Helm 4 renders
 *    with `apiVersions` / `kubeVersion` / `release.upgrade` (flags `helm install` lacks): a
 *    temp copy of the chart gets one extra template that `include`s NOTES.txt with the same
 *    top-level context (`.Template.Name` set to NOTES.txt), rendered with
 *    `helm template --show-only`. The chart's other templates render too (and may `fail`),
 *    exactly as in `helm template`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { renderChanges, withChartCopy } from './chart-copy';
import { HelmRenderError } from './errors';
import { capabilityArgs, releaseName, releaseNamespace, templateArgs, valueArgs } from './helm-args';
import { runCountedHelm } from './render-stats';
import { stubCluster, usesCluster } from './run-render';
import { withStubCluster } from './cluster-stub';
import type { RenderOptions } from './types';

const WRAPPER = 'templates/helmts-render-notes.yaml';
const KEY = 'helmtsRenderedNotes';

/** Whether the notes of a render with these options come from `helm install --dry-run=client`. */
export function notesViaInstall(options: RenderOptions): boolean {
  return (
    (options.helm ?? 4) === 4 &&
    capabilityArgs(options).length === 0 &&
    options.extraArgs === undefined &&
    !usesCluster(options)
  );
}

/** The extra template exposing NOTES.txt of chart `chartName` as a YAML string. */
export function notesWrapperTemplate(chartName: string): string {
  const name = JSON.stringify(`${chartName}/templates/NOTES.txt`);
  const base = JSON.stringify(`${chartName}/templates`);
  return [
    `{{- $ctx := dict "Values" .Values "Release" .Release "Chart" .Chart "Capabilities" .Capabilities` +
      ` "Files" .Files "Subcharts" .Subcharts "Template" (dict "Name" ${name} "BasePath" ${base}) -}}`,
    // A ConfigMap, so that Helm 4's server-side dry run (cluster renders) can map it like any object.
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: helmts-rendered-notes',
    'data:',
    `  ${KEY}: {{ include ${name} $ctx | toJson }}`,
    '',
  ].join('\n');
}

export async function renderNotes(chartDir: string, chartName: string, options: RenderOptions): Promise<string> {
  if (!fs.existsSync(path.join(chartDir, 'templates', 'NOTES.txt'))) return '';
  const major = options.helm ?? 4;
  const changes = renderChanges(chartDir, options);
  if (changes.removeFiles?.includes('templates/NOTES.txt')) return '';
  if (notesViaInstall(options)) {
    return withChartCopy(chartDir, changes, async (dir) => {
      const args = [
        'install',
        releaseName(options),
        dir,
        '--namespace',
        releaseNamespace(options),
        '--dry-run=client',
        '--output',
        'json',
        ...valueArgs(options),
      ];
      const r = await runCountedHelm('notes', args, major);
      if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
      const release = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { info?: { notes?: string } };
      return release.info?.notes ?? '';
    });
  }
  const extraFiles = { [WRAPPER]: notesWrapperTemplate(chartName) };
  return withChartCopy(chartDir, { ...changes, extraFiles }, async (dir) => {
    // Post-renderers never see NOTES.txt, so the wrapper is rendered without one.
    const args = [...templateArgs(dir, { ...options, postRenderer: undefined }), '--show-only', WRAPPER];
    const run = (extra: string[], env?: NodeJS.ProcessEnv) => runCountedHelm('notes', [...args, ...extra], major, env);
    const r = usesCluster(options)
      ? await withStubCluster(stubCluster(options, major), (kubeconfig, env) => run(['--kubeconfig', kubeconfig], env))
      : await run([]);
    if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
    const doc = parse(r.stdout) as { data?: Record<string, unknown> } | null;
    return typeof doc?.data?.[KEY] === 'string' ? doc.data[KEY] : '';
  });
}
