/**
 * Emits Go-template YAML from the output of a symbolic run.
 *
 * The YAML layout is produced by the `yaml` library: every template action
 * first stands in the tree as a placeholder (a plain scalar, a mapping key or
 * a list item), the tree is stringified, and each placeholder is then
 * replaced by its action. Block bodies are stringified the same way and
 * indented to the placeholder's column, so the result reads like a
 * hand-written chart: `{{- range }}`, `{{- with }}`, `toYaml | nindent`.
 */
import { goYamlDocument, goYamlString } from './go-yaml-text';
import { canFail, compile, operand, type Expr, type Scope, type ValueType } from './expr';
import { YamlTextMarker } from './chart-files';
import { CondMarker, IncludeMarker, RangeMarker, SpreadMarker, SPREAD_KEY_PREFIX, WhenMarker } from './markers';
import { laterWins } from './later-wins';
import { COVERAGE_MARK, type CoverageBranch, type CoverageRecorder } from './coverage';
import { itemSchema, resolveSchema, schemaType, type JsonSchema } from './json-schema';
import { allocVar, asText, exprOf, hasTokens, isStandIn, symbolicNode, symbolicValue } from './symbolic';
import { assertDocument } from './document-kind';

type Block =
  | {
      kind: 'block';
      open: string;
      body: unknown;
      otherwise?: string;
      marker?: string;
      /** `{{- else }}` and its body (a CondMarker's second branch). */
      elseBody?: unknown;
      elseMarker?: string;
      /** A range opened inside a loop: when it reads nothing of the loop, its text moves into a `define` (see {@link layout}). */
      inLoop?: boolean;
    }
  | { kind: 'line'; text: (indent: number) => string };

interface Emitter {
  chartName: string;
  blocks: Map<string, Block>;
  scalars: Map<string, string>;
  values: Map<string, (indent: number) => string>;
  next: number;
  /** A random tag in every placeholder of this emitter (literal text cannot forge one). */
  tag: string;
  /** Set for a marked (coverage) build. */
  coverage?: CoverageRecorder;
  /**
   * Helpers of the root context used by this template, hoisted into variables
   * (`{{- $labels := include "chart.labels" . }}`): their result is the same
   * in every loop iteration, so Helm renders each once per template.
   */
  hoisted?: Map<string, string>;
  /**
   * Loop-invariant YAML (`toYaml` of a values map, a merge of root-context labels) inside a `range` or `with`,
   * hoisted into variables computed once per template: action text → variable name. Only in templates
   * (not helpers), and only for what cannot fail, since it is evaluated even when the loop runs zero times.
   */
  invariant?: Map<string, string>;
  /**
   * `define` blocks of loop-invariant ranges (a range over the chart-wide Service ports inside the namespaces
   * loop): Helm renders each once, through a hoisted `include`, instead of once per iteration.
   */
  defines?: string[];
  /** Prefix of those defines' names: `<chart>.<template path without .yaml>`. */
  definePrefix?: string;
}

/** Whether an expression reads only the root context (`.Values`, `.Release`, `.Chart`), never a loop or `with` variable. */
function invariantExpr(e: Expr | string | number): boolean {
  if (typeof e !== 'object') return true;
  switch (e.kind) {
    case 'lit':
      return true;
    case 'ref':
      return e.root.type === 'values' || e.root.type === 'builtin' || (e.root.type === 'expr' && invariantExpr(e.root.expr));
    case 'concat':
      return e.parts.every(invariantExpr);
    case 'ternary':
      return invariantExpr(e.test) && invariantExpr(e.then) && invariantExpr(e.else);
    case 'call':
      return e.args.every(invariantExpr);
    case 'include':
      return e.args === undefined;
    case 'cond':
    case 'rangeText':
      return false;
  }
}

/**
 * `{{- action }}` in place; inside a loop (scope depth > 0) an invariant action is computed once before the
 * template's first document into a variable, and the variable printed here (`{{- $yaml1 }}`): Helm would
 * otherwise marshal the same YAML in every iteration.
 */
function hoistable(e: Emitter, action: string, scope: Scope, invariant: boolean, hint: string): string {
  if (!invariant || scope.depth === 0 || !e.invariant) return `{{- ${action} }}`;
  let name = e.invariant.get(action);
  if (!name) e.invariant.set(action, (name = allocVar(hint)));
  return `{{- $${name} }}`;
}

/** Opens a coverage branch for a block body (marked builds only): the body's scope and its marker line. */
function branch(
  e: Emitter,
  kind: CoverageBranch['kind'],
  action: string,
  bodyScope: Scope,
  binding?: { name: string; source: Expr },
): { scope: Scope; marker?: string } {
  if (!e.coverage) return { scope: bodyScope };
  const opened = e.coverage.open(kind, action, bodyScope, binding);
  return { scope: opened.scope, marker: `${COVERAGE_MARK} ${opened.branch.id}` };
}

