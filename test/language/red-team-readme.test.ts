/**
 * Red team of the README's promise (rt-lang, /work/coord/rt-lang/FINDINGS.md): "every construct in a chart
 * definition becomes a correct Go template or stops the build with the user's file:line:column; never a silently
 * wrong chart".
 *
 * Every probe of test/language/fixtures/red-team/probes.ts is one template. For each probe the test asserts the
 * promise itself, never helmts' current output:
 *   - EITHER the probe built alone is refused, and the message's first site is the user's own file:line:column
 *     (the probe's line in probes.ts, or a line of the chart's own helpers.ts) and names no internal function,
 *     token id or JavaScript error;
 *   - OR it builds, and real Helm 4 (over every values set) and Helm 3 (over a sample) render the same objects as
 *     the probe's TypeScript run concretely in Node — transpiled by TypeScript's own `transpileModule`, with no
 *     helmts transform, on the values as Helm merges them (a probe whose TypeScript throws must make Helm fail).
 *
 * Tests named `L<n>: …` are the findings. Those marked `test.failing` fail today (the suite stays green); whoever
 * fixes one flips it to `test`. The unnamed-id tests are probes where the promise holds today.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { chartSchema, concreteBuiltIns, emitTemplates, generateChart, writeFiles } from '../../src/generator';
import { runHelm } from '../../src/helm/run-helm';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { documentInfo } from '../../src/testing/document-info';
import { parseManifests } from '../../src/testing/parse-manifests';
import { redTeamChart, redTeamDefaults } from './fixtures/red-team/chart';
import { probes } from './fixtures/red-team/probes';

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, '..', '..');
const fixtureDir = path.join(__dirname, 'fixtures', 'red-team');
const probesFile = path.join(fixtureDir, 'probes.ts');
const release = { name: 'rt', namespace: 'ns' };

/** Values files (JSON is YAML; written as text so that `-0.0` and `1e21` reach Helm as written). */
const SETS: Array<[string, string]> = [
  ['the defaults', '{}'],
  ['everything set', JSON.stringify({ name: 'web', tag: 'v1', flag: true, opt: true, count: 3, num: 1.5, maybeNum: 0, items: ['x', 'y'], maybeItems: [], labels: { a: 'b', '10': 'ten', '9': 'nine' }, maybeLabels: {}, ports: [{ name: 'http', port: 80 }], parent: { child: 'c', deep: { leaf: 'l' } }, image: { repository: 'r', tag: 't' }, meta: { length: 3, constructor: 'ctor', then: 'th', toString: 'ts' }, 'dash-key': 'd', 'dot.key': 'o' })],
  ["'', 0, false and empty lists and maps", JSON.stringify({ name: '', tag: '', flag: false, opt: false, count: 0, num: 0, items: [], maybeItems: [], labels: {}, maybeLabels: {}, parent: {}, image: { repository: '' }, meta: {} })],
  ['1e6, 2^53+2 and 0.00001', JSON.stringify({ count: 1000000, num: 2 ** 53 + 2, maybeNum: 0.00001, items: ['1e3'] })],
  ['1e21 and 1e-7', '{"num": 1e21, "maybeNum": 1e-7, "count": 1000001}'],
  ['-0.0', '{"num": -0.0, "count": 0}'],
  ['non-ASCII, YAML 1.1 words and HTML characters', JSON.stringify({ name: 'straße ǅ İ ﬁ', tag: 'yes', flag: true, items: ['on', '~'], labels: { a: '<b>&', y: 'no' } })],
  ['a byte-order mark', JSON.stringify({ name: '\uFEFFx', image: { repository: 'a' } })],
  ['multi-line text', JSON.stringify({ name: 'a\n  b: c\n', image: { repository: '0' } })],
  ['an astral character', JSON.stringify({ name: '😀', flag: true, tag: 'v' })],
  ["['', 'b'] and an empty protocol", JSON.stringify({ name: 'a', items: ['', 'b'], ports: [{ name: 'p', port: 1, protocol: '' }] })],
  ['model-typed resources with edge numbers', '{"resources": {"limits": {"cpu": 0.00001, "memory": 1000000}, "requests": {"cpu": "100m", "memory": 9007199254740994}}, "ports": [{"name": "a", "port": 8080, "protocol": "TCP"}], "count": 2, "items": ["a"], "flag": true, "tag": "t"}'],
  ['quotes, HTML characters and a UDP port', JSON.stringify({ name: 'say "hi"\\ <a&b>\n', items: ['<', '&'], ports: [{ name: 'u', port: 53, protocol: 'UDP' }], tag: 't', flag: false })],
  ['odd map keys', JSON.stringify({ labels: { '{{ x }}': 'y', 'a: b': 'c', on: 'yes', '~': 'n' }, items: ['p', 'q'], ports: [{ name: 'a', port: 1 }, { name: 'b', port: 2, protocol: 'UDP' }] })],
  ['a later sort order', JSON.stringify({ name: 'z', image: { repository: 'a' }, flag: true, tag: 'v' })],
  ['nulls for optional fields', '{"tag": null, "parent": null, "image": {"repository": "r", "tag": null}, "maybeLabels": null}'],
];
const HELM3_SETS = ['quotes, HTML characters and a UDP port', 'everything set', "'', 0, false and empty lists and maps", '-0.0', 'non-ASCII, YAML 1.1 words and HTML characters'];

