/** Named templates (`_helpers.tpl`): the labels objects carry, and the selector labels. */
import { defineHelper, merge, replace, trimSuffix, trunc } from '../../generator';
import type { Values } from './values';

/** `app: <app.name>`: the only selector label, so selectors never change on upgrade. */
export const selectorLabels = defineHelper('selectorLabels', (v: Values) => ({ app: v.app.name }));

/** The recommended Helm and Kubernetes labels, on every object; custom labels never enter selectors. */
export const commonLabels = defineHelper('commonLabels', (v: Values, b) => ({
  'helm.sh/chart': trimSuffix(trunc(replace(`${b.chart.name}-${b.chart.version}`, '+', '_'), 63), '-'),
  'app.kubernetes.io/name': v.app.name,
  'app.kubernetes.io/instance': b.release.name,
  'app.kubernetes.io/version': b.chart.appVersion,
  'app.kubernetes.io/managed-by': b.release.service,
}));

/** Labels of the application objects (Service, Deployment, pods): the common labels plus `app`. */
export const labels = defineHelper('labels', (v: Values, b) => merge(commonLabels(v, b), selectorLabels(v, b)));