function markerBranch(e: Emitter, marker: RangeMarker | WhenMarker, open: string, scope: Scope): { scope: Scope; marker?: string } {
  const rebinds = marker instanceof RangeMarker || marker.varName !== undefined;
  const bodyScope = rebinds ? inner(scope) : scope;
  if (marker instanceof RangeMarker) return branch(e, 'range', open, bodyScope, { name: marker.varName, source: marker.source });
  if (marker.varName) return branch(e, 'with', open, bodyScope, { name: marker.varName, source: marker.test });
  return branch(e, 'if', open, bodyScope);
}

// Placeholders carry the emitter's own random tag, so that literal text such as `__tpl_b0__` is never taken for one.
const BLOCK_LINE = /^(\s*)(- )?(__tpl_[a-z0-9]+_b\d+__)(:.*)?$/;
const VALUE_LINE = /^(\s*)(- )?(.*?)(__tpl_[a-z0-9]+_v\d+__)$/;
const SCALAR = /__tpl_[a-z0-9]+_e\d+__/g;

/**
 * The test that an optional field is present: set-but-empty values (`""`, `0`, `false`) still render, and a
 * `null` (Helm's unset, which stays in `.Values` for a key without a default) counts as absent.
 */
function presence(expr: Expr, scope: Scope): string {
  // A read with no path (`list[0]` is `first list`, a variable): set-but-empty (`""`) is present too.
  if (expr.kind !== 'ref' || expr.path.length === 0) return `not (kindIs "invalid" ${operand(expr, scope)})`;
  // `index` reads the parent only: the field counts as read (chart coverage) in the body that prints it.
  const parent: Expr = { ...expr, path: expr.path.slice(0, -1), maybeNil: undefined };
  // A parent that may be unset is read as an empty map (`index` of nil fails).
  const parentMayBeNil = (expr.nilable ?? []).includes(expr.path.length - 2);
  const base = parentMayBeNil ? `(${compile(parent, scope)} | default dict)` : operand(parent, scope);
  return `not (kindIs "invalid" (index ${base} ${JSON.stringify(expr.path[expr.path.length - 1])}))`;
}

/** Types a `quote` or `toJson` prints as YAML on its own. */
function isScalar(type: ValueType): boolean {
  return type === 'string' || type === 'integer' || type === 'number' || type === 'boolean';
}

/** Maps and lists are emitted with `toYaml`; scalars inline. */
function isStructured(type: ValueType): boolean {
  return type === 'object' || type === 'array' || type === 'unknown';
}

function placeholder(e: Emitter, kind: 'b' | 'e' | 'v'): string {
  return `__tpl_${e.tag}_${kind}${e.next++}__`;
}

function inner(scope: Scope): Scope {
  return { ...scope, depth: scope.depth + 1 };
}

function dot(scope: Scope): string {
  return scope.depth === 0 ? '.' : '$';
}

function scalarAction(expr: Expr, type: ValueType, outer: Scope, json = false): string {
  const pre: string[] = [];
  const action = scalarText(expr, type, { ...outer, pre }, json);
  return pre.join('') + action;
}

function scalarText(expr: Expr, type: ValueType, scope: Scope, json: boolean): string {
  const text = compile(expr, scope);
  // A scalar of either type (a && b): JSON is YAML, and keeps a string quoted and a boolean bare.
  if (json) return `{{ toJson (${text}) }}`;
  if (type === 'string' || type === 'unknown') return `{{ ${text} | quote }}`;
  // Helm reads values numbers as float64, which `%v` prints as 1e+06: JSON prints them as JavaScript does.
  if (type === 'integer' || type === 'number') return `{{ ${text} | toJson }}`;
  return `{{ ${text} }}`;
}

function include(e: Emitter, marker: IncludeMarker, scope: Scope): string {
  if (marker.args) return compile({ kind: 'include', helper: marker.helper, args: marker.args }, scope);
  if (!e.hoisted) return `include "${e.chartName}.${marker.helper}" ${dot(scope)}`;
  let name = e.hoisted.get(marker.helper);
  if (!name) e.hoisted.set(marker.helper, (name = allocVar(marker.helper)));
  return `$${name}`;
}

function blockOpen(marker: RangeMarker | WhenMarker, scope: Scope): string {
  if (marker instanceof RangeMarker) {
    const vars = marker.keyVar ? `$${marker.keyVar}, $${marker.varName}` : `$${marker.varName}`;
    return `{{- range ${vars} := ${compile(marker.source, scope)} }}`;
  }
  if (marker.varName) return `{{- with $${marker.varName} := ${compile(marker.test, scope)} }}`;
  return `{{- if ${compile(marker.test, scope)} }}`;
}

/** `{{- if test }}then{{- else }}otherwise{{- end }}`, each branch prepared by `body`. */
const isNothing = (v: unknown) => v === undefined || v === null || isEmptyMap(v) || isEmptyList(v);
/** A literal empty list (a symbolic list is never known to be empty). */
const isEmptyList = (v: unknown) => Array.isArray(v) && !symbolicNode(v) && v.length === 0;
/** Literal text Helm would read as template actions: `{{` and `}}` are printed from a Go string instead. */
const DELIMITERS = /\{\{|\}\}/;

