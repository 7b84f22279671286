/**
 * Reads helm-unittest suite files (`tests/*_test.yaml`) as helm-unittest does
 * (pkg/unittest/test_suite.go `ParseTestSuiteFile`): the file is split on its `---` lines with
 * the same pattern, each part is decoded as yaml.v3. Default-deny: a key this runner does not
 * implement is recorded, by name, on the suite or test that uses it; running such a test reports
 * it as `unsupported` (a failure), never as a pass.
 */
import * as fs from 'node:fs';
import { isGoFloat, parseV3 } from './go-yaml-v3';
import { ASSERT_TYPES } from './assert-types';
import type { Values } from './set-values';

/** helm-unittest's `splitterPattern` (test_suite.go): `---` at a line start, with surrounding blanks. */
export const SPLITTER = /(?:^|\s*\n)---\s*/g;

export interface ReleaseSpec { name?: string; namespace?: string; revision?: number; upgrade?: boolean }
export interface CapabilitiesSpec { majorVersion?: string; minorVersion?: string; apiVersions?: string[] | null }
export interface SelectorSpec { path: string; value?: unknown; matchMany: boolean; skipEmptyTemplates: boolean }

export interface AssertSpec {
  type: string;
  params: Record<string, unknown>;
  template?: string;
  documentIndex?: number;
  documentSelector?: SelectorSpec;
  not: boolean;
  /** Why this assert cannot run (an unknown assert type or key); reported as unsupported. */
  unsupported?: string;
}

export interface TestSpec {
  name: string;
  values: string[];
  set: Values;
  template?: string;
  templates?: string[];
  documentIndex?: number;
  documentSelector?: SelectorSpec;
  release: ReleaseSpec;
  chart: { version?: string; appVersion?: string };
  capabilities: CapabilitiesSpec;
  postRenderer?: { cmd: string; args: string[] };
  asserts: AssertSpec[];
  skipReason?: string;
  unsupported: string[];
}

export interface SuiteSpec {
  name: string;
  file: string;
  values: string[];
  set: Values;
  templates: string[];
  excludeTemplates: string[];
  includeCrds: boolean;
  release: ReleaseSpec;
  chart: { version?: string; appVersion?: string };
  capabilities: CapabilitiesSpec;
  postRenderer?: { cmd: string; args: string[] };
  skipReason?: string;
  tests: TestSpec[];
  unsupported: string[];
}

const SUITE_KEYS = ['suite', 'values', 'set', 'templates', 'excludeTemplates', 'includeCrds', 'release', 'chart', 'capabilities', 'postRenderer', 'tests', 'skip'];
const TEST_KEYS = ['it', 'values', 'set', 'template', 'templates', 'documentIndex', 'documentSelector', 'release', 'chart', 'capabilities', 'postRenderer', 'asserts', 'skip'];
const ASSERT_KEYS = ['template', 'documentIndex', 'documentSelector', 'not'];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) && !isGoFloat(v) ? (v as Obj) : {});
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** helm-unittest's `convertIToString`: strings and integers, anything else is unset. */
const version = (v: unknown): string | undefined => (typeof v === 'string' ? v || undefined : Number.isInteger(v) ? String(v) : undefined);

function unknownKeys(o: Obj, known: string[], where: string): string[] {
  return Object.keys(o).filter((k) => !known.includes(k)).map((k) => `${where} key \`${k}\``);
}

function release(v: unknown): ReleaseSpec {
  const r = obj(v);
  return { name: str(r.name), namespace: str(r.namespace), revision: Number.isInteger(r.revision) && (r.revision as number) > 0 ? (r.revision as number) : undefined, upgrade: r.upgrade === true };
}

function capabilities(v: unknown): CapabilitiesSpec {
  const c = obj(v);
  return {
    majorVersion: version(c.majorVersion),
    minorVersion: version(c.minorVersion),
    apiVersions: 'apiVersions' in c ? (c.apiVersions === null ? null : strList(c.apiVersions)) : undefined,
  };
}

function postRenderer(v: unknown): { cmd: string; args: string[] } | undefined {
  const p = obj(v);
  return typeof p.cmd === 'string' && p.cmd !== '' ? { cmd: p.cmd, args: strList(p.args) } : undefined;
}

