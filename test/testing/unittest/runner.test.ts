/**
 * The helm-unittest runner on a small fixture chart (test/testing/fixtures/charts/fan-out): each
 * test writes one suite file into a temp copy of the chart, runs it on real helm and checks the
 * status of each assert, one behaviour per test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runUnittestSuites, type TestResult } from '../../../src/testing/unittest';
import { buildSetValue, userValues } from '../../../src/testing/unittest/set-values';
import type { HelmMajor } from '../../../src/testing';

const FAN_OUT = path.join(__dirname, '..', 'fixtures', 'charts', 'fan-out');
let chart: string;
let n = 0;

beforeAll(() => {
  chart = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-runner-')), 'fan-out');
  fs.cpSync(FAN_OUT, chart, { recursive: true });
});
afterAll(() => fs.rmSync(path.dirname(chart), { recursive: true, force: true }));

/** Writes `yaml` as a new suite file (plus `files` beside it, relative to tests/) and runs it. */
async function run(yaml: string, options: { helm?: HelmMajor; files?: Record<string, string> } = {}): Promise<TestResult[]> {
  const name = `s${++n}_test.yaml`;
  fs.mkdirSync(path.join(chart, 'tests'), { recursive: true });
  for (const [rel, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(chart, 'tests', rel)), { recursive: true });
    fs.writeFileSync(path.join(chart, 'tests', rel.replace('SUITE', name)), text);
  }
  fs.writeFileSync(path.join(chart, 'tests', name), yaml.replaceAll('SUITE', name));
  return runUnittestSuites(chart, { helm: options.helm ?? 4, files: [`tests/${name}`] });
}

/** `status` of every assert, test by test. */
const statuses = (results: TestResult[]) => results.map((t) => t.asserts.map((a) => a.status));

describe('reading suite files', () => {
  it('runs every suite of a file split on --- lines', async () => {
    const r = await run(`suite: one
templates: [configmap.yaml]
tests:
  - it: a
    asserts: [{ isKind: { of: ConfigMap } }]
---
suite: two
templates: [service.yaml]
tests:
  - it: b
    asserts: [{ isKind: { of: Service } }]
`);
    expect(r.map((t) => [t.suite, t.test, t.status])).toEqual([['one', 'a', 'passed'], ['two', 'b', 'passed']]);
  });

  it('reports an unknown suite key as unsupported, by name, for every test of the suite', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
kubernetesProvider: { scheme: {} }
tests:
  - it: a
    asserts: [{ isKind: { of: ConfigMap } }]
`);
    expect(r[0].status).toBe('unsupported');
    expect(r[0].reason).toContain('suite key `kubernetesProvider`');
    expect(statuses(r)).toEqual([['unsupported']]);
  });

  it('reports an unknown assert type as unsupported by name while the other asserts run', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    asserts:
      - isKind: { of: ConfigMap }
      - isFancy: { path: x }
`);
    expect(statuses(r)).toEqual([['passed', 'unsupported']]);
    expect(r[0].asserts[1].info.join('\n')).toContain('assertion type `isFancy` is not implemented');
  });

  it('skips a test with skip.reason', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    skip: { reason: not today }
    asserts: [{ isKind: { of: Nope } }]
`);
    expect([r[0].status, r[0].reason]).toEqual(['skipped', 'not today']);
  });

  it('merges the suite’s values files (relative to the suite file), then the suite set, then the test set', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml, deployment.yaml]
values: [values/SUITE.yaml]
set: { replicas: 5 }
tests:
  - it: a
    set: { replicas: 7 }
    asserts:
      - { template: configmap.yaml, equal: { path: data.mode, value: deny } }
      - { template: deployment.yaml, equal: { path: spec.replicas, value: 7 } }
`, { files: { 'values/SUITE.yaml': 'mode: deny\nreplicas: 3\n' } });
    expect(statuses(r)).toEqual([['passed', 'passed']]);
  });

  it('fails the test, not the run, when a values file is missing', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    values: [nope.yaml]
    asserts: [{ isKind: { of: ConfigMap } }]
`);
    expect([r[0].status, r[0].asserts[0].status]).toEqual(['failed', 'failed']);
    expect(r[0].reason).toMatch(/nope\.yaml/);
  });

  it('builds set paths as helm-unittest does: an index replaces the whole list, [a.b] escapes the dots of a key', () => {
    expect(buildSetValue('x', 'a.list[1]')).toEqual({ a: { list: [null, 'x'] } });
    expect(buildSetValue(1, 'labels.[app.kubernetes.io/name]')).toEqual({ labels: { 'app.kubernetes.io/name': 1 } });
    expect(userValues({ files: [], suiteDir: '.', sets: [{ 'a.b': 1 }, { 'a.c': 2 }] })).toEqual({ a: { b: 1, c: 2 } });
    expect(() => buildSetValue(1, 'a[x]')).toThrow(/missing index value/);
  });
});

describe('what each assert sees', () => {
  it('checks an assert without template on each suite template, so one of another kind fails it', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml, service.yaml]
tests:
  - it: a
    asserts:
      - isKind: { of: ConfigMap }
      - isKind: { of: ConfigMap }
        template: configmap.yaml
`);
    expect(statuses(r)).toEqual([['failed', 'passed']]);
    expect(r[0].asserts[0].info).toContain('Template: fan-out/templates/service.yaml');
  });

  it('fails a positive assert on a suite template that rendered nothing, and passes its negation', async () => {
    const r = await run(`suite: s
templates: [service.yaml]
set: { service.enabled: false }
tests:
  - it: a
    asserts:
      - exists: { path: metadata.name }
      - notExists: { path: metadata.name }
      - hasDocuments: { count: 0 }
`);
    expect(statuses(r)).toEqual([['failed', 'passed', 'passed']]);
  });

  it('passes the release name and namespace to helm', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
release: { name: shop, namespace: apps }
tests:
  - it: a
    asserts:
      - equal: { path: metadata.name, value: shop-config }
`);
    expect(statuses(r)).toEqual([['passed']]);
  });

  it('sets the Kubernetes version from capabilities and adds the API versions', async () => {
    const r = await run(`suite: s
templates: [widget.yaml]
capabilities: { majorVersion: 1, minorVersion: 29, apiVersions: [example.com/v2] }
tests:
  - it: a
    asserts:
      - equal: { path: spec.kubeVersion, value: v1.29.0 }
      - equal: { path: spec.v2, value: true }
`);
    expect(statuses(r)).toEqual([['passed', 'passed']]);
  });

  it('fails an assert whose documentIndex is out of range', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    documentIndex: 1
    asserts: [{ isKind: { of: ConfigMap } }]
`);
    expect(statuses(r)).toEqual([['failed']]);
    expect(r[0].asserts[0].info).toContain('document index 1 is out of range');
  });

  it('selects documents with documentSelector in each template (one without a match fails unless skipEmptyTemplates), and skips the assert when it finds none', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml, service.yaml]