/** `if not t` with the else branch as body, when only the else branch has content (`if (!on) return undefined; …`). */
function oriented(marker: CondMarker): CondMarker {
  if (!isNothing(marker.then) || isNothing(marker.otherwise)) return marker;
  const t = marker.test;
  const negated: Expr = t.kind === 'call' && t.fn === 'not' && t.args.length === 1 && typeof t.args[0] === 'object' ? t.args[0] : { kind: 'call', fn: 'not', args: [t] };
  return new CondMarker(negated, marker.otherwise, marker.then, marker.splice);
}

function condBlock(e: Emitter, original: CondMarker, scope: Scope, body: (value: unknown, scope: Scope) => unknown): Extract<Block, { kind: 'block' }> {
  const marker = oriented(original);
  const open = `{{- if ${compile(marker.test, scope)} }}`;
  const thenBranch = branch(e, 'if', open, scope);
  const elseBranch = branch(e, 'if', '{{- else }}', scope);
  const hasElse = marker.otherwise !== undefined && !isEmptyMap(marker.otherwise) && !isEmptyList(marker.otherwise);
  return {
    kind: 'block',
    open,
    marker: thenBranch.marker,
    body: body(marker.then, thenBranch.scope),
    elseBody: hasElse ? body(marker.otherwise, elseBranch.scope) : undefined,
    elseMarker: hasElse ? elseBranch.marker : undefined,
  };
}

function isEmptyMap(value: unknown): boolean {
  if (value instanceof CondMarker || value instanceof WhenMarker || value instanceof IncludeMarker || value instanceof RangeMarker || value instanceof YamlTextMarker) return false;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !exprOf(value) && Object.keys(value).length === 0;
}

/** Converts an output value into a YAML-ready tree whose template actions are placeholders. */
function prepare(e: Emitter, value: unknown, scope: Scope): unknown {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (value instanceof CondMarker) throw new Error('a conditional value (?:, if/else, &&) can only be placed as a document, a mapping value, a list item or a spread');
  const sym = exprOf(value);
  if (sym) {
    const node = symbolicNode(value);
    if (node && isStructured(node.type)) {
      // A list of scalars: a range printing each item is ~4× cheaper in Helm than toYaml (no JSON round trip).
      if (node.type === 'array' && isScalar(schemaType(itemSchema(node.schema, node.rootSchema), node.rootSchema))) {
        return prepareList(e, [innerRange(value)], scope);
      }
      const id = placeholder(e, 'v');
      const pipeline = compile(sym.expr, scope);
      const invariant = invariantExpr(sym.expr) && !canFail(sym.expr);
      const hint = `${sym.expr.kind === 'ref' ? (sym.expr.path[sym.expr.path.length - 1] ?? '') : ''}Yaml`;
      e.values.set(id, (indent) => hoistable(e, `toYaml ${pipeline} | nindent ${indent}`, scope, invariant, hint));
      return id;
    }
    const id = placeholder(e, 'e');
    e.scalars.set(id, scalarAction(sym.expr, sym.type, scope, sym.json));
    return id;
  }
  if (typeof value === 'string' && DELIMITERS.test(value)) return literalAction(e, value);
  if (typeof value !== 'object') return value;
  if (value instanceof IncludeMarker || value instanceof YamlTextMarker) {
    const id = placeholder(e, 'v');
    const action = value instanceof YamlTextMarker ? compile(value.expr, scope) : include(e, value, scope);
    e.values.set(id, (indent) => `{{- ${action} | nindent ${indent} }}`);
    return id;
  }
  if (value instanceof RangeMarker) return prepareList(e, [value], scope);
  if (Array.isArray(value)) return prepareList(e, value, scope);
  const json = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  return prepareMap(e, json as Record<string, unknown>, scope);
}

/** A literal string holding `{{` or `}}`, printed by an action so that Helm does not execute it. */
function literalAction(e: Emitter, text: string): string {
  const id = placeholder(e, 'e');
  e.scalars.set(id, `{{ ${JSON.stringify(text)} | quote }}`);
  return id;
}

/** A range over a symbolic list, each item placed as it is. */
function innerRange(list: unknown): RangeMarker {
  const node = symbolicNode(list)!;
  const name = allocVar('item');
  return new RangeMarker(node.expr, name, symbolicValue({ type: 'var', name }, [], itemSchema(node.schema, node.rootSchema), node.rootSchema));
}

