/**
 * The few operations a chart definition needs beyond plain TypeScript. Each
 * runs concretely on real values and symbolically on symbolic ones, so one
 * definition yields both the rendered objects and the Go templates.
 */
import { symbolicFiles, type ChartFiles } from './chart-files';
import { symbolicChecksum } from './template-checksum';
import { anyWildcard, hasWildcard, truncWildcard } from './nondeterministic';
import { symbolicRandom, type RandomBuiltIns } from './random-builtins';
import { chartError } from '../language/chart-files';
import { assertAnalysed } from '../language/runtime/entries';
import { canFail, type Expr } from './expr';
import type { JsonSchema } from './json-schema';
import { goTruthy } from './go-truthy';
import { goTrunc } from './go-strings';
import { CondMarker, IncludeMarker, SpreadMarker, WhenMarker, spreadKey, spreadable } from './markers';
import { allocVar, exprOf, isSymbolic, registerToken, singular, symbolicNode, symbolicValue } from './symbolic';

/**
 * `fn(value)` when `value` is set (Go truthiness), else `undefined`.
 * Symbolically: `{{- if value }}` for scalars, `{{- with $x := value }}` for objects and lists.
 */
export function when<T, R>(value: T | undefined, fn: (value: T) => R): R | undefined {
  const node = symbolicNode(value);
  const sym = exprOf(value);
  if (!sym) return goTruthy(value) ? fn(value as T) : undefined;
  if (node && (node.type === 'object' || node.type === 'array' || node.type === 'unknown')) {
    const field = node.expr.path[node.expr.path.length - 1] ?? 'value';
    const name = allocVar(singular(field));
    const bound = symbolicValue({ type: 'var', name }, [], node.schema, node.rootSchema);
    return spreadable(new WhenMarker(sym.expr, sym.type, name, fn(bound as T))) as unknown as R;
  }
  // Inside `if value`, the value is known to be set.
  const known = node ? symbolicValue(node.expr.root, node.expr.path, node.schema, node.rootSchema) : registerToken(sym.expr, sym.type);
  return spreadable(new WhenMarker(sym.expr, sym.type, undefined, fn(known as T))) as unknown as R;
}

function asExpr(text: string): Expr | string {
  return exprOf(text)?.expr ?? text;
}

/** `whenTrue` if `test` is set (Go truthiness), else `whenFalse`. Symbolically: `ternary`. */
export function cond(test: unknown, whenTrue: string, whenFalse: string): string {
  const sym = exprOf(test);
  if (!sym) return goTruthy(test) ? whenTrue : whenFalse;
  const then = asExpr(whenTrue);
  const otherwise = asExpr(whenFalse);
  // sprig's `ternary` evaluates both sides: a side Helm may fail on is an `if` instead.
  if (canFail(then) || canFail(otherwise)) {
    const lit = (x: Expr | string): Expr => (typeof x === 'string' ? { kind: 'lit', value: x } : x);
    return registerToken({ kind: 'cond', test: sym.expr, then: lit(then), else: lit(otherwise) }, 'string');
  }
  return registerToken({ kind: 'ternary', test: sym.expr, then, else: otherwise }, 'string');
}

/**
 * Merges string maps (labels, annotations) left to right, skipping unset
 * ones. Symbolic maps, helper results and conditional maps (`when`, `?:`) are
 * merged by Helm (`toYaml` / `include` / `if` into the mapping).
 */
export function merge(...maps: Array<Record<string, string> | undefined>): Record<string, string> {
  const out: Record<string, unknown> = {};
  for (const map of maps) {
    if (map === undefined || map === null) continue;
    if (symbolicNode(map) || map instanceof IncludeMarker || map instanceof WhenMarker || map instanceof CondMarker) {
      out[spreadKey()] = new SpreadMarker(map);
    } else if (typeof map !== 'object' || isSymbolic(map)) {
      throw chartError(`merge(): every argument must be a map (got ${typeof map === 'string' ? 'a string' : typeof map})`);
    } else {
      Object.assign(out, map);
    }
  }
  return out as Record<string, string>;
}

/** Built-in objects of a render: `.Release`, `.Chart` and `.Capabilities`. */
export interface BuiltIns extends RandomBuiltIns {
  release: {
    name: string;
    namespace: string;
    service: string;
    /** `.Release.IsInstall` */
    isInstall: boolean;
    /** `.Release.IsUpgrade` */
    isUpgrade: boolean;
    /** `.Release.Revision` */
    revision: number;
  };
  chart: { name: string; version: string; appVersion: string; description: string; type: string };
  capabilities: {
    /** `.Capabilities.KubeVersion.Version`, e.g. `v1.34.0`. */
    kubeVersion: { version: string; major: string; minor: string };
    /** `.Capabilities.APIVersions.Has "<group/version>"` or `"<group/version>/<Kind>"`. */
    apiVersions: { has(apiVersion: string): boolean };
  };
  /** `.Files`: the files the chart ships (declared in the definition's `files`), see chart-files.ts. */
  files: ChartFiles;
  /**
   * The checksum-annotation idiom: `sha256sum` of another template of the chart as Helm renders it,
   * `include (print $.Template.BasePath "/configmap.yaml") $ | sha256sum`. Pass the template function itself
   * (the one in `templates`), not a path. See template-checksum.ts.
   */
  checksumOf(template: (values: never, builtIns: BuiltIns) => unknown): string;
}