tests:
  - it: a
    asserts:
      - isKind: { of: Service }
        documentSelector: { path: kind, value: Service }
      - isKind: { of: Service }
        documentSelector: { path: kind, value: Service, skipEmptyTemplates: true }
  - it: b
    documentSelector: { path: kind, value: Secret, skipEmptyTemplates: true }
    asserts:
      - isKind: { of: Secret }
`);
    expect(statuses(r)).toEqual([['failed', 'passed'], ['skipped']]);
    expect(r[0].asserts[0].info).toContain('document not found');
  });
});

describe('each assert family, with helm-unittest’s validator semantics', () => {
  it('equal compares as reflect.DeepEqual: the int 2 is not the float 2.0, and notEqual passes on a missing path', async () => {
    const r = await run(`suite: s
templates: [deployment.yaml, widget.yaml]
tests:
  - it: a
    asserts:
      - { template: deployment.yaml, equal: { path: spec.replicas, value: 2 } }
      - { template: deployment.yaml, equal: { path: spec.replicas, value: 2.0 } }
      - { template: widget.yaml, equal: { path: spec.weight, value: 1.0 } }
      - { template: widget.yaml, equal: { path: spec.weight, value: 1 } }
      - { template: widget.yaml, isType: { path: spec.weight, type: float64 } }
      - { template: deployment.yaml, isType: { path: spec.replicas, type: int } }
      - { template: deployment.yaml, notEqual: { path: spec.nope, value: 1 } }