/** `wholeList`: the items are a whole YAML list, so a lone range renders `[]` when empty (not a spliced body). */
function prepareList(e: Emitter, items: unknown[], scope: Scope, wholeList = true): unknown[] {
  const onlyRange = wholeList && items.length === 1 && items[0] instanceof RangeMarker;
  return items.map((item) => {
    if (item instanceof CondMarker) {
      const id = placeholder(e, 'b');
      const items = (v: unknown) => (v === undefined ? [] : item.splice && Array.isArray(v) && !symbolicNode(v) ? v : [v]);
      e.blocks.set(id, condBlock(e, item, scope, (v, s) => prepareList(e, items(v), s, false)));
      return id;
    }
    if (item instanceof RangeMarker || item instanceof WhenMarker) {
      const id = placeholder(e, 'b');
      const open = blockOpen(item, scope);
      const { scope: bodyScope, marker } = markerBranch(e, item, open, scope);
      e.blocks.set(id, {
        kind: 'block',
        open,
        marker,
        body:
          item instanceof RangeMarker && item.flat && Array.isArray(item.body) && !symbolicNode(item.body)
            ? prepareList(e, item.body, bodyScope, false)
            : item instanceof RangeMarker && item.flat && item.body instanceof CondMarker
              // `flatMap((x) => (t ? [a] : []))`: the taken branch's items are spliced into the list.
              ? prepareList(e, [new CondMarker(item.body.test, item.body.then, item.body.otherwise, true)], bodyScope, false)
              : item instanceof RangeMarker && item.flat && symbolicNode(item.body)?.type === 'array'
                // `flatMap((x) => x.hosts)`: a range over the inner list, spliced.
                ? prepareList(e, [innerRange(item.body)], bodyScope, false)
                : prepareList(e, [item.body], bodyScope, false),
        // An empty list renders `[]`, not null.
        otherwise: onlyRange ? '{{- else }} []' : undefined,
        inLoop: item instanceof RangeMarker && scope.depth > 0 && !e.coverage,
      });
      return id;
    }
    return prepare(e, item, scope);
  });
}

/** The Go operand of a map spread whose keys only Helm knows (a values map, a map helper, a file group), or undefined. */
function opaqueMap(e: Emitter, entry: [string, unknown], scope: Scope): string | undefined {
  const [key, value] = entry;
  if (!key.startsWith(SPREAD_KEY_PREFIX) || !(value instanceof SpreadMarker)) return undefined;
  const inner = value.value;
  if (inner instanceof IncludeMarker) return `(${include(e, inner, scope)} | fromYaml)`;
  if (inner instanceof YamlTextMarker) return `(${compile(inner.expr, scope)} | fromYaml)`;
  const node = symbolicNode(inner);
  if (!node) return undefined;
  return node.optional ? `(default (dict) ${operand(node.expr, scope)})` : operand(node.expr, scope);
}

/** Whether a spread values map may hold maps or lists (which `mergeOverwrite` would merge, not replace). */
function holdsStructures(spread: unknown): boolean {
  const node = spread instanceof SpreadMarker ? symbolicNode(spread.value) : undefined;
  if (!node) return false;
  const s = resolveSchema(node.schema, node.rootSchema);
  const parts = [...Object.values(s.properties ?? {}), ...(typeof s.additionalProperties === 'object' ? [s.additionalProperties] : s.additionalProperties === true ? [{}] : [])];
  return parts.some((p) => !['string', 'number', 'integer', 'boolean'].includes(schemaType(resolveSchema(p as JsonSchema, node.rootSchema), node.rootSchema)));
}

/**
 * `{ name: 'tmp', ...v.volume, size: '1' }` with one values map: JavaScript's shallow later-wins, with parts that
 * share no key (so `mergeOverwrite` never merges two maps): the map without the later literal keys (`omit`), an
 * earlier literal key only where the map has no value (absent or null: Helm's unset), then the later keys.
 */
function shallowMerge(entries: Array<[string, unknown]>, opaque: Array<string | undefined>, at: number, keyText: (k: string) => string, scope: Scope): string | undefined {
  if (opaque.filter((o) => o !== undefined).length > 1) return undefined;
  const map = opaque[at]!;
  const pair = ([key, value]: [string, unknown]): string | undefined => {
    const sym = exprOf(value);
    if (typeof value === 'string' && !sym) return `${keyText(key)} ${JSON.stringify(value)}`;
    if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return `${keyText(key)} ${String(value)}`;
    if (sym && !sym.optional && !isStructured(sym.type) && !symbolicNode(value)?.optional) return `${keyText(key)} ${operand(sym.expr, scope)}`;
    return undefined;
  };
  const before = entries.slice(0, at).map(pair);
  const after = entries.slice(at + 1).map(pair);
  if ([...before, ...after].some((p) => p === undefined) || entries.some(([k]) => hasTokens(k))) return undefined;
  const parts = [
    after.length ? `(omit ${map} ${entries.slice(at + 1).map(([k]) => keyText(k)).join(' ')})` : map,
    ...entries.slice(0, at).map(([key], i) => `(ternary (dict ${before[i]}) (dict) (kindIs "invalid" (index ${map} ${keyText(key)})))`),
    ...(after.length ? [`(dict ${after.join(' ')})`] : []),
  ];
  return `toYaml (mergeOverwrite (dict) ${parts.join(' ')})`;
}

/** A merge of maps by Helm (see {@link mergedByHelm}). */
interface HelmMerge {
  /** `toYaml (mergeOverwrite (dict) part…)`. */
  action: string;
  /** Every part reads the root context only. */
  invariant: boolean;
  /**
   * When the parts before the last are invariant and the last is a map from values (`...v.labels` after the
   * chart's labels): the invariant parts' merge, and the last part's operand (see {@link splitMerge}).
   */
  split?: { prefix: string; last: string };
}

