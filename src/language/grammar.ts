/**
 * The chart language's grammar: one table of what a chart definition may do with a value known only when Helm
 * renders (a symbolic value: read from `Values` or `BuiltIns`, a helper's result, a callback parameter of a
 * symbolic list, and anything computed from them). The analysis (analysis/) accepts a use of a symbolic value
 * only through a row marked `traced`; every other use is refused with the row's advice, at the user's
 * file:line:column. The README's language tables are generated from these rows (scripts/language-table.ts).
 *
 * `go` is the template the emitter writes; `concrete` says where the TypeScript run does not follow
 * JavaScript itself.
 */

export interface TracedRow {
  id: string;
  status: 'traced';
  /** What the chart author writes, as in the README. */
  construct: string;
  /** Its Go-template twin. */
  go: string;
  /** Where the concrete (TypeScript) run departs from plain JavaScript, if anywhere. */
  concrete?: string;
}

export interface RefusedRow {
  id: string;
  status: 'refused';
  construct: string;
  /** Why it cannot be traced, and what to write instead (a suggestion that builds). */
  advice: string;
}

export type Row = TracedRow | RefusedRow;

const traced = (id: string, construct: string, go: string, concrete?: string): TracedRow => ({ id, status: 'traced', construct, go, concrete });
const refused = (id: string, construct: string, advice: string): RefusedRow => ({ id, status: 'refused', construct, advice });

