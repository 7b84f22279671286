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
  traced('place', 'a value as a field value, list item, returned value or argument of a chart function', 'scalars `{{ x }}` (strings `| quote`, numbers `| toJson`), lists of scalars by `range`, maps and other lists `toYaml | nindent`; inside a loop what reads no loop variable is computed once before it; optional ones inside `with`/`if`', 'none: the value itself'),
  traced('model', '`new Deployment({ … })` (any `kubernetes-models` / `@kubernetes-models/*` class, or `helmts import-crd` class)', 'the object, laid out as YAML'),
  traced('local', '`const x = …` / `let x = …` holding a value, destructuring without defaults (`const { a } = v`)', 'the expression, wherever `x` is used'),
  // Conditions.
  traced('conditional', '`a ? b : c`, `if (a) return b; else return c;`, `if (a) { … } REST` (REST copied into both branches)', '`{{- if a }}…{{- else }}…{{- end }}` around the key, item or document; scalars `ternary` only when neither branch can fail'),
  traced('switch-chain', '`switch (v.size) { case \'a\': case \'b\': return …; case \'c\': x = …; break; default: … }` on a string, number or boolean field: labels grouped, each case ending in `return`, `throw` or `break`', 'an `if`/`else if` chain of `eq` (as `===`; `default` last), REST copied as for `if`'),
  traced('not', '`!a`, `Boolean(a)`', '`not a` (JavaScript truthiness: every map and list is true)'),
  traced('logical', '`a && b`, `a || b`', 'Go `and` / `or` (short-circuit), or `if` blocks for maps'),
  traced('nullish', '`a ?? b`', '`if`/`ternary` on `kindIs "invalid" a`'),
  traced('compare', '`===`, `!==`, `<`, `<=`, `>`, `>=` on strings, numbers and booleans; `== null`, `=== undefined`', '`eq` / `lt` / … (numbers as `float64`), `kindIs "invalid"`'),
  traced('integer-arithmetic', '`a + b`, `a - b`, `Math.max(a, b, …)`, `Math.min(…)` of integers that are always set (fields marked `@asType integer`, `.length`, an index, integer literals)', '`float64 (add a b)`, `sub`, `max`, `min`: exact int64, rounded to a double as JavaScript\'s number is, printed with `toJson` (never `1e+06`)'),
  // Strings.
  traced('template', '`` `${a}-${b}` `` of strings, numbers and booleans that are always set', '`printf`; numbers formatted as JavaScript does (`toJson`), never `1e+06`'),
  traced('concat', '`a + b` of two strings', '`printf "%s%s"`'),
  traced('string-method', '`.includes(s)`, `.startsWith(s)`, `.endsWith(s)`, `.toUpperCase()`, `.toLowerCase()`, `.trim()` on a string', '`contains`, `hasPrefix`, `hasSuffix`, `upper`, `lower`, `trim`'),
  traced('string-slice', '`s.slice(0, n)`, `s.substring(0, n)` with a literal n ≥ 0', '`trunc n s`', 'the first n UTF-8 bytes, as sprig cuts them (the same as JavaScript on ASCII; on other text it follows Go: a cut inside a character leaves the bytes Helm prints as `\\xHH`)'),
  traced('string-replace-all', '`s.replaceAll(\'a\', \'b\')` with literal strings, `a` not empty, `b` without `$`', '`replace "a" "b" s`'),
  traced('string-split', '`s.split(\',\')` with a literal separator that is not empty: placed, `.map()`, `.filter()`, `.length`, `[0]`, `.includes()`, `.join()`', '`splitList "," s`'),
  traced('string-call', '`String(x)` of a set scalar, `String(x ?? \'…\')`, `x.toString()`', '`printf "%v"` (numbers `toJson`)'),
  traced('number-call', '`Number(n)` of a number field that is always set', '`n`'),
  // Lists and maps.
  traced('map', '`list.map((x, i) => …)`, `list.flatMap(…)`, `.map(…).map(…)`', '`range $i, $x := list`'),
  traced('filter', '`list.filter((x, i) => …)` of a values list, placed as a list or followed by `.map((x) => …)`', '`range $i, $x := list` + `if` around the item (JavaScript truthiness of the callback\'s result); a list left with no item is empty (`null`)'),
  traced('list-concat', '`[...v.items, \'x\']`, `[...a, ...(v.tags ?? [])]`, `[\'a\'].concat(v.items)`, `v.items.concat(list, x)`', 'the items in order, each values list spliced by a `range` over it'),
  traced('entries', '`Object.entries(obj).map(([k, v]) => …)` of an object literal (its keys are known at build time; its values may be values)', 'the items, in JavaScript\'s own key order (integer-like keys first, ascending, then the others as written)'),
  traced('sorted-entries', '`sortedEntries(map).map(([k, v]) => …)` on a `Record<string, T>` value', '`range $k, $v := map`', 'none: `sortedEntries` sorts the keys as Go sorts strings (UTF-8 bytes: `\'10\'` before `\'9\'` before `\'a\'`), the order Helm ranges in'),
  traced('object-keys', '`Object.keys(m)` of a `Record<string, T>` (or `m ?? {}`): placed, `.length` (`Object.keys(m).length > 0`: is the map non-empty?), `.map()`, `.filter()`, `.includes()`, `.join()`', '`sortAlpha (keys m)`', 'keys sorted by UTF-8 bytes as Helm sorts them (integer-like keys too), on every object'),
  traced('computed-key', '`{ [v.key]: \'x\' }`, `{ [b.release.name]: v.name }`, `{ [`${v.name}-x`]: 1 }`: a key from a string or number that is always set, in a map whose values are strings, numbers or booleans', '`toYaml (dict .Values.key "x")` (quoted by `toYaml`; later keys win, as with a spread map: `mergeOverwrite`)'),
  traced('length', '`list.length` of a values list', '`len list`'),
  traced('join', '`list.join(\',\')` of a list of strings', '`join "," list`'),
  traced('first', '`list[0]`', '`first list`'),
  traced('list-includes', '`list.includes(s)` (a list of strings or booleans), `[\'a\', \'b\'].includes(x)`', '`has s list`'),
  traced('join-text', '``list.map((x) => `…`).join(\'\')`` (NOTES.txt)', '`{{ range }}…{{ end }}` text'),
  traced('spread-merge', '`{ ...v.labels, app: \'x\' }`, `{ ...helper(v, b), app: v.name }`: maps known only when Helm renders (strings, numbers or booleans as values) spread among keys; one values map of maps or lists among plain keys (`{ name: \'tmp\', ...v.volume }`)', '`toYaml (mergeOverwrite (dict) .Values.labels (dict "app" "x"))`: later keys win as in JavaScript, into a new `dict` (`.Values` is never changed), no key written twice; with one map, parts that share no key (`omit` the later keys; an earlier key only where the map has none), so nothing is merged deeply'),
  traced('conditional-spread', '`...(a ? {…} : {})`, `[...(a ? [x] : [])]`, `...when(x, …)`', '`if` blocks around the spliced keys or items'),
  // The generator's vocabulary.
  traced('helper', '`defineHelper(\'x\', (v, b, args?) => …)` called as `x(v, b, { port: p.port })`', '`include "chart.x" .` or `include "chart.x" (dict "root" $ "port" $p.port)`; `| nindent` for maps'),
  traced('to-json-literal', '`toJson({ a: v.x, l: [v.y, \'z\'] })`: an object or list literal holding values that are always set', '`toJson (dict "a" .Values.x "l" (list .Values.y "z"))`: Go escapes the values; keys sorted as Go sorts strings', 'none: helmts\' `toJson` writes what Helm prints: keys in Go\'s order (`\'10\'` before `\'9\'`), `<`, `>`, `&` escaped (a -0 number is `0` on both sides)'),
  traced('vocabulary', '`when`, `merge`, `orDefault`, `required`, `upper`, `lower`, `trunc`, `trimSuffix`, `replace`, `b64enc`, `sha256sum`, `contains`, `hasPrefix`, `hasSuffix`, `toJson`, `cond`', 'the sprig function of that name (`orDefault` is `default`, `when` is `if`/`with`)'),
  traced('builtins', '`b.files.get(…)`, `b.files.glob(…).asConfig()`, `b.checksumOf(template)`, `b.capabilities.apiVersions.has(…)`; `b.randAlphaNum(n)`, `b.randAlpha(n)`, `b.randNumeric(n)`, `b.randAscii(n)`, `b.uuidv4()`, `b.now()`, `b.date(layout, b.now())`, `b.unixEpoch(b.now())`, `b.bcrypt(s)`, `b.htpasswd(user, password)`', '`.Files.Get`, `(.Files.Glob …).AsConfig`, `sha256sum (include …)`, `.Capabilities.APIVersions.Has`; the sprig function (TypeScript: a wildcard of its shape, which `helmts check` matches)'),
  traced('chart-function', 'calling a function of the chart\'s own files with a value', 'the function\'s result, analysed for these arguments'),
  traced('effect-local', 'changing an object or `let` created in the same branch or callback, or a `let` of the same function in an `if` whose REST is copied', 'the branch\'s own result'),
  // Refused: what JavaScript would answer once, for the stand-in, and what to write instead.
  refused('effect', 'a write that outlives a branch, loop or callback on a value: `v.debug && args.push(\'--debug\')`, `obj.n++`, a helper that mutates its argument, a closure assigning an outer `let`, `.map` for its side effects; any change to module state (`seen.push(x)` on a module-level list: the build runs a template more than once)', 'build the value in each branch and return it: `args: [...base, ...(v.debug ? [\'--debug\'] : [])]`'),
  refused('default-value', 'destructuring or parameter defaults (`const { tag = \'latest\' } = v`), `??=`, `||=`, `&&=` on a value', 'JavaScript defaults never see Helm\'s "absent": write `const tag = v.tag ?? \'latest\'`'),
  refused('optional-in-string', 'a value that may be unset in a template literal, `+` or `String()`: an optional field (`T | undefined`), `list[0]`, `map[\'key\']` / `map.key` of a `Record`', 'JavaScript prints `undefined`, Helm `<nil>` or nothing: write `${v.tag ?? \'\'}` or test it first'),
  refused('optional-in-list', 'an optional value as a list item (`[v.tag]`, `list.map((p) => p.protocol)`)', 'JavaScript drops an unset item where Helm prints `""`: write `v.tag ?? \'\'`, or `?:` with `[]` in `flatMap`'),
  refused('arithmetic', '`*`, `/`, `%`, `**`, unary `-`/`+`, `++`, `+=` on a value, `+`/`-`/`Math.*` of numbers that may have a fraction or be unset, `+` of a string and a number', 'compute it in the values, mark the field `/** @asType integer */`, or write a template literal (`${a}-${n}`)'),
  refused('string-length', '`.length` of a string, `s[i]`, spreading a string', 'Go counts bytes where JavaScript counts UTF-16 units: compare the string itself, or use `trunc(s, n)`'),
  refused('method', 'another method on a value (`.slice(1)`, `.split(/re/)`, `.find`, `.replace` (first only), `.sort`, `.toFixed`, `.toString(16)`, …), or those of the rows above with other arguments', 'use the vocabulary (`trunc`, `replace`), `.slice(0, n)`, `.replaceAll(a, b)`, `.split(\',\')`, `.filter()`, `.map()` with `?:`, or shape the values type'),
  refused('after-map', 'a method or `.length` on the list a `.map()`, `.filter()` or `.concat()` made (but `.filter(…).map(…)`), `.map((x, i) => …)` after `.filter()`', 'use the values list itself (`list.length`, `list.includes(x)`), or the index of `.filter((x, i) => …)`'),
  refused('entries-order', '`Object.entries(map)` of a values map (`Record<string, T>`)', 'Helm ranges over a map in key order sorted as strings (`\'10\'` before `\'9\'`), JavaScript lists integer-like keys first and the others in the order the values were written: write `sortedEntries(map).map(([k, v]) => …)` (Helm\'s order, in TypeScript too)'),
  refused('loop', '`for…of`, `for…in`, `while` or a `for` condition on a value, iterating a values list or map, spreading one into a call\'s arguments', 'use `list.map()`, `[...list, x]` or `sortedEntries(map).map()`'),
  refused('switch', 'a `switch` on a value with a case that falls through into the next one (other than grouped empty labels), a `break` inside a case, a switch on a computed expression or inside a loop, values in `case` labels', 'end each case with `break` or `return` (`case \'a\': case \'b\': return …;`), or switch on a `const`'),
  refused('lookup', 'a value as a key: `table[v.size]`, `map.get(v.x)`, `key in v.map`, `{ [v.key]: x }` next to a map, list or unset value', 'JavaScript cannot index its own objects with a key only Helm knows: write `?:` over the known keys (`v.size === \'small\' ? \'100m\' : \'1\'`), or put the looked-up value itself in the values; a computed key (`{ [v.key]: x }`) is traced in a map of strings, numbers and booleans'),
  refused('reflection', '`typeof`, `instanceof`, `Array.isArray`, `Number.isInteger`, `JSON.stringify`, `Object.values`/`assign` of a value, `Object.keys` of an object with fixed fields', 'the schema fixes the type; use `toJson()`, `sortedEntries(map).map()`, `Object.keys()` of a `Record<string, T>` or `merge()`'),
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
  refused('recursion', 'a recursive chart function (calling itself directly or through others) entered with a value that one of its conditions reads: `dashes(v.count)` where `dashes(n) { return n <= 0 ? \'\' : \'-\' + dashes(n - 1); }`', 'the symbolic run follows both branches of every condition on a value, so recursion on a value never ends: use `.map()` over a values list, or compute it in the values'),
  refused('eval', '`eval(…)`, `globalThis.eval`, `new Function(…)`, `Function(…)` in a chart definition', 'the code in the string is not analysed: write it as code'),
  refused('reserved-name', 'reading a values field named like a property every JavaScript object inherits (`constructor`, `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, …)', 'when the field is unset JavaScript reads the inherited function: rename the field in the Values type'),
  refused('async', 'an `async` or generator function as a template, helper or chart function on values', 'chart definitions are synchronous: return the objects (or a list of them) directly'),
  refused('if-statement', 'an `if` on a value inside a loop, a plain block or `try` (not at the top of a function body or of another `if`\'s branch)', 'move it into a function that returns in both branches, or use `?:`'),
  refused('spread-map', 'spreading two maps known only when Helm renders of which one holds maps or lists, a map helper holding maps next to keys, a map next to a conditional spread, a nested map literal or a key that may be unset', 'Helm would merge what JavaScript replaces: spread maps of strings (`{ ...v.labels, app: \'x\' }`), and give a key that may be unset a fallback (`tag: v.tag ?? \'\'`)'),
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