`);
    expect(statuses(r)).toEqual([['passed', 'failed', 'passed', 'failed', 'passed', 'passed', 'passed']]);
  });

  it('matchRegex takes Go RE2 flags and fails, in both forms, on a value that is not a string', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    asserts:
      - matchRegex: { path: data.mode, pattern: '(?i)^ALLOW$' }
      - notMatchRegex: { path: data.mode, pattern: deny }
      - matchRegex: { path: metadata.labels, pattern: x }
      - notMatchRegex: { path: metadata.labels, pattern: x }
`);
    expect(statuses(r)).toEqual([['passed', 'passed', 'failed', 'failed']]);
  });

  it('contains needs an equal item; any: true a map item with those keys; count that many', async () => {
    const r = await run(`suite: s
templates: [service.yaml]
tests:
  - it: a
    asserts:
      - contains: { path: spec.ports, content: { name: http, port: 80 } }
      - contains: { path: spec.ports, content: { name: http } }
      - contains: { path: spec.ports, content: { name: http }, any: true }
      - contains: { path: spec.ports, content: { name: http, port: 80 }, count: 2 }
`);
    expect(statuses(r)).toEqual([['passed', 'failed', 'passed', 'failed']]);
  });

  it('isSubset compares each top-level key of the content exactly, not recursively', async () => {
    const r = await run(`suite: s
templates: [deployment.yaml]
tests:
  - it: a
    asserts:
      - isSubset: { path: spec, content: { replicas: 2 } }
      - isSubset: { path: spec.selector, content: { matchLabels: { app: fan-out } } }
      - isSubset: { path: spec.template, content: { metadata: { labels: { app: fan-out } } } }
      - isNotSubset: { path: spec.template, content: { metadata: { labels: { app: fan-out } } } }
`);
    expect(statuses(r)).toEqual([['passed', 'passed', 'failed', 'passed']]);
  });

  it('exists and isNotNull need the path; notExists and isNull its absence', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    asserts:
      - exists: { path: data.extra }
      - isNotNull: { path: data.extra }
      - notExists: { path: data.nope }
      - isNull: { path: data.nope }
      - isNull: { path: data.extra }
`);
    expect(statuses(r)).toEqual([['passed', 'passed', 'passed', 'passed', 'failed']]);
  });

  it('isNullOrEmpty counts "" as empty and fails on a missing path', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    asserts:
      - isNullOrEmpty: { path: data.extra }
      - isEmpty: { path: data.extra }
      - isNotNullOrEmpty: { path: data.mode }
      - isNullOrEmpty: { path: data.nope }
`);
    expect(statuses(r)).toEqual([['passed', 'passed', 'passed', 'failed']]);
  });

  it('lengthEqual counts a list, or compares the lengths of several', async () => {
    const r = await run(`suite: s
templates: [deployment.yaml]
tests:
  - it: a
    asserts:
      - lengthEqual: { path: spec.template.spec.containers, count: 1 }
      - lengthEqual: { paths: [spec.template.spec.containers, 'spec.template.spec.containers[0].ports'] }
      - notLengthEqual: { path: spec.template.spec.containers, count: 2 }
      - lengthEqual: { path: spec.template.spec.containers, count: 2 }
`);
    expect(statuses(r)).toEqual([['passed', 'passed', 'passed', 'failed']]);
  });

  it('greaterOrEqual needs the same Go type, and notGreaterOrEqual passes whenever the types match (operator_validator.go as written)', async () => {
    const r = await run(`suite: s
templates: [deployment.yaml]
tests:
  - it: a
    asserts:
      - greaterOrEqual: { path: spec.replicas, value: 2 }
      - lessOrEqual: { path: spec.replicas, value: 1 }
      - notLessOrEqual: { path: spec.replicas, value: 1 }
      - greaterOrEqual: { path: spec.replicas, value: 1.5 }
      - notGreaterOrEqual: { path: spec.replicas, value: 1 }
`);
    expect(statuses(r)).toEqual([['passed', 'failed', 'passed', 'failed', 'passed']]);
  });

  it('hasDocuments counts the documents of each template; containsDocument needs every one to match unless any: true', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml, service.yaml]
tests:
  - it: a
    asserts:
      - hasDocuments: { count: 1 }
      - containsDocument: { kind: ConfigMap, apiVersion: v1 }
      - containsDocument: { kind: ConfigMap, apiVersion: v1, name: release-name-config }
        template: configmap.yaml
      - containsDocument: { kind: ConfigMap, apiVersion: v1, any: true }
        template: configmap.yaml
`);
    expect(statuses(r)).toEqual([['passed', 'failed', 'passed', 'passed']]);
  });

  it('equalRaw and matchRegexRaw read the rendered NOTES.txt', async () => {
    const r = await run(`suite: s
templates: [NOTES.txt]
release: { name: shop }
tests:
  - it: a
    asserts:
      - equalRaw: { value: "shop runs in mode allow.\\n" }
      - matchRegexRaw: { pattern: 'mode (allow|deny)' }
      - notMatchRegexRaw: { pattern: deny }
`);
    expect(statuses(r)).toEqual([['passed', 'passed', 'passed']]);
  });

  it('matchSnapshot compares with the suite’s __snapshot__ file, and fails when a snapshot is missing', async () => {
    const snap = `a:\n  1: |\n    apiVersion: v1\n    data:\n      extra: ""\n      mode: allow\n    kind: ConfigMap\n    metadata:\n      labels:\n        app: fan-out\n      name: release-name-config\n`;
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    asserts:
      - matchSnapshot: {}
      - matchSnapshot: {}
`, { files: { '__snapshot__/SUITE.snap': snap } });
    expect(statuses(r)).toEqual([['passed', 'failed']]);
    expect(r[0].asserts[1].info.join('\n')).toContain('snapshot 2 of "a" is missing');
  });

  it.each([4, 3] as const)('failedTemplate compares errorMessage with the fail text, errorPattern matches it (Helm %i)', async (helm) => {
    const r = await run(`suite: s
templates: [configmap.yaml]
set: { mode: forbidden }
tests:
  - it: a
    asserts:
      - failedTemplate: { errorMessage: 'configmap: mode "forbidden" is not supported' }
      - failedTemplate: { errorPattern: '^configmap: mode' }
      - failedTemplate: { errorMessage: 'mode "forbidden"' }
`, { helm });
    expect(statuses(r)).toEqual([['passed', 'passed', 'failed']]);
  });

  it('reports a path with the property-name operator ~ as unsupported', async () => {
    const r = await run(`suite: s
templates: [configmap.yaml]
tests:
  - it: a
    asserts:
      - exists: { path: 'data~' }
`);
    expect(statuses(r)).toEqual([['unsupported']]);
  });
});