/**
 * A map that spreads a map only Helm knows together with other keys (`merge(labels(v, b), v.podLabels)`): its
 * keys may repeat, so Helm merges it, later keys winning as in JavaScript (`mergeOverwrite` into a new `dict`).
 * Undefined when the map has no such spread, or a part `dict` cannot hold (a conditional, a nested object).
 */
function mergedByHelm(e: Emitter, entries: Array<[string, unknown]>, scope: Scope): HelmMerge | undefined {
  const opaque = entries.map((entry) => opaqueMap(e, entry, scope));
  // A key computed from a value (`{ [v.key]: 'x' }`): `dict` sets the pairs in order, later keys winning.
  const computed = entries.some(([key]) => hasTokens(key));
  if (!computed && (!opaque.some((o) => o !== undefined) || entries.length < 2)) return undefined;
  const keyInfo = (key: string) => (hasTokens(key) ? exprOf(key) : undefined);
  const keyText = (key: string) => {
    const info = keyInfo(key);
    return info ? operand(asText(info), scope) : JSON.stringify(key);
  };
  // Invariant: reads the root context only (a helper without arguments is already hoisted).
  const args: Array<{ text: string; invariant: boolean; fromValues: boolean }> = [];
  let literal: string[] = [];
  let literalInvariant = true;
  const flush = () => {
    if (literal.length) args.push({ text: `(dict ${literal.join(' ')})`, invariant: literalInvariant, fromValues: false });
    literal = [];
    literalInvariant = true;
  };
  for (const [i, [key, value]] of entries.entries()) {
    if (opaque[i]) {
      flush();
      const inner = (value as SpreadMarker).value;
      const invariant =
        inner instanceof IncludeMarker
          ? inner.args === undefined
          : inner instanceof YamlTextMarker
            ? invariantExpr(inner.expr) && !canFail(inner.expr)
            : invariantExpr(symbolicNode(inner)!.expr);
      const fromValues = !(inner instanceof IncludeMarker) && !(inner instanceof YamlTextMarker);
      args.push({ text: opaque[i]!, invariant, fromValues });
      continue;
    }
    if (key.startsWith(SPREAD_KEY_PREFIX)) return undefined;
    const sym = exprOf(value);
    const keySym = keyInfo(key);
    if (keySym) literalInvariant &&= invariantExpr(keySym.expr) && !canFail(keySym.expr);
    if (sym) literalInvariant &&= invariantExpr(sym.expr) && !canFail(sym.expr);
    if (typeof value === 'string' && !sym) literal.push(`${keyText(key)} ${JSON.stringify(value)}`);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') literal.push(`${keyText(key)} ${String(value)}`);
    else if (sym && !sym.optional && !isStructured(sym.type) && !symbolicNode(value)?.optional) literal.push(`${keyText(key)} ${operand(sym.expr, scope)}`);
    else if (computed) throw new Error('a key computed from a value sits in a map whose values are not all strings, numbers or booleans that are always set');
    else return undefined;
  }
  flush();
  // One map only Helm knows, holding maps or lists, or after literal keys (which a null of the map must not erase).
  const maps = opaque.flatMap((o, i) => (o === undefined ? [] : [i]));
  if (maps.length === 1 && (maps[0] > 0 || holdsStructures(entries[maps[0]][1]))) {
    const shallow = shallowMerge(entries, opaque, maps[0], keyText, scope);
    return shallow === undefined ? undefined : { action: shallow, invariant: args.every((a) => a.invariant) };
  }
  if (maps.some((i) => holdsStructures(entries[i][1]))) return undefined;
  const action =
    args.length === 1 && !opaque.some((o) => o !== undefined) ? `toYaml ${args[0].text}` : `toYaml (mergeOverwrite (dict) ${args.map((a) => a.text).join(' ')})`;
  const last = args[args.length - 1];
  const prefix = args.slice(0, -1);
  const split =
    !last.invariant && last.fromValues && prefix.length > 0 && prefix.every((a) => a.invariant)
      ? { prefix: `mergeOverwrite (dict) ${prefix.map((a) => a.text).join(' ')}`, last: last.text }
      : undefined;
  return { action, invariant: args.every((a) => a.invariant), split };
}

/**
 * The merge of invariant maps (the chart's labels) with a map from values, inside a loop: unless a key of the
 * values map is also an invariant key (or the invariant maps are empty), the result is the invariant keys' YAML,
 * computed once per template, followed by the values map's own (disjoint keys: the same mapping as the merge,
 * without Helm's JSON round trip of the whole map in every iteration); otherwise Helm merges, as in
 * {@link mergedByHelm}. At 1,000 namespaces the merge cost ~100 ms, this ~20 ms (issue 24).
 */
