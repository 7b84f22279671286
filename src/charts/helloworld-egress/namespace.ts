/** A Namespace for each namespace with `create: true`, with its labels. */
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { merge, when, type BuiltIns } from '../../generator';
import { commonLabels } from './helpers';
import type { Values } from './values';

export const namespaces = (v: Values, b: BuiltIns) =>
  v.namespaces.map((ns) =>
    when(ns.create, () => new Namespace({ metadata: { name: ns.name, labels: merge(commonLabels(v, b), ns.labels) } })),
  );