/** Probes rendered in a chart of their own (their TypeScript throws on some values set, or Helm refuses them). */
const ALONE = new Set(['non-null-assertion-field', 'yaml11-merge-key-literal', 'ternary-required-in-dead-branch', 'first-item-field-of-empty', 'first-item-method-of-empty', 'ternary-failing-branch-not-taken', 'required-in-map-branch', 'and-required']);

type Json = unknown;
/** Helm's coalescing of a values file over the defaults: maps merged, lists and scalars replaced, null deletes. */
const mergeValues = (base: Json, over: Json): Json => {
  if (over === null) return undefined;
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Record<string, Json> = { ...(base as Record<string, Json>) };
    for (const [k, x] of Object.entries(over as Record<string, Json>)) {
      const m = mergeValues(out[k], x);
      if (m === undefined) delete out[k];
      else out[k] = m;
    }
    return out;
  }
  return over;
};

const transpiled = new Map<string, string>();
const transpile = (file: string): string => {
  let js = transpiled.get(file);
  if (js === undefined) {
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options }).outputText;
    transpiled.set(file, js);
  }
  return js;
};

/** The probes as plain JavaScript: TypeScript's own transpile of the fixture files, fresh modules on every call. */
function plainProbes(): typeof probes {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (file: string): Record<string, unknown> => {
    const hit = cache.get(file);
    if (hit) return hit.exports;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(file, module);
    const js = transpile(file);
    const req = (spec: string) => {
      if (!spec.startsWith('.')) return require(spec);
      const abs = path.resolve(path.dirname(file), spec);
      return abs.startsWith(fixtureDir) ? load(abs.endsWith('.ts') ? abs : `${abs}.ts`) : require(abs);
    };
    new Function('require', 'module', 'exports', js)(req, module, module.exports);
    return module.exports;
  };
  return load(probesFile).probes as typeof probes;
}

