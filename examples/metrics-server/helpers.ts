/** The named templates of upstream's _helpers.tpl, as helpers. */
import { defineHelper, merge, orDefault, replace, trimSuffix, trunc, type BuiltIns } from 'helmts';
import type { Values } from './values';

/** metrics-server.name: the chart name, or nameOverride. */
export const name = defineHelper('name', (v: Values, b: BuiltIns) => trimSuffix(trunc(orDefault(v.nameOverride, b.chart.name), 63), '-'));

/** metrics-server.fullname: fullnameOverride, else the release name, followed by the chart name unless it contains it. */
export const fullname = defineHelper('fullname', (v: Values, b: BuiltIns) => {
  if (v.fullnameOverride) return trimSuffix(trunc(v.fullnameOverride, 63), '-');
  const chartName = orDefault(v.nameOverride, b.chart.name);
  if (b.release.name.includes(chartName)) return trimSuffix(trunc(b.release.name, 63), '-');
  return trimSuffix(trunc(`${b.release.name}-${chartName}`, 63), '-');
});

/** metrics-server.namespace: namespaceOverride, else the release namespace. */
export const namespace = defineHelper('namespace', (v: Values, b: BuiltIns) => orDefault(v.namespaceOverride, b.release.namespace));

/** metrics-server.chart: name-version, as the chart label. */
export const chart = defineHelper('chart', (_v: Values, b: BuiltIns) => trimSuffix(trunc(replace(`${b.chart.name}-${b.chart.version}`, '+', '_'), 63), '-'));

/** metrics-server.selectorLabels */
export const selectorLabels = defineHelper('selectorLabels', (v: Values, b: BuiltIns) => ({
  'app.kubernetes.io/name': name(v, b),
  'app.kubernetes.io/instance': b.release.name,
}));

/** metrics-server.labels: the common labels, then commonLabels. */
export const labels = defineHelper('labels', (v: Values, b: BuiltIns) =>
  merge(
    { 'helm.sh/chart': chart(v, b) },
    selectorLabels(v, b),
    { 'app.kubernetes.io/version': b.chart.appVersion, 'app.kubernetes.io/managed-by': b.release.service },
    v.commonLabels,
  ),
);

/** metrics-server.serviceAccountName */
export const serviceAccountName = defineHelper('serviceAccountName', (v: Values, b: BuiltIns) =>
  v.serviceAccount.create ? orDefault(v.serviceAccount.name, fullname(v, b)) : orDefault(v.serviceAccount.name, 'default'),
);

/** metrics-server.image */
export const image = defineHelper('image', (v: Values, b: BuiltIns) => `${v.image.repository}:${orDefault(v.image.tag, `v${b.chart.appVersion}`)}`);
