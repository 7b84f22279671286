/** Named templates (`_helpers.tpl`): the labels every object carries, and the selector labels. */
import { defineHelper, merge, replace, trimSuffix, trunc } from '../../generator';
import type { Values } from './values';

/** `app: <app.name>`: the only selector label, so pods of other releases or versions still match. */
export const selectorLabels = defineHelper('selectorLabels', (v: Values) => ({ app: v.app.name }));

/** Recommended labels plus the selector labels; custom labels never enter selectors. */
export const labels = defineHelper('labels', (v: Values, b) =>
  merge({ 'helm.sh/chart': trimSuffix(trunc(replace(`${b.chart.name}-${b.chart.version}`, '+', '_'), 63), '-') }, selectorLabels(v, b), {
    'app.kubernetes.io/name': v.app.name,
    'app.kubernetes.io/instance': b.release.name,
    'app.kubernetes.io/version': b.chart.appVersion,
    'app.kubernetes.io/managed-by': b.release.service,
  }),
);