export const GRAMMAR: readonly Row[] = [
  // Reading and placing values.
  traced('field', '`v.a.b`, `b.release.name`, `item.field` (a field the type has)', '`.Values.a.b`, `.Release.Name`, `$item.field`; an optional parent is read nil-safely'),
  traced('place', 'a value as a field value, list item, returned value or argument of a chart function', 'scalars `{{ x }}` (strings `| quote`, numbers `| toJson`), maps and lists `toYaml | nindent`, optional ones inside `with`/`if`', 'none: the value itself'),
  traced('model', '`new Deployment({ … })` (any `kubernetes-models` / `@kubernetes-models/*` class, or `helmts import-crd` class)', 'the object, laid out as YAML'),
  traced('local', '`const x = …` / `let x = …` holding a value, destructuring without defaults (`const { a } = v`)', 'the expression, wherever `x` is used'),
  // Conditions.
  traced('conditional', '`a ? b : c`, `if (a) return b; else return c;`, `if (a) { … } REST` (REST copied into both branches)', '`{{- if a }}…{{- else }}…{{- end }}` around the key, item or document; scalars `ternary` only when neither branch can fail'),
  traced('not', '`!a`, `Boolean(a)`', '`not a` (JavaScript truthiness: every map and list is true)'),
  traced('logical', '`a && b`, `a || b`', 'Go `and` / `or` (short-circuit), or `if` blocks for maps'),
  traced('nullish', '`a ?? b`', '`if`/`ternary` on `kindIs "invalid" a`'),
  traced('compare', '`===`, `!==`, `<`, `<=`, `>`, `>=` on strings, numbers and booleans; `== null`, `=== undefined`', '`eq` / `lt` / … (numbers as `float64`), `kindIs "invalid"`'),
  // Strings.
  traced('template', '`` `${a}-${b}` `` of strings, numbers and booleans that are always set', '`printf`; numbers formatted as JavaScript does (`toJson`), never `1e+06`'),
  traced('concat', '`a + b` of two strings', '`printf "%s%s"`'),
  traced('string-method', '`.includes(s)`, `.startsWith(s)`, `.endsWith(s)`, `.toUpperCase()`, `.toLowerCase()`, `.trim()` on a string', '`contains`, `hasPrefix`, `hasSuffix`, `upper`, `lower`, `trim`'),
  traced('string-call', '`String(x)` of a set scalar, `String(x ?? \'…\')`', '`printf "%v"` (numbers `toJson`)'),
  traced('number-call', '`Number(n)` of a number field that is always set', '`n`'),
  // Lists and maps.
  traced('map', '`list.map((x, i) => …)`, `list.flatMap(…)`, `.map(…).map(…)`', '`range $i, $x := list`'),
  traced('entries', '`Object.entries(map).map(([k, v]) => …)` on a `Record<string, T>`', '`range $k, $v := map` (key order, also concretely)', 'entries sorted by key, as Helm ranges'),
  traced('length', '`list.length` of a values list', '`len list`'),
  traced('join', '`list.join(\',\')` of a list of strings', '`join "," list`'),
  traced('first', '`list[0]`', '`first list`'),
  traced('list-includes', '`list.includes(s)` (a list of strings or booleans), `[\'a\', \'b\'].includes(x)`', '`has s list`'),
  traced('join-text', '``list.map((x) => `…`).join(\'\')`` (NOTES.txt)', '`{{ range }}…{{ end }}` text'),
  traced('conditional-spread', '`...(a ? {…} : {})`, `[...(a ? [x] : [])]`, `...when(x, …)`', '`if` blocks around the spliced keys or items'),
  // The generator's vocabulary.
  traced('helper', '`defineHelper(\'x\', (v, b, args?) => …)` called as `x(v, b, { port: p.port })`', '`include "chart.x" .` or `include "chart.x" (dict "root" $ "port" $p.port)`; `| nindent` for maps'),
  traced('vocabulary', '`when`, `merge`, `orDefault`, `required`, `upper`, `lower`, `trunc`, `trimSuffix`, `replace`, `b64enc`, `sha256sum`, `contains`, `hasPrefix`, `hasSuffix`, `toJson`, `cond`', 'the sprig function of that name (`orDefault` is `default`, `when` is `if`/`with`)'),
  traced('builtins', '`b.files.get(…)`, `b.files.glob(…).asConfig()`, `b.checksumOf(template)`, `b.capabilities.apiVersions.has(…)`', '`.Files.Get`, `(.Files.Glob …).AsConfig`, `sha256sum (include …)`, `.Capabilities.APIVersions.Has`'),
  traced('chart-function', 'calling a function of the chart\'s own files with a value', 'the function\'s result, analysed for these arguments'),
  traced('effect-local', 'changing an object or `let` created in the same branch or callback, or a `let` of the same function in an `if` whose REST is copied', 'the branch\'s own result'),
  // Refused: what JavaScript would answer once, for the stand-in, and what to write instead.
  refused('effect', 'a write that outlives a branch, loop or callback on a value: `v.debug && args.push(\'--debug\')`, `obj.n++`, a helper that mutates its argument, a closure assigning an outer `let`, `.map` for its side effects; any change to module state (`seen.push(x)` on a module-level list: the build runs a template more than once)', 'build the value in each branch and return it: `args: [...base, ...(v.debug ? [\'--debug\'] : [])]`'),
  refused('default-value', 'destructuring or parameter defaults (`const { tag = \'latest\' } = v`), `??=`, `||=`, `&&=` on a value', 'JavaScript defaults never see Helm\'s "absent": write `const tag = v.tag ?? \'latest\'`'),
  refused('optional-in-string', 'a value that may be unset in a template literal, `+` or `String()`: an optional field (`T | undefined`), `list[0]`, `map[\'key\']` / `map.key` of a `Record`', 'JavaScript prints `undefined`, Helm `<nil>` or nothing: write `${v.tag ?? \'\'}` or test it first'),
  refused('optional-in-list', 'an optional value as a list item (`[v.tag]`, `list.map((p) => p.protocol)`)', 'JavaScript drops an unset item where Helm prints `""`: write `v.tag ?? \'\'`, or `?:` with `[]` in `flatMap`'),
  refused('arithmetic', '`+`, `-`, `*`, `/`, `%`, unary `-`/`+`, `++` on a value (numbers)', 'compute it in the values, or compare with `<`, `>`'),
  refused('string-length', '`.length` of a string, `s[i]`, spreading a string', 'Go counts bytes where JavaScript counts UTF-16 units: compare the string itself, or use `trunc(s, n)`'),
  refused('method', 'another method on a value (`.slice`, `.split`, `.filter`, `.find`, `.replace`, `.sort`, `.toFixed`, …)', 'use the vocabulary (`trunc`, `replace`), `.map()` with `?:`, or shape the values type'),
  refused('after-map', 'a method or `.length` on the list a `.map()` made', 'use the values list itself (`list.length`, `list.includes(x)`)'),
  refused('loop', '`for…of`, `for…in`, `while` or a `for` condition on a value, iterating or spreading a values list or map', 'use `list.map()` or `Object.entries(map).map()`'),
  refused('switch', '`switch` on a value, values in `case` labels', 'write `if (…) return …;` chains or `?:`'),
  refused('lookup', 'a value as a key: `table[v.size]`, `{ [v.key]: x }`, `map.get(v.x)`, `key in v.map`', 'JavaScript cannot index its own objects with a key only Helm knows: write `?:` over the known keys (`v.size === \'small\' ? \'100m\' : \'1\'`), or put the looked-up value itself in the values'),
  refused('reflection', '`typeof`, `instanceof`, `Array.isArray`, `Number.isInteger`, `JSON.stringify`, `Object.keys`/`values`/`assign` of a value', 'the schema fixes the type; use `toJson()`, `Object.entries(map).map()` or `merge()`'),
  refused('external', 'passing a value to code outside the chart files (Node\'s `path`, a library, `Map`, `Math.*`, `encodeURIComponent`)', 'that code would see the stand-in; use the vocabulary (`b64enc`, `trunc`, …) or compute it in the values'),
  refused('map-in-string', 'a map, list, conditional object or map helper inside a string', 'place one of its fields, or `toJson(x)`'),
  refused('throw', '`throw` in a branch on a value', 'use `required(value, message)` (Helm\'s `required`)'),
  refused('compare-null', '`=== null` / `!== null` on a value', 'Helm drops keys set to null: compare with `undefined` (`x === undefined`) or write `x == null`'),
  refused('compare-object', 'comparing a map or list (`===`, `<`)', 'compare one of its fields, or test presence with `!== undefined`'),
  refused('reserved-argument', 'a helper argument named `root`', 'the helper reads the chart root as `.root`: rename the argument'),
  refused('optional-call', '`x?.m()` / `x?.length` on a value that may be unset', 'JavaScript gives `undefined` where Go gives a value: test it first, `x !== undefined && x.m()`'),
  refused('index', '`list[i]` other than `list[0]`, an index that is not a literal', 'use `list.map()`, or `list[0]` for the first item; a map\'s field is `map.key` or `map[\'key\']`'),
  refused('non-null', '`x!` on a value that may be unset (`v.parent!.child`, `` `${v.tag!}` ``)', 'TypeScript trusts `!`, but JavaScript then reads `undefined` where Helm reads nil: test it first (`v.parent !== undefined ? … : …`), give a fallback (`v.tag ?? \'\'`), or use `required(v.tag, \'message\')`'),
  refused('unset-parent', 'reading a field of `list[0]` or of a `Record`\'s entry, which may be unset although TypeScript types it as set (`v.ports[0].port`)', 'JavaScript throws on an empty list or a missing key where Helm reads nil: write `v.ports[0]?.port`, or test `v.ports.length > 0` first'),
  refused('eval', '`eval(…)`, `globalThis.eval`, `new Function(…)`, `Function(…)` in a chart definition', 'the code in the string is not analysed: write it as code'),
  refused('reserved-name', 'reading a values field named like a property every JavaScript object inherits (`constructor`, `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, …)', 'when the field is unset JavaScript reads the inherited function: rename the field in the Values type'),
  refused('async', 'an `async` or generator function as a template, helper or chart function on values', 'chart definitions are synchronous: return the objects (or a list of them) directly'),
  refused('if-statement', 'an `if` on a value inside a loop, a plain block or `try` (not at the top of a function body or of another `if`\'s branch)', 'move it into a function that returns in both branches, or use `?:`'),
  refused('spread-map', '`{ ...v.labels }`, `{ ...helper(v, b) }`: spreading a map known only when Helm renders', 'its keys are not known to JavaScript: use `merge(v.labels, { app: \'x\' })` (later maps win)'),
  refused('cast', '`x as any`, `x as unknown as T`, a cast that changes a value\'s kind', 'a cast hides from the analysis what Helm will see: fix the Values type instead'),
  refused('unknown', 'anything else done with a value', 'the chart language traces only the constructs in this table'),
];

const BY_ID = new Map(GRAMMAR.map((r) => [r.id, r]));

/** The row of `id` (a typo in the analysis is a bug, not a refusal). */
export function row(id: string): Row {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`chart language: no grammar row "${id}"`);
  return r;
}
