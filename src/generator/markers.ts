/**
 * Markers left in a symbolic render where a chart definition branches or
 * loops; the template emitter turns each into a Go-template block.
 */
import type { Expr, ValueType } from './expr';

/**
 * `list.map(fn)` on a symbolic list: `{{- range $var := source }}body{{- end }}`.
 * With `flat` (`list.flatMap(fn)`), a body that is a list is spliced into the
 * enclosing list instead of nested in it.
 */
export class RangeMarker {
  constructor(
    readonly source: Expr,
    readonly varName: string,
    readonly body: unknown,
    readonly flat = false,
  ) {}
}

/**
 * `when(value, fn)` on a symbolic value: `{{- if value }}` for scalars,
 * `{{- with $var := value }}` for objects and lists.
 */
export class WhenMarker {
  constructor(
    readonly test: Expr,
    readonly testType: ValueType,
    readonly varName: string | undefined,
    readonly body: unknown,
  ) {}
}

/** A named template of `_helpers.tpl`, included where its result is placed. */
export class IncludeMarker {
  /** With `args`, the helper gets `(dict "root" $ "arg" value …)` instead of the root context. */
  constructor(
    readonly helper: string,
    readonly args?: Record<string, Expr>,
  ) {}
}

/** One symbolic map (or include) merged into a mapping by `merge()`. */
export class SpreadMarker {
  constructor(readonly value: unknown) {}
}

export const SPREAD_KEY_PREFIX = '\uE002spread';
