/** Named templates (`_helpers.tpl`) of the starter chart, as `helm create` writes them. */
import { defineHelper, merge, orDefault, replace, trimSuffix, trunc } from '../../generator';
import type { Values } from './values';

/** Expand the name of the chart. */
export const name = defineHelper('name', (v: Values, b) => trimSuffix(trunc(orDefault(v.nameOverride, b.chart.name), 63), '-'));

/**
 * Create a default fully qualified app name, truncated at 63 characters (DNS names).
 * If the release name contains the chart name it is used as the full name.
 */
export const fullname = defineHelper('fullname', (v: Values, b) => {
  if (v.fullnameOverride) return trimSuffix(trunc(v.fullnameOverride, 63), '-');
  const chartName = orDefault(v.nameOverride, b.chart.name);
  if (b.release.name.includes(chartName)) return trimSuffix(trunc(b.release.name, 63), '-');
  return trimSuffix(trunc(`${b.release.name}-${chartName}`, 63), '-');
});

/** Create chart name and version as used by the chart label. */
export const chart = defineHelper('chart', (_v: Values, b) => trimSuffix(trunc(replace(`${b.chart.name}-${b.chart.version}`, '+', '_'), 63), '-'));

/** Selector labels */
export const selectorLabels = defineHelper('selectorLabels', (v: Values, b) => ({
  'app.kubernetes.io/name': name(v, b),
  'app.kubernetes.io/instance': b.release.name,
}));

/** Common labels */
export const labels = defineHelper('labels', (v: Values, b) =>
  merge(
    { 'helm.sh/chart': chart(v, b) },
    selectorLabels(v, b),
    b.chart.appVersion ? { 'app.kubernetes.io/version': b.chart.appVersion } : undefined,
    { 'app.kubernetes.io/managed-by': b.release.service },
  ),
);

/** Create the name of the service account to use */
export const serviceAccountName = defineHelper('serviceAccountName', (v: Values, b) =>
  v.serviceAccount.create ? orDefault(v.serviceAccount.name, fullname(v, b)) : orDefault(v.serviceAccount.name, 'default'),
);