const isEmpty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
/** null, [] and {} count as absent (what a `with` block leaves out). */
const dropEmpty = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropEmpty(v)] as const).filter(([, v]) => !isEmpty(v)));
  return value;
};
/** Maps with sorted keys (YAML mappings are unordered); list order is kept. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
};

const probeLines = fs.readFileSync(probesFile, 'utf8').split('\n');
const lineOf = (name: string) => probeLines.findIndex((l) => l.includes(`name: '${name}'`)) + 1;

/** The values schema is the same for every probe's chart: made once. */
let schema: ReturnType<typeof chartSchema> | undefined;
function buildAlone(name: string): Error | undefined {
  const one = redTeamChart([name]);
  try {
    schema ??= chartSchema(one, repoRoot);
    emitTemplates(one, schema);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

const builds = new Map<string, Error | undefined>();
let workDir: string;
/** Helm's documents by probe, per Helm major and values set; a string is Helm's error. */
const rendered = new Map<string, Record<string, unknown[]> | string>();

async function renderChart(dir: string, names: string[], helm: HelmMajor, label: string, text: string): Promise<Record<string, unknown[]> | string> {
  const chart = redTeamChart(names);
  const chartDir = path.join(workDir, dir);
  if (!fs.existsSync(chartDir)) writeFiles(workDir, [dir], generateChart(chart, { repoRoot, chartDir: dir }).files);
  const file = path.join(workDir, `values-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, text);
  const r = await runHelm(['template', release.name, chartDir, '-n', release.namespace, '-f', file], helm);
  if (r.code !== 0) return r.stderr;
  const out: Record<string, unknown[]> = {};
  for (const doc of parseManifests(r.stdout)) (out[path.basename(documentInfo(doc)!.template, '.yaml')] ??= []).push(doc);
  return out;
}

const runs: Array<[HelmMajor, string, string]> = [
  ...SETS.map(([label, text]) => [4, label, text] as [HelmMajor, string, string]),
  ...SETS.filter(([label]) => HELM3_SETS.includes(label)).map(([label, text]) => [3, label, text] as [HelmMajor, string, string]),
];

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'red-team-readme-'));
  for (const p of probes) builds.set(p.name, buildAlone(p.name));
  const shared = probes.filter((p) => builds.get(p.name) === undefined && !ALONE.has(p.name)).map((p) => p.name);
  for (const [helm, label, text] of runs) {
    rendered.set(`${helm}|${label}|shared`, await renderChart('shared', shared, helm, label, text));
    for (const name of ALONE) if (builds.get(name) === undefined) rendered.set(`${helm}|${label}|${name}`, await renderChart(`alone-${name}`, [name], helm, label, text));
  }
}, 600_000);
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const INTERNAL = /\uE000|__helmts|runtime(-js)?\.ts|src\/generator|src\/language|TypeError|ReferenceError|undefined \(reading|is not defined|Tag not resolved|Function value/;

/** The promise for one probe (see the header). */
function expectPromise(name: string): void {
  const error = builds.get(name);
  if (error) {
    const site = /^(test\/language\/fixtures\/red-team\/[\w-]+\.ts):(\d+):(\d+): /m.exec(error.message);
    // In probes.ts: the probe's own line, or a line of a module-level function it calls (not another probe's line).
    const own = site && (!site[1].endsWith('/probes.ts') || Number(site[2]) === lineOf(name) || !probeLines[Number(site[2]) - 1].includes("{ name: '"));
    expect({ message: error.message, atTheUsersLine: Boolean(own), internal: INTERNAL.test(error.message) }).toEqual({ message: error.message, atTheUsersLine: true, internal: false });
    return;
  }
  const disagreements: unknown[] = [];
  const b = concreteBuiltIns(redTeamChart([name]), release, {});
  for (const [helm, label, text] of runs) {
    const out = rendered.get(`${helm}|${label}|${ALONE.has(name) ? name : 'shared'}`);
    const values = mergeValues(JSON.parse(JSON.stringify(redTeamDefaults)), JSON.parse(text));
    let typescript: unknown;
    try {
      const result = plainProbes().find((p) => p.name === name)!.fn(JSON.parse(JSON.stringify(values)) as never, b);
      typescript = canonical(dropEmpty(JSON.parse(JSON.stringify(Array.isArray(result) ? result : result == null ? [] : [result]))));
    } catch (e) {
      typescript = { throws: (e as Error).message };
    }
    const helmSide = typeof out === 'string' ? { helmFails: out.split('\n')[0] } : canonical(dropEmpty(out?.[name] ?? []));
    const agree = typeof out === 'string' ? typeof typescript === 'object' && typescript !== null && 'throws' in typescript : JSON.stringify(helmSide) === JSON.stringify(typescript);
    if (!agree) disagreements.push({ helm, values: label, helm_: helmSide, typescript });
  }
  expect(disagreements).toEqual([]);
}

/** The findings (FINDINGS.md): id, the probe, the sentence. All fail today. */
const FINDINGS: Array<[string, string, string]> = [
  ['L1', 'eval-bypasses-analysis', "eval('v.name.slice(0, 2)') is refused or renders the first two characters of the name, not a slice of the stand-in"],
  ['L2', 'module-array-length', 'a template pushing to a module-level array is refused or sees one push per render, not the build\'s count'],
  ['L2', 'module-array-push-value', 'a template pushing a value to a module-level array is refused or sees one push per render'],
  ['L2', 'module-map-counter', 'a template appending to a module-level Map is refused or sees one append per render'],
  ['L2', 'module-object-counter', 'a template incrementing a property of a module-level object is refused or sees one increment per render'],
  ['L3', 'sort-literal-list-of-values', '[v.name, \'b\'].sort() is refused or sorts by the value Helm sees'],
  ['L3', 'sort-two-values', '[v.name, v.image.repository].sort() is refused or sorts by the values Helm sees'],
  ['L4', 'first-of-empty-list', 'v.items[0] placed in a field keeps an empty-string first item'],
  ['L5', 'first-of-empty-list-in-literal', 'v.items[0] of a possibly empty list in a template literal is refused or prints what JavaScript prints'],
  ['L6', 'non-null-assertion-in-literal', 'a non-null assertion does not let an unset optional into a template literal unrefused'],
  ['L7', 'non-null-assertion-field', 'v.parent!.child on an absent parent is refused or fails the render, as the TypeScript throws'],
  ['L8', 'object-entries-of-literal', 'Object.entries of an object literal keeps JavaScript\'s key order'],
  ['L9', 'entries-order-numeric-keys', 'Object.entries of a values map with integer-like keys keeps JavaScript\'s key order'],
  ['L10', 'to-json-html-chars', 'toJson of a map with integer-like keys renders what helmts\' toJson returns in Node'],
  ['L11', 'number-in-template-literal', 'a -0.0 number in a template literal prints 0, as JavaScript does'],
  ['L11', 'string-of-number', 'String() of -0.0 is "0", as JavaScript does'],
  ['L12', 'yaml11-merge-key-literal', "a literal key '<<' is emitted quoted, so Helm renders it instead of failing on a YAML merge key"],
  ['L13', 'upper-non-ascii', "toUpperCase/toLowerCase of non-ASCII text render JavaScript's full case mapping (ß → SS, ﬁ → FI, İ → i̇) or are refused"],
  ['L13', 'upper-then-includes', "v.name.toUpperCase().includes('SS') is true for straße, as in JavaScript"],
  ['L14', 'trim-bom-nel', "trim() removes a byte-order mark, as JavaScript's does"],
  ['L15', 'string-compare-astral', '< compares an astral character with U+FF61 by UTF-16 units, as JavaScript does'],
  ['L16', 'field-named-constructor', 'a Values field named constructor under a present parent reads as JavaScript reads it, or is refused'],
  ['L17', 'field-named-tostring', 'a Values field named toString stops the build at the user\'s line, not with a YAML library message'],
  ['L17', 'field-named-valueof', 'a Values field named valueOf stops the build at the user\'s line, not with a YAML library message'],
  ['L18', 'async-template', 'an async template function is refused at its line'],
  ['L23', 'nested-map-outer-item', 'a .map() nested in a .map() renders the list of lists, not an internal placeholder'],
  ['L23', 'nested-map-same-param-name', 'a nested .map() whose parameter shadows the outer one renders the inner list'],
  ['L23', 'nested-map-indices', 'nested .map() indices render as JavaScript numbers them'],
  ['L23', 'entries-inside-map', 'Object.entries(map).map() nested in a .map() renders every pair'],
  ['L23', 'nested-entries-outer-key', 'nested Object.entries(map).map() sees the outer key'],
  ['L9', 'entries-to-pair-lists', 'Object.entries of a values map into [key, value] pairs keeps JavaScript\'s key order'],
  ['L25', 'first-item-field-of-empty', 'v.ports[0].port of an empty list is refused or fails the render, as the TypeScript throws'],
  ['L26', 'to-json-of-list-and-html', 'toJson of an object literal holding a value escapes quotes, backslashes and newlines (valid JSON)'],
  ['L26', 'to-json-literal-list', 'toJson of a list literal holding a value is valid JSON of that list'],
  ['L26', 'sha-of-to-json-literal', 'sha256sum(toJson({ a: v.name })) digests the JSON TypeScript makes'],
  ['L19', 'global-this-eval', 'globalThis.eval on a value is refused at its line, not with a bare ReferenceError'],
];
const findingNames = new Set(FINDINGS.map(([, name]) => name));
/** Findings fixed since (branch lang-emit): plain tests now. */
/** Findings fixed (lang-emit: L8 L9 L10 L12 L23 L26; lang-sound: the others): their tests run as plain tests. */
const FIXED = new Set(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10', 'L11', 'L12', 'L16', 'L17', 'L18', 'L19', 'L23', 'L25', 'L26']);

describe('the README promise, attacked by the red team', () => {
  test('has at least 40 probes, each a template of its own', () => {
    expect(probes.length).toBeGreaterThanOrEqual(40);
    expect(new Set(probes.map((p) => p.name)).size).toBe(probes.length);
    expect(FINDINGS.every(([, name]) => probes.some((p) => p.name === name))).toBe(true);
  });

  for (const [id, name, sentence] of FINDINGS) (FIXED.has(id) ? test : test.failing)(`${id}: ${sentence} (${name})`, () => expectPromise(name));

  test("L20: the lookup refusal's advice (a Record<string, T> field) builds: indexing a Record by a value", () => {
    const error = builds.get('record-indexed-by-value');
    expect(error === undefined || !/Record<string, T>/.test(error.message)).toBe(true);
  });
  test('L24: a nullish default of two lists, then .map(), is traced or refused in the TypeScript the user wrote', () => {
    expect(builds.get('map-over-nullish-default')?.message ?? '').not.toMatch(/\.Values\.|got \.length/);
  });
  test('L27: toJson of an object literal holding numbers and a boolean is traced, or refused naming the expression (not "its keys")', () => {
    for (const name of ['to-json-literal-numbers', 'to-json-literal-map-and-optional']) expect(builds.get(name)?.message ?? '').not.toMatch(/is symbolic: its keys are known only/);
  });
  test("L21: indexing a Record by a literal key is not told to use list.map() or list[0]", () => {
    expect(builds.get('record-literal-key-absent')?.message ?? '').not.toMatch(/list\[0\]/);
  });

  test.each(probes.filter((p) => !findingNames.has(p.name)).map((p) => [p.name, p.class] as const))(
    'keeps the promise for %s (%s): refused at its own line, or rendered as its TypeScript means',
    (name) => expectPromise(name),
  );
});