function splitMerge(e: Emitter, merge: HelmMerge, split: NonNullable<HelmMerge['split']>, indent: number, here: string): string {
  let map = e.invariant!.get(split.prefix);
  if (!map) e.invariant!.set(split.prefix, (map = allocVar('mergedMap')));
  const prefixYaml = hoistable(e, `toYaml $${map} | nindent ${indent}`, { depth: 1 }, true, 'mergedYaml');
  const clash = allocVar('clash');
  return [
    `{{- $${clash} := not $${map} }}{{ range $key, $_ := ${split.last} }}{{ if hasKey $${map} $key }}{{ $${clash} = true }}{{ end }}{{ end }}`,
    `{{- if $${clash} }}`,
    `{{- ${merge.action} | nindent ${indent} }}`,
    '{{- else }}',
    prefixYaml,
    `{{- with ${split.last} }}{{ toYaml . | nindent ${indent} }}{{ end }}`,
    '{{- end }}',
  ].join(`\n${here}`);
}

function prepareMap(e: Emitter, map: Record<string, unknown>, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = Object.entries(laterWins(map)).filter(([, v]) => v !== undefined);
  const merged = mergedByHelm(e, entries, scope);
  if (merged) {
    const id = placeholder(e, 'b');
    e.blocks.set(id, {
      kind: 'line',
      text: (indent) =>
        indent === 0
          ? insertAt(merged.action, 0)
          : merged.split && !merged.invariant && scope.depth > 0 && e.invariant
            ? splitMerge(e, merged, merged.split, indent, ' '.repeat(indent))
            : hoistable(e, `${merged.action} | nindent ${indent}`, scope, merged.invariant, 'mergedYaml'),
    });
    return { [id]: null };
  }
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (key.startsWith(SPREAD_KEY_PREFIX) && value instanceof SpreadMarker) {
      const id = placeholder(e, 'b');
      e.blocks.set(id, spreadBlock(e, value, scope));
      out[id] = null;
    } else if (value instanceof CondMarker) {
      const id = placeholder(e, 'b');
      e.blocks.set(id, condBlock(e, value, scope, (v, s) => prepareMap(e, { [key]: v }, s)));
      out[id] = null;
    } else if (value instanceof WhenMarker) {
      const id = placeholder(e, 'b');
      const open = blockOpen(value, scope);
      const { scope: bodyScope, marker } = markerBranch(e, value, open, scope);
      e.blocks.set(id, { kind: 'block', open, marker, body: prepareMap(e, { [key]: value.body }, bodyScope) });
      out[id] = null;
    } else if (exprOf(value)?.optional && !isStructured(exprOf(value)!.type)) {
      // An optional scalar: the key appears only when the value is set.
      const id = placeholder(e, 'b');
      const open = `{{- if ${presence(exprOf(value)!.expr, scope)} }}`;
      const { scope: bodyScope, marker } = branch(e, 'if', open, scope);
      e.blocks.set(id, { kind: 'block', open, marker, body: { [key]: prepare(e, value, bodyScope) } });
      out[id] = null;
    } else if (symbolicNode(value)?.optional) {
      // An optional map or list: the key appears only when the value is set.
      const id = placeholder(e, 'b');
      const pipeline = compile(symbolicNode(value)!.expr, scope);
      const v = placeholder(e, 'v');
      e.values.set(v, (indent) => `{{- toYaml . | nindent ${indent} }}`);
      const open = `{{- with ${pipeline} }}`;
      e.blocks.set(id, { kind: 'block', open, marker: branch(e, 'with', open, inner(scope)).marker, body: { [key]: v } });
      out[id] = null;
    } else {
      out[DELIMITERS.test(key) ? literalAction(e, key) : key] = prepare(e, value, scope);
    }
  }
  return out;
}

/** A YAML-producing action placed at a column: `{{- x | nindent N }}`, or `{{ x }}` at column 0 as in `_helpers.tpl`. */
function insertAt(action: string, indent: number): string {
  return indent === 0 ? `{{ ${action} }}` : `{{- ${action} | nindent ${indent} }}`;
}

function spreadBlock(e: Emitter, spread: SpreadMarker, scope: Scope): Block {
  if (spread.value instanceof IncludeMarker || spread.value instanceof YamlTextMarker) {
    const action = spread.value instanceof YamlTextMarker ? compile(spread.value.expr, scope) : include(e, spread.value, scope);
    return { kind: 'line', text: (indent) => insertAt(action, indent) };
  }
  if (spread.value instanceof CondMarker) {
    return condBlock(e, spread.value, scope, (v, s) => prepareMap(e, spreadMap(v), s));
  }
  if (spread.value instanceof WhenMarker) {
    const marker = spread.value;
    const open = blockOpen(marker, scope);
    const { scope: bodyScope, marker: mark } = markerBranch(e, marker, open, scope);
    const otherwise = marker.otherwise !== undefined && !isNothing(marker.otherwise) ? branch(e, 'if', '{{- else }}', scope) : undefined;
    return {
      kind: 'block', open, marker: mark, body: prepareMap(e, spreadMap(marker.body), bodyScope),
      ...(otherwise ? { elseBody: prepareMap(e, spreadMap(marker.otherwise), otherwise.scope), elseMarker: otherwise.marker } : {}),
    };
  }
  const node = symbolicNode(spread.value)!;
  const pipeline = operand(node.expr, scope);
  if (!node.optional) return { kind: 'line', text: (indent) => insertAt(`toYaml ${pipeline}`, indent) };
  const id = placeholder(e, 'b');
  e.blocks.set(id, { kind: 'line', text: (indent) => insertAt('toYaml .', indent) });
  const open = `{{- with ${pipeline} }}`;
  return { kind: 'block', open, marker: branch(e, 'with', open, inner(scope)).marker, body: { [id]: null } };
}