/** The symbolic built-ins: `.Release.Name`, `.Chart.Version`, `.Capabilities.KubeVersion.Version`, … */
export function symbolicBuiltIns(files: readonly string[] = [], templates: Record<string, unknown> = {}): BuiltIns {
  const ref = (object: 'Release' | 'Chart' | 'Capabilities', path: string[], type: 'string' | 'boolean' | 'integer' = 'string') =>
    registerToken({ kind: 'ref', root: { type: 'builtin', object }, path }, type);
  return {
    release: {
      name: ref('Release', ['Name']),
      namespace: ref('Release', ['Namespace']),
      service: ref('Release', ['Service']),
      isInstall: ref('Release', ['IsInstall'], 'boolean') as unknown as boolean,
      isUpgrade: ref('Release', ['IsUpgrade'], 'boolean') as unknown as boolean,
      revision: ref('Release', ['Revision'], 'integer') as unknown as number,
    },
    chart: {
      name: ref('Chart', ['Name']),
      version: ref('Chart', ['Version']),
      appVersion: ref('Chart', ['AppVersion']),
      description: ref('Chart', ['Description']),
      type: ref('Chart', ['Type']),
    },
    capabilities: {
      kubeVersion: {
        version: ref('Capabilities', ['KubeVersion', 'Version']),
        major: ref('Capabilities', ['KubeVersion', 'Major']),
        minor: ref('Capabilities', ['KubeVersion', 'Minor']),
      },
      apiVersions: {
        has: (apiVersion: string) =>
          registerToken(
            { kind: 'call', fn: '$.Capabilities.APIVersions.Has', args: [apiVersion] },
            'boolean',
          ) as unknown as boolean,
      },
    },
    files: symbolicFiles(files),
    checksumOf: symbolicChecksum(templates),
    ...symbolicRandom(),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any helper
type AnyHelper = Helper<any, unknown, any> | ComputedHelper<any, never, unknown>;

/**
 * The helpers called symbolically since the last `takeUsedHelpers()`: the build writes every helper a template
 * uses into `_helpers.tpl`, listed in the definition's `helpers` or not (an unlisted one would fail only in Helm).
 */
const usedHelpers = new Set<AnyHelper>();
export function takeUsedHelpers(): AnyHelper[] {
  const used = [...usedHelpers];
  usedHelpers.clear();
  return used;
}

/** A named template (`_helpers.tpl`) with a TypeScript body; with `A`, it takes typed arguments. */
export interface Helper<V, R, A extends Record<string, unknown> | undefined = undefined> {
  (values: V, builtIns: BuiltIns, ...args: A extends undefined ? [] : [A]): R;
  readonly helperName: string;
  readonly body: (values: V, builtIns: BuiltIns, args: A) => R;
  /** For a helper with arguments: the schema of each argument, learned from its first symbolic call. */
  readonly argSchemas?: Record<string, JsonSchema>;
}

function argSchema(value: unknown): JsonSchema {
  const node = symbolicNode(value);
  if (node) return node.schema;
  const info = exprOf(value);
  if (info) return info.type === 'unknown' ? {} : { type: info.type };
  return { type: typeof value === 'number' ? 'number' : typeof value };
}

/**
 * Defines a helper: called with concrete values it returns its result;
 * called with symbolic values it becomes `include "<chart>.<name>" .`, or with
 * arguments `include "<chart>.<name>" (dict "root" $ "arg" value …)` (the body
 * reads them as `$arg`). A body that yields a string is a string (usable in
 * template literals and conditions); else it is a map or list.
 */
export function defineHelper<V, R, A extends Record<string, unknown> | undefined = undefined>(
  name: string,
  body: (values: V, builtIns: BuiltIns, args: A) => R,
): Helper<V, R, A> {
  let returnsString: boolean | undefined;
  const argSchemas: Record<string, JsonSchema> = {};
  const helper = ((values: V, builtIns: BuiltIns, args?: A) => {
    if (!isSymbolic(values)) return body(values, builtIns, args as A);
    assertAnalysed(body, `the helper ${name}`);
    usedHelpers.add(helper as AnyHelper);
    if (args === undefined) {
      returnsString ??= typeof body(values, builtIns, args as A) === 'string';
      return (returnsString ? registerToken({ kind: 'include', helper: name }, 'string') : includeMarker(name)) as unknown as R;
    }
    const exprs: Record<string, Expr> = {};
    for (const [key, value] of Object.entries(args)) {
      const info = exprOf(value);
      if (!info && !['string', 'number', 'boolean'].includes(typeof value)) {
        throw chartError(`helper "${name}": argument "${key}" must be a string, number or boolean, or a value read from .Values`);
      }
      exprs[key] = info ? info.expr : { kind: 'lit', value: value as string | number | boolean };
      argSchemas[key] ??= argSchema(value);
    }
    if (returnsString === undefined) {
      const root = symbolicNode(values)!.rootSchema;
      const symbolicArgs = Object.fromEntries(
        Object.keys(exprs).map((k) => [k, symbolicValue({ type: 'var', name: k }, [], argSchemas[k], root)]),
      );
      returnsString = typeof body(values, builtIns, symbolicArgs as A) === 'string';
    }
    return (returnsString ? registerToken({ kind: 'include', helper: name, args: exprs }, 'string') : new IncludeMarker(name, exprs)) as unknown as R;
  }) as unknown as Helper<V, R, A>;
  Object.defineProperty(helper, 'helperName', { value: name });
  Object.defineProperty(helper, 'body', { value: body });
  Object.defineProperty(helper, 'argSchemas', { get: () => (body.length > 2 ? argSchemas : undefined) });
  return helper;
}

/** An include marker that refuses to be spread with `...`, which would silently lose it. */
function includeMarker(name: string): IncludeMarker {
  return new Proxy(new IncludeMarker(name), {
    get(target, prop, receiver) {
      if (prop === Symbol.toPrimitive || prop === 'toString') {
        return () => {
          throw chartError(`the helper "${name}" returns a map or list, which cannot be placed in a string; use one of its fields' helpers, or toJson()`);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
    ownKeys() {
      throw chartError(`the helper "${name}" renders only in Helm; combine it with other maps using merge(), not a spread`);
    },
  });
}

/** A sprig function applied to `input`; literal arguments come first, as in a Go pipeline. */
function pipeFn(fn: string, args: Array<string | number>, input: string, concrete: (s: string) => string): string {
  const sym = exprOf(input);
  // A random value (nondeterministic.ts): the function maps its shape.
  if (!sym && [input, ...args].some(hasWildcard)) return fn === 'trunc' && !hasWildcard(args[0]) ? truncWildcard(input, args[0] as number, goTrunc) : anyWildcard();
  if (!sym) return concrete(input);
  return registerToken({ kind: 'call', fn, args: [...args, sym.expr] }, 'string');
}

/** Sprig `replace`: every `old` in `text` replaced by `replacement`. */
export function replace(text: string, old: string, replacement: string): string {
  return pipeFn('replace', [old, replacement], text, (s) => s.split(old).join(replacement));
}

/** Sprig `trunc`: the first `n` bytes of the UTF-8 text (the same as characters for ASCII; see go-strings.ts). */
export function trunc(text: string, n: number): string {
  return pipeFn('trunc', [n], text, (s) => goTrunc(s, n));
}

/** Sprig `trimSuffix`. */
export function trimSuffix(text: string, suffix: string): string {
  return pipeFn('trimSuffix', [suffix], text, (s) =>
    suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s,
  );
}

/** A named template whose Go body is written by hand, for computations the combinators cannot express. */
export interface ComputedHelper<V, A, R = string> {
  (values: V, args: A): R;
  readonly helperName: string;
  /** The body of `{{- define "<chart>.<name>" -}}`; it sees `.root` (the chart root) and each argument by name. */
  readonly goBody: string;
}

/**
 * Defines a computed helper. Concretely it runs `concrete`; symbolically it
 * becomes `include "<chart>.<name>" (dict "root" $ "arg" value …)`: a string,
 * or with `result: 'yaml'` a list or map the body prints as YAML. The Go body
 * and `concrete` must agree; chart tests check them differentially.
 */
export function defineComputedHelper<V, A extends Record<string, unknown>, R extends string | object = string>(
  name: string,
  goBody: string,
  concrete: (values: V, args: A) => R,
  options: { result: 'string' | 'yaml' } = { result: 'string' },
): ComputedHelper<V, A, R> {
  const helper = ((values: V, args: A) => {
    if (!isSymbolic(values)) return concrete(values, args);
    usedHelpers.add(helper as unknown as AnyHelper);
    const exprs: Record<string, Expr> = {};
    for (const [key, value] of Object.entries(args)) {
      const sym = exprOf(value);
      if (!sym) throw chartError(`helper "${name}": argument "${key}" must come from the values`);
      exprs[key] = sym.expr;
    }
    // A string result is a token; a `yaml` one (a list or map the body prints as YAML) is placed with nindent.
    return options.result === 'yaml'
      ? new IncludeMarker(name, exprs)
      : registerToken({ kind: 'include', helper: name, args: exprs }, 'string');
  }) as ComputedHelper<V, A, R>;
  Object.defineProperty(helper, 'helperName', { value: name });
  Object.defineProperty(helper, 'goBody', { value: goBody });
  return helper;
}