function selector(v: unknown): SelectorSpec | undefined {
  if (v === undefined) return undefined;
  const s = obj(v);
  if (typeof s.path !== 'string') throw new Error("empty 'documentSelector.path' not supported");
  return { path: s.path, value: s.value ?? undefined, matchMany: s.matchMany === true, skipEmptyTemplates: s.skipEmptyTemplates === true };
}

function parseAssert(raw: unknown): AssertSpec {
  const a = obj(raw);
  const types = Object.keys(a).filter((k) => !ASSERT_KEYS.includes(k));
  const known = types.filter((t) => t in ASSERT_TYPES);
  const spec: AssertSpec = {
    type: known[0] ?? types[0] ?? '(none)',
    params: obj(a[known[0] ?? types[0] ?? '']),
    template: str(a.template),
    documentIndex: Number.isInteger(a.documentIndex) ? (a.documentIndex as number) : undefined,
    documentSelector: selector(a.documentSelector),
    not: a.not === true,
  };
  if (types.length === 0) spec.unsupported = 'no assertion type defined';
  else if (known.length > 1) spec.unsupported = `assertion type \`${known[0]}\` and \`${known[1]}\` is declared duplicately`;
  else if (known.length === 0) spec.unsupported = `assertion type \`${types[0]}\` is not implemented by the helmts runner`;
  else if (types.length > 1) spec.unsupported = `assertion keys ${types.filter((t) => t !== known[0]).map((t) => `\`${t}\``).join(', ')} are not implemented`;
  return spec;
}

function parseTest(raw: unknown, suiteName: string): TestSpec {
  const t = obj(raw);
  const asserts = Array.isArray(t.asserts) ? t.asserts.filter((a) => a !== null).map(parseAssert) : [];
  const unsupported = unknownKeys(t, TEST_KEYS, 'test');
  if (asserts.length === 0) unsupported.push('a test without asserts (helm-unittest: "no asserts found")');
  if (obj(t.release).revision !== undefined && release(t.release).revision === undefined) unsupported.push('release.revision below 1');
  return {
    name: typeof t.it === 'string' ? t.it : `(unnamed test of ${suiteName})`,
    values: strList(t.values),
    set: obj(t.set),
    template: str(t.template),
    templates: Array.isArray(t.templates) ? strList(t.templates) : undefined,
    documentIndex: Number.isInteger(t.documentIndex) ? (t.documentIndex as number) : undefined,
    documentSelector: selector(t.documentSelector),
    release: release(t.release),
    chart: { version: str(obj(t.chart).version), appVersion: str(obj(t.chart).appVersion) },
    capabilities: capabilities(t.capabilities),
    postRenderer: postRenderer(t.postRenderer),
    asserts,
    skipReason: str(obj(t.skip).reason),
    unsupported,
  };
}

/** Every suite of one suite file. Throws (with the file named) when the file is not valid YAML. */
export function readSuiteFile(file: string): SuiteSpec[] {
  const content = fs.readFileSync(file, 'utf8');
  const suites: SuiteSpec[] = [];
  for (const part of content.split(SPLITTER)) {
    if (part.trim() === '') continue;
    const s = obj(parseV3(part, file));
    const name = typeof s.suite === 'string' ? s.suite : '';
    const unsupported = unknownKeys(s, SUITE_KEYS, 'suite');
    if (obj(s.skip).minimumVersion !== undefined) unsupported.push('suite key `skip.minimumVersion`');
    const tests = Array.isArray(s.tests) ? s.tests.filter((t) => t !== null).map((t) => parseTest(t, name)) : [];
    if (tests.length === 0) unsupported.push('a suite without tests (helm-unittest: "no tests found")');
    suites.push({
      name,
      file,
      values: strList(s.values),
      set: obj(s.set),
      templates: strList(s.templates),
      excludeTemplates: strList(s.excludeTemplates),
      includeCrds: s.includeCrds === true,
      release: release(s.release),
      chart: { version: str(obj(s.chart).version), appVersion: str(obj(s.chart).appVersion) },
      capabilities: capabilities(s.capabilities),
      postRenderer: postRenderer(s.postRenderer),
      skipReason: str(obj(s.skip).reason),
      tests,
      unsupported,
    });
  }
  return suites;
}