/** A conditional branch spread into a mapping must itself be a map (or nothing). */
function spreadMap(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return {};
  if (typeof value !== 'object' || Array.isArray(value) || symbolicNode(value) || exprOf(value)) {
    throw new Error('a conditional spread into a mapping (...(test ? a : b)) needs maps (or {}) in both branches');
  }
  if (value instanceof SpreadMarker) return { [SPREAD_KEY_PREFIX + 'c']: value };
  if (value instanceof CondMarker || value instanceof WhenMarker) return { [SPREAD_KEY_PREFIX + 'c']: new SpreadMarker(value) };
  return value as Record<string, unknown>;
}

const NESTED_ITEM = /^(\s*)- (- .*)$/;
const BLOCK_OR_VALUE = /__tpl_[a-z0-9]+_[bv]\d+__/;

/**
 * A list item that opens a list (`- - x`, a `.map()` inside a `.map()`) holding a block or a `toYaml` value,
 * written one dash per line (`-` then `  - x`, the same YAML): a block or value placeholder then stands after
 * a single dash, as the expansion below expects.
 */
function unnested(line: string): string[] {
  const m = NESTED_ITEM.exec(line);
  if (!m || !BLOCK_OR_VALUE.test(m[2])) return [line];
  return [`${m[1]}-`, ...unnested(`${m[1]}  ${m[2]}`)];
}

const VAR_USE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;
const VAR_DECLARE = /\$([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*)?:=/g;

/**
 * A range inside a loop whose text reads no variable but its own (only `$`, the root, and the variables it
 * declares): the same text in every iteration, so it becomes a `define` rendered once per template by a hoisted
 * `include` (`{{- $portsYaml := include "<chart>.service.ports" . }}`), printed in place by `{{- $portsYaml }}`.
 * Inside the define `$` is the root again. Undefined when the range reads a loop variable (or a hoisted one).
 */
function hoistRange(e: Emitter, lines: string[], hint: string): string | undefined {
  if (!e.defines || !e.invariant || !e.definePrefix) return undefined;
  const text = lines.join('\n');
  const declared = new Set<string>();
  for (const m of text.matchAll(VAR_DECLARE)) for (const v of [m[1], m[2]]) if (v) declared.add(v);
  for (const m of text.matchAll(VAR_USE)) if (!declared.has(m[1])) return undefined;
  const name = `${e.definePrefix}.${allocVar(hint)}`;
  e.defines.push(`{{- define ${JSON.stringify(name)} }}\n${text}\n{{- end }}`);
  let variable = e.invariant.get(`include ${JSON.stringify(name)} .`);
  if (!variable) e.invariant.set(`include ${JSON.stringify(name)} .`, (variable = allocVar(`${hint}Yaml`)));
  return `{{- $${variable} }}`;
}

/** Lays out a prepared tree at `indent` and expands its placeholders. */
function layout(e: Emitter, tree: unknown, indent: number): string[] {
  if (tree === undefined || tree === null || isEmptyMap(tree) || isEmptyList(tree)) return [];
  // Quoted as go-yaml reads YAML: Kubernetes reads `on`, `y`, `0777` as booleans and numbers, NEL/LS/PS as line breaks.
  const text = goYamlString(goYamlDocument(tree), { lineWidth: 0, indent: 2, indentSeq: true, nullStr: '' });
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const line of text.replace(/\n$/, '').split('\n').flatMap((raw) => unnested(pad + raw))) {
    const b = BLOCK_LINE.exec(line);
    if (b && e.blocks.has(b[3])) {
      // A list item whose first key is a block: the dash stands alone, the item's keys follow indented.
      const firstKey = Boolean(b[2] && b[4]);
      if (firstKey) out.push(`${b[1]}-`);
      const at = b[1].length + (firstKey ? 2 : 0);
      const block = e.blocks.get(b[3])!;
      const here = ' '.repeat(at);
      if (block.kind === 'line') out.push(here + block.text(at));
      else {
        const lines = [here + block.open];
        if (block.marker) lines.push(here + block.marker);
        lines.push(...layout(e, block.body, at));
        if (block.elseBody !== undefined) {
          lines.push(here + '{{- else }}');
          if (block.elseMarker) lines.push(here + block.elseMarker);
          lines.push(...layout(e, block.elseBody, at));
        }
        if (block.otherwise) lines.push(here + block.otherwise);
        lines.push(here + '{{- end }}');
        const hoisted = block.inLoop ? hoistRange(e, lines, /([A-Za-z0-9_]+):$/.exec(out[out.length - 1] ?? '')?.[1] ?? 'list') : undefined;
        out.push(...(hoisted ? [here + hoisted] : lines));
      }
      continue;
    }
    const v = VALUE_LINE.exec(line);
    if (v && e.values.has(v[4])) {
      // Under a key, the value goes two columns right of the key, which a list item's dash moves two right:
      // at the key's own column a non-empty list would still parse, an empty `[]` or `{}` would not.
      const at = v[1].length + (v[2] && v[3] ? 4 : 2);
      const action = e.values.get(v[4])!(at);
      if (v[2]) out.push(`${v[1]}- ${v[3]}${action}`);
      else out.push(`${v[1]}${v[3].trimEnd()}`, ' '.repeat(at) + action);
      continue;
    }
    out.push(line.replace(SCALAR, (id) => e.scalars.get(id) ?? id));
  }
  return out;
}

