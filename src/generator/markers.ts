/**
 * Markers left in a symbolic render where a chart definition branches or
 * loops; the template emitter turns each into a Go-template block.
 */
import type { Expr, ValueType } from './expr';

export const SPREAD_KEY_PREFIX = '\uE002spread';

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
    /** `$i` of `range $i, $x := …`: the index (`.map((x, i) => …)`) or key (`Object.entries(map).map(([k, v]) => …)`). */
    readonly keyVar?: string,
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
    /** Spread into a map only: the keys an earlier entry sets when the value is not set (later-wins.ts). */
    readonly otherwise?: unknown,
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


/**
 * `test ? a : b`, `if`/`else` or `a && b` on a symbolic test whose branches are not both
 * scalars: `{{- if test }}a{{- else }}b{{- end }}`. `test` is a Go boolean expression.
 */
export class CondMarker {
  constructor(
    readonly test: Expr,
    readonly then: unknown,
    readonly otherwise: unknown,
    /** From `[...(test ? [a] : [])]`: the branches are lists spliced into the enclosing list. */
    readonly splice = false,
  ) {}
}

let spreadCounter = 0;

/** A spread key holding `value` (see `merge()` and `spreadable()`). */
export function spreadKey(): string {
  return `${SPREAD_KEY_PREFIX}${spreadCounter++}`;
}

/**
 * Wraps a conditional marker so that `{ ...marker }` (and `Object.assign`) copies one spread key
 * holding it, instead of the marker's own fields: `{ a: 1, ...(on ? { b: 2 } : {}) }` keeps the
 * condition, and the emitter places its branches in the mapping.
 */
export function spreadable<T extends object>(marker: T): T {
  const key = spreadKey();
  const spread = new SpreadMarker(marker);
  return new Proxy(marker, {
    get: (target, prop, receiver) => {
      if (prop === key) return spread;
      // `[...(test ? [a] : [])]`: one item that splices the taken branch's list.
      if (prop === Symbol.iterator && target instanceof CondMarker) {
        return function* () {
          yield new CondMarker(target.test, target.then, target.otherwise, true);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
    ownKeys: () => [key],
    getOwnPropertyDescriptor: (_t, prop) =>
      prop === key ? { value: spread, enumerable: true, configurable: true, writable: false } : undefined,
  });
}