/** `pending`: coverage marks of the enclosing blocks, written after each document's `---`. */
function documents(e: Emitter, value: unknown, scope: Scope, pending: string[] = []): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => documents(e, v, scope, pending));
  if (value instanceof CondMarker) {
    const cond = oriented(value);
    const block = condBlock(e, cond, scope, (v) => v);
    const then = documents(e, cond.then, scope, block.marker ? [...pending, block.marker] : pending);
    const otherwise = block.elseBody === undefined ? [] : ['{{- else }}', ...documents(e, cond.otherwise, scope, block.elseMarker ? [...pending, block.elseMarker] : pending)];
    return [block.open, ...then, ...otherwise, '{{- end }}'];
  }
  if (value instanceof RangeMarker || value instanceof WhenMarker) {
    const open = blockOpen(value, scope);
    const { scope: bodyScope, marker } = markerBranch(e, value, open, scope);
    return [open, ...documents(e, value.body, bodyScope, marker ? [...pending, marker] : pending), '{{- end }}'];
  }
  assertDocument(value);
  const doc = branch(e, 'document', '---', scope);
  const marks = doc.marker ? [...pending, doc.marker] : [];
  return ['---', ...marks, ...layout(e, prepare(e, value, doc.scope), 0)];
}

const placeholderTag = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');

/** Fails closed: a placeholder left in the text (a layout the expansion does not know) is a bug, never a chart. */
function noPlaceholder(e: Emitter, text: string): string {
  const left = new RegExp(`__tpl_${e.tag}_[bev]\\d+__`).exec(text);
  if (left) throw new Error(`helmts could not lay out a template (the placeholder ${left[0]} was left in it); this is a bug of helmts' emitter, please report it with the chart definition`);
  return text;
}

/** Template text for one template file's symbolic output; with `coverage`, a marked build. */
export function emitTemplate(output: unknown, chartName: string, header: string, coverage?: CoverageRecorder, templatePath?: string): string {
  const hoisted = new Map<string, string>();
  const invariant = new Map<string, string>();
  const defines: string[] = [];
  const definePrefix = templatePath ? `${chartName}.${templatePath.replace(/\.ya?ml$/, '').replace(/\//g, '.')}` : undefined;
  const e: Emitter = { chartName, blocks: new Map(), scalars: new Map(), values: new Map(), next: 0, tag: placeholderTag(), coverage, hoisted, invariant, defines, definePrefix };
  // The template's own mark, outside any document, records the reads every render makes.
  const root = branch(e, 'template', '(template)', { depth: 0, chartName });
  const top = root.marker ? ['---', root.marker] : [];
  const body = documents(e, output, root.scope);
  const lets = [
    ...[...hoisted].map(([helper, name]) => `{{- $${name} := include "${chartName}.${helper}" . }}`),
    // Compiled where `$` is the root, as it is at the top of the template.
    ...[...invariant].map(([action, name]) => `{{- $${name} := ${action} }}`),
  ];
  return noPlaceholder(e, [`{{- /* ${header} */}}`, ...defines, ...lets, ...top, ...body].join('\n') + '\n');
}

/**
 * A `define` block for `_helpers.tpl`, from a helper's symbolic result (a string, map or list). With
 * `args`, the helper gets `(dict "root" $ "arg" …)`: each argument is bound to `$arg` first.
 */
export function emitHelper(name: string, output: unknown, chartName: string, args?: string[]): string {
  const e: Emitter = { chartName, blocks: new Map(), scalars: new Map(), values: new Map(), next: 0, tag: placeholderTag() };
  const scope: Scope = { depth: 0, chartName, inHelperDict: args !== undefined };
  const lets = (args ?? []).map((a) => `{{- $${a} := .${a} -}}`);
  if (typeof output === 'string' || isStandIn(output)) {
    // A string helper prints its value; define's `-}}` and end's `{{-` trim the surrounding newlines.
    const sym = exprOf(output);
    const pre: string[] = [];
    const text = sym ? compile(sym.expr, { ...scope, pre }) : JSON.stringify(output);
    return [`{{- define "${chartName}.${name}" -}}`, ...lets, `${pre.join('')}{{ ${text} }}`, '{{- end }}'].join('\n') + '\n';
  }
  const body = layout(e, prepare(e, output, scope), 0);
  return noPlaceholder(e, [`{{- define "${chartName}.${name}" -}}`, ...lets, ...body, '{{- end }}'].join('\n') + '\n');
}
