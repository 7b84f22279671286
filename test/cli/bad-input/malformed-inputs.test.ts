/**
 * Bad-input suite, class "malformed inputs": values files (validate, check
 * --values), chart definitions and helmts.config.ts, CRD files, egress
 * manifests and options, and usage errors of every command. Each case asserts
 * the exit code, the message with its file (and line:column where the input
 * has one), no stack trace, and an unchanged project (and `victim/` beside it).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEgressCli } from '../../../src/egress/run-cli';
import { renderForEgress } from '../../../src/cli/egress-render';
import { runMain } from '../run-main';
import { linkHelmtsShim } from '../temp-project';
import { crdYaml, REPO, runCliCase, tempDirsOf, writeDefinition, type CliCase } from './harness';

const DEF = 'src/charts/web/chart.ts';
const write = (rel: string, text: string | Buffer) => (root: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const BOMB = ['x: &a [1,1,1,1,1,1,1,1,1,1]', ...['b', 'c', 'd', 'e', 'f'].map((n, i) => `${n}${i}: &${n} [${Array(10).fill(`*${i === 0 ? 'a' : ['b', 'c', 'd', 'e'][i - 1]}`).join(',')}]`)].join('\n') + '\n';

/** The chart the values cases are checked against (named: a scratch project has no chart of its own). */
const HW = ['--chart', path.join(REPO, 'charts', 'helloworld-egress')];
const validateCase = (name: string, text: string | Buffer, code: number, messages: Array<string | RegExp>, extra: string[] = []): CliCase => ({
  name: `validate: ${name}`,
  setup: write('v.yaml', text),
  argv: ['validate', ...HW, ...extra, 'v.yaml'],
  code,
  messages,
});

const VALIDATE: CliCase[] = [
  validateCase('a merge key on a number (<<: 1)', 'app:\n  <<: 1\n', 1, ['v.yaml:2:7', 'map merge requires map or sequence of maps as the value', 'quote "<<"']),
  validateCase('a merge key on a list of numbers', 'app:\n  <<: [1, 2]\n', 1, ['v.yaml:2:11', 'map merge requires map or sequence of maps']),
  validateCase('a YAML alias bomb', BOMB, 1, [/v\.yaml:\d+:\d+  YAML error \(Helm refuses it too\): document contains excessive aliasing/, 'an alias bomb']),
  validateCase('an alias of an unknown anchor', 'app: *nope\n', 1, ["v.yaml:1:6  YAML error (Helm refuses it too): unknown anchor 'nope' referenced"]),
  validateCase('an anchor used in another document', 'x: &a 1\n---\napp: *a\n', 1, ["v.yaml:3:6", "unknown anchor 'a' referenced"]),
  validateCase('an alias that contains itself', 'app: &a [*a]\n', 1, ["v.yaml:1:10", "anchor 'a' value contains itself"]),
  validateCase('a list used as a key', '{[1]: x}\n', 1, ['v.yaml:1:2', 'invalid map key: a list cannot be a key']),
  validateCase('a top-level list', '- app\n', 1, ['v.yaml:1:1', 'a values file must be a map of keys; this one is a list']),
  validateCase('a top-level scalar', 'just text\n', 1, ['v.yaml:1:1', 'this one is a single value']),
  validateCase('text after ---', 'app: {replicas: 2}\n--- app: {}\n', 1, ['v.yaml:2:4', 'text after the document separator "---": Helm 4 refuses it']),
  validateCase('a line of dashes', 'app: {replicas: 2}\n-----\n', 1, ['v.yaml:2:4', 'invalid Yaml document separator: --']),
  validateCase('a %YAML directive', '%YAML 1.1\n---\napp: {replicas: 2}\n', 1, ['v.yaml:1:1', 'YAML directive "%YAML 1.1": Helm 4 refuses it']),
  validateCase('a second document that is a list', 'app: {replicas: 2}\n---\n- x\n', 1, ['v.yaml:3:1', 'this one is a list']),
  validateCase('a syntax error', 'app:\n  replicas: [1, 2\n', 1, ['v.yaml:3:1  YAML syntax error']),
  validateCase('a syntax error in the second document', 'app: {replicas: 2}\n---\napp: {replicas: [1\n', 1, ['v.yaml:4:1  YAML syntax error']),
  validateCase('two documents (Helm 4 merges them, Helm 3 reads the first)', 'app: {replicas: 2}\n---\napp: {replicas: 3}\n', 0, [
    'v.yaml:3:1',
    'this file has 2 YAML documents: Helm 4 merges them (as checked here), Helm 3 reads only the first',
  ]),
  validateCase('two documents with --strict', 'app: {replicas: 2}\n---\napp: {replicas: 3}\n', 1, ['this file has 2 YAML documents'], ['--strict']),
  validateCase('a value that breaks the schema in the second document, at its line', 'app: {replicas: 2}\n---\napp:\n  replicas: -1\n', 1, ['v.yaml:4:13  app.replicas  replicas must be an integer 0–1000; got -1']),
  validateCase('YAML after a document end marker', 'app: {replicas: 2}\n...\napp: {replicas: 3}\n', 0, ['v.yaml:3:1', 'YAML after a document end marker "..." is ignored by Helm 3 and 4']),
  validateCase('a duplicate key', 'app:\n  replicas: 2\n  replicas: 3\n', 0, ['v.yaml:3:3', 'duplicate key "replicas": Helm uses the last one']),
  validateCase('a bad label value, reported once and not as "got a map"', 'namespaces:\n  - {name: a, create: true, labels: {x: "bad value!"}}\n', 1, [/v\.yaml:2:41  namespaces\[0\]\.labels\.x  x "bad value!"/, /^((?!got a map)[\s\S])*$/]),
  validateCase('values nested deeper than the YAML reader goes', `app: ${'['.repeat(2000)}${']'.repeat(2000)}\n`, 1, ['v.yaml:1:', 'the values nest too deep for helmts to read (several hundred levels; Helm reads up to 10,000)']),
  validateCase('an empty file (no values: the defaults)', '', 0, ['OK: v.yaml']),
  validateCase('bytes that are not UTF-8 (Helm 4 and 3 refuse them)', Buffer.from([...Buffer.from('app:\n  image: "'), 0xe9, ...Buffer.from('"\n')]), 1, ['v.yaml:2:11  not valid UTF-8 (byte 0xe9 at offset 15: invalid trailing UTF-8 octet); Helm 4 and 3 refuse the file']),
  validateCase('a control character (Helm 4 and 3 refuse it)', 'app:\n  image: "a\u0007b"\n', 1, ['v.yaml:2:12  the control character U+0007: YAML does not allow it']),
  validateCase('a UTF-16 file', Buffer.from([0xff, 0xfe, ...Buffer.from('app: {}\n', 'utf16le')]), 1, ['v.yaml:1:1  the file is UTF-16', 'save the file as UTF-8']),
  validateCase('CR-only line ends (read as Helm reads them)', 'app:\r  replicas: 2\r', 0, ['OK: v.yaml']),
  {
    name: 'validate without --chart in a project with no chart says to give --chart',
    setup: write('v.yaml', 'app: {}\n'),
    argv: ['validate', 'v.yaml'],
    code: 2,
    messages: ['helmts validate: no chart to check v.yaml against: charts/ has no generated chart; give --chart <chart folder>'],
  },
  {
    name: 'validate without --chart in a project with two charts names them',
    setup: (root) => {
      for (const n of ['api', 'web']) write(`charts/${n}/values.schema.json`, '{}\n')(root);
      write('v.yaml', 'app: {}\n')(root);
    },
    argv: ['validate', 'v.yaml'],
    code: 2,
    messages: ['helmts validate: charts/ has 2 charts (api, web): give --chart charts/<name>, or a $schema modeline in v.yaml'],
  },
  {
    name: 'validate: a missing file',
    argv: ['validate', ...HW, 'missing.yaml'],
    code: 2,
    messages: ['helmts validate: cannot read values file missing.yaml: no such file'],
  },
  {
    name: 'validate: a folder',
    setup: (root) => fs.mkdirSync(path.join(root, 'values')),
    argv: ['validate', ...HW, 'values'],
    code: 2,
    messages: ['helmts validate: cannot read values file values: is a directory'],
  },
  {
    name: 'validate: no file at all',
    argv: ['validate'],
    code: 2,
    messages: ['helmts validate: no values file given'],
  },
];

const built = async (root: string) => {
  writeDefinition(root);
  const r = await runMain(root, 'build');
  if (r.code !== 0) throw new Error(r.stderr);
};

const CHECK: CliCase[] = [
  { name: 'check --values: a missing file', setup: built, argv: ['check', 'web', '--values', 'nope.yaml'], code: 2, messages: ['helmts check: --values nope.yaml: no such file'], allowed: ['charts'] },
  {
    name: 'check --values: a folder',
    setup: async (root) => {
      await built(root);
      fs.mkdirSync(path.join(root, 'vals'));
    },
    argv: ['check', 'web', '--values', 'vals'],
    code: 2,
    messages: ['helmts check: --values vals is a folder; give a values file'],
    allowed: ['charts'],
  },
  {
    name: 'check --values: invalid YAML, at its line',
    setup: async (root) => {
      await built(root);
      write('bad.yaml', 'greeting: hi\nother: [1\n')(root);
    },
    argv: ['check', 'web', '--values', 'bad.yaml'],
    code: 1,
    messages: ['helmts check: bad.yaml:3:1: YAML syntax error'],
    allowed: ['charts'],
  },
  {
    name: 'check --values: a merge key on a number',
    setup: async (root) => {
      await built(root);
      write('bad.yaml', 'x:\n  <<: 1\n')(root);
    },
    argv: ['check', 'web', '--values', 'bad.yaml'],
    code: 1,
    messages: ['helmts check: bad.yaml:2:7: YAML error (Helm refuses it too): map merge requires map or sequence of maps'],
    allowed: ['charts'],
  },
];

const defCase = (name: string, setup: (root: string) => void, messages: Array<string | RegExp>, code = 1): CliCase => ({ name: `build: ${name}`, setup, argv: ['build'], code, messages });

const DEFINITIONS: CliCase[] = [
  defCase('a syntax error in the definition, at its line and column', (root) => {
    writeDefinition(root);
    const file = path.join(root, DEF);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("version: '0.1.0',", "version: '0.1.0'"));
  }, [/src\/charts\/web\/chart\.ts:\d+:\d+: TypeScript syntax error: ',' expected/]),
  defCase('a syntax error the parser would recover from (a missing parenthesis)', (root) => {
    writeDefinition(root, { templates: `{ 'cm.yaml': (v: { greeting: string }) => untyped({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { g: v.greeting } ) }` });
  }, [/src\/charts\/web\/chart\.ts:\d+:\d+: TypeScript syntax error: ',' expected/]),
  defCase('a syntax error in the values type file', (root) => {
    writeDefinition(root);
    fs.appendFileSync(path.join(root, 'src/charts/web/values.ts'), 'export const broken: number = ;\n');
  }, [/src\/charts\/web\/values\.ts:6:31(: TypeScript syntax error| - error TS1109): Expression expected/]),
  defCase('a TypeError while the definition loads', (root) => {
    writeDefinition(root, { prelude: 'const missing: { x: { y: number } } = {} as never;\nconst y = missing.x.y;\n' });
  }, [/src\/charts\/web\/chart\.ts: Cannot read properties of undefined \(reading 'y'\) \(at src\/charts\/web\/chart\.ts:\d+:\d+\)/]),
  defCase('a template that throws', (root) => {
    writeDefinition(root, { templates: `{ 'cm.yaml': () => { throw new Error('boom in the template'); } }` });
  }, [/src\/charts\/web\/chart\.ts: boom in the template \(at src\/charts\/web\/chart\.ts:\d+:\d+\)/]),
  defCase('a values type file that does not exist', (root) => writeDefinition(root, { valuesFile: 'src/charts/web/nope.ts' }), [
    `${DEF}: values.file 'src/charts/web/nope.ts' is not a file`,
  ]),
  defCase('a declared shipped file that does not exist', (root) => writeDefinition(root, { files: `['config/app.conf']` }), [
    `${DEF}: chart web: files: 'config/app.conf' is declared but`,
  ]),
  defCase('an import of a module that does not exist', (root) => writeDefinition(root, { prelude: "import './nope';\n" }), [`${DEF}: Cannot find module './nope'`]),
  defCase('a file that exports no definition', write(DEF, 'export const nothing = 1;\n'), [`${DEF}: exports no chart definition`]),
  defCase('defaults that do not match the values type', (root) => {
    writeDefinition(root);
    const file = path.join(root, DEF);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("defaults: { greeting: 'hello' }", 'defaults: { greeting: 5 as unknown as string }'));
  }, [`${DEF}: the default values of web do not match Values`, 'at greeting: greeting must be a string; got 5']),
  defCase('two definitions with one name', (root) => {
    writeDefinition(root);
    writeDefinition(root, { dir: 'other' });
  }, ['src/charts/web/chart.ts: chart name "web" is also defined in src/charts/other/chart.ts']),
  defCase('a helmts.config.ts with a syntax error', (root) => {
    writeDefinition(root);
    write('helmts.config.ts', 'export default { charts: [\n')(root);
  }, [/helmts\.config\.ts: .*helmts\.config\.ts:2:\d+/]),
  defCase('a helmts.config.ts whose charts is not a list', (root) => {
    writeDefinition(root);
    write('helmts.config.ts', 'export default { charts: 5 };\n')(root);
  }, ["helmts.config.ts: charts must be a list of definition file paths"]),
  defCase('a helmts.config.ts whose outDir is not a string', (root) => {
    writeDefinition(root);
    write('helmts.config.ts', 'export default { outDir: 5 };\n')(root);
  }, ['helmts.config.ts: outDir must be a folder name, not 5']),
  defCase('a helmts.config.ts listing a missing definition', (root) => write('helmts.config.ts', "export default { charts: ['deploy/nope.ts'] };\n")(root), [
    'deploy/nope.ts: no such file (listed in the helmts config)',
  ]),
  defCase('a project without charts', () => undefined, ['helmts build: no charts found; create one with `helmts init <name>`']),
];

const CRD = (schema: string, o: { group?: string } = {}) => crdYaml({ schema, group: o.group });
const crdCase = (name: string, files: Record<string, string>, args: string[], messages: Array<string | RegExp>): CliCase => ({
  name: `import-crd: ${name}`,
  setup: (root) => Object.entries(files).forEach(([f, t]) => write(f, t)(root)),
  argv: ['import-crd', ...args],
  code: 1,
  messages: [...messages, 'Nothing was written.'],
});

const CRDS: CliCase[] = [
  {
    name: 'import-crd: a kind named Index (its file would be the version’s index.ts on macOS and Windows) is imported, the barrel renamed',
    setup: (root) => write('crd.yaml', crdYaml({ kind: 'Index' }).replace('plural: widgets', 'plural: indices'))(root),
    argv: ['import-crd', 'crd.yaml'],
    code: 0,
    messages: ['src/imports/example.com: v1/Index', 'note: src/imports/example.com/v1/_index.ts: a kind named Index takes the file name'],
    allowed: ['src'],
  },
  crdCase('a schema the generator cannot read (properties: 5)', { 'crd.yaml': CRD('schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: 5}}}}') }, ['crd.yaml'], [
    'crd.yaml: CRD widgets.example.com in document 1 (line 1): spec.versions[0].schema.openAPIV3Schema.properties.spec.properties must be object; the API server would refuse this CRD',
  ]),
  crdCase('a schema with required: 5', { 'crd.yaml': CRD('schema: {openAPIV3Schema: {type: object, required: 5}}') }, ['crd.yaml'], ['crd.yaml: CRD widgets.example.com in document 1 (line 1): spec.versions[0].schema.openAPIV3Schema.required must be array']),
  crdCase('a schema with an unknown field', { 'crd.yaml': CRD('schema: {openAPIV3Schema: {type: object, propertees: {}}}') }, ['crd.yaml'], ['spec.versions[0].schema.openAPIV3Schema has the field "propertees", which a CRD schema does not have']),
  crdCase('a schema with an unknown type', { 'crd.yaml': CRD('schema: {openAPIV3Schema: {type: object, properties: {size: {type: int}}}}') }, ['crd.yaml'], ['spec.versions[0].schema.openAPIV3Schema.properties.size.type must be one of object, array, string, integer, number, boolean']),
  crdCase('a version without a schema', { 'crd.yaml': CRD('schema: {}') }, ['crd.yaml'], ['crd.yaml: CRD widgets.example.com in document 1 (line 1): version v1 has no schema']),
  crdCase('no spec.group', { 'crd.yaml': CRD('schema: {openAPIV3Schema: {type: object}}', { group: '' }) }, ['crd.yaml'], ['crd.yaml: CRD widgets.example.com in document 1 (line 1) has no spec.group']),
  crdCase('a file that is not YAML', { 'crd.yaml': 'kind: [\n' }, ['crd.yaml'], ['crd.yaml: line 2: invalid YAML']),
  crdCase('an empty file', { 'crd.yaml': '' }, ['crd.yaml'], ['crd.yaml: holds no CustomResourceDefinition (the file is empty)']),
  crdCase('a file of other objects only', { 'crd.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }, ['crd.yaml'], ['crd.yaml: holds no CustomResourceDefinition (found document 1 (line 1): v1 ConfigMap)']),
  crdCase('a document that is a YAML list', { 'crd.yaml': '- a\n- b\n' }, ['crd.yaml'], ['crd.yaml: document 1 (line 1) is not a Kubernetes object (a YAML mapping)']),
  { ...crdCase('a missing file (a file argument that cannot be read: 2)', {}, ['missing.yaml'], ['missing.yaml: no such file or folder']), code: 2 },
  {
    ...crdCase('a dangling link (2)', {}, ['link.yaml'], ['link.yaml: no such file or folder']),
    setup: (root: string) => fs.symlinkSync('gone.yaml', path.join(root, 'link.yaml')),
    code: 2,
  },
  crdCase('a folder without YAML files', { 'crds/readme.txt': 'x' }, ['crds'], ['crds: folder holds no .yaml or .yml file']),
  crdCase('one kind defined twice', { 'a.yaml': CRD('schema: {openAPIV3Schema: {type: object}}'), 'b.yaml': CRD('schema: {openAPIV3Schema: {type: object}}') }, ['a.yaml', 'b.yaml'], [
    'b.yaml: defines example.com/v1/Widget again (already defined in a.yaml)',
  ]),
];

const USAGE: CliCase[] = [
  { name: 'build: an unknown option', argv: ['build', '--bogus'], code: 2, messages: ["helmts build: Unknown option '--bogus'", 'Usage: helmts build'] },
  { name: 'check: --cases 0', argv: ['check', 'web', '--cases', '0'], code: 2, messages: ['helmts check: --cases must be a positive integer, not 0'] },
  { name: 'check: --helm 5', argv: ['check', 'web', '--helm', '5'], code: 2, messages: ['helmts check: --helm must be 3 or 4, not 5'] },
  { name: 'check: --seed x', argv: ['check', 'web', '--seed', 'x'], code: 2, messages: ['helmts check: --seed must be an integer, not x'] },
  { name: 'import-crd: no file', argv: ['import-crd'], code: 2, messages: ['helmts import-crd: give at least one CRD file or folder'] },
  { name: 'package: --helm 7', setup: (root) => writeDefinition(root), argv: ['package', '--helm', '7'], code: 2, messages: ['helmts package: --helm must be 3 or 4, not 7', 'Usage: helmts package'] },
  { name: 'push: an unknown option', argv: ['push', 'web', 'oci://x/y', '--force'], code: 2, messages: ["helmts push: Unknown option '--force'"] },
  { name: 'validate: an unknown option', argv: ['validate', ...HW, '--bogus', 'v.yaml'], code: 2, messages: ['helmts validate: unknown option --bogus'] },
  { name: 'an unknown command', argv: ['deploy'], code: 2, messages: ['helmts: unknown command "deploy"'] },
];

/** Runs `npm run egress -- …` in-process in `cwd` (its paths are relative to the process's working directory). */
async function runEgress(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const here = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runEgressCli(argv, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: () => '',
      renderChart: renderForEgress,
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(here);
  }
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: a}\nspec: {ports: [{port: 80, name: http}]}\n';
const EGRESS: CliCase[] = [
  {
    name: 'egress: a manifest file that is a YAML list is warned about, not analysed silently',
    setup: write('m.yaml', '- {apiVersion: v1, kind: Service, metadata: {name: api, namespace: a}, spec: {ports: [{port: 80}]}}\n'),
    argv: ['--manifests', 'm.yaml'],
    code: 0,
    messages: ['egress: warning: m.yaml: document 1 is a YAML list, not a Kubernetes object; skipped'],
  },
  {
    name: 'egress: a Service without metadata is not counted',
    setup: write('m.yaml', 'apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]}\n'),
    argv: ['--manifests', 'm.yaml'],
    code: 0,
    messages: ['egress: warning: m.yaml: document 1 (a Service) has no metadata.name, so it is not a Kubernetes object; skipped', 'only the 0 Service(s) in the input exist'],
  },
  { name: 'egress: invalid YAML', setup: write('m.yaml', `${SERVICE}---\nkind: [\n`), argv: ['--manifests', 'm.yaml'], code: 2, messages: ['egress: m.yaml:7:1: invalid YAML'] },
  { name: 'egress: a missing manifest file', argv: ['--manifests', 'nope.yaml'], code: 2, messages: ['egress: cannot read nope.yaml: no such file'] },
  { name: 'egress: a folder as manifests', setup: (root) => fs.mkdirSync(path.join(root, 'm')), argv: ['--manifests', 'm'], code: 2, messages: ['egress: cannot read m: is a directory'] },
  { name: 'egress: a missing values file', argv: ['-f', 'nope.yaml', '--chart', path.join(REPO, 'charts', 'helloworld-egress')], code: 2, messages: ['egress: cannot read nope.yaml: no such file'] },
  { name: 'egress: a --chart that is not a chart', setup: (root) => fs.mkdirSync(path.join(root, 'c')), argv: ['--chart', 'c'], code: 2, messages: ['egress: chart not found: c (no Chart.yaml)'] },
  { name: 'egress: a bad --mesh-mode', setup: write('m.yaml', SERVICE), argv: ['--manifests', 'm.yaml', '--mesh-mode', 'OPEN'], code: 2, messages: ['egress: --mesh-mode must be ALLOW_ANY or REGISTRY_ONLY, not "OPEN"'] },
  { name: 'egress: a bad --istio-version', setup: write('m.yaml', SERVICE), argv: ['--manifests', 'm.yaml', '--istio-version', 'latest'], code: 2, messages: ['egress: --istio-version: invalid Istio version "latest"'] },
  { name: 'egress: an unknown option', argv: ['--bogus'], code: 2, messages: ["egress: Unknown option '--bogus'"] },
  { name: 'egress: nothing to analyse', argv: [], code: 2, messages: ['egress: nothing to analyse: give --manifests or -f'] },
];

describe('malformed inputs', () => {
  describe.each([
    ['values files (helmts validate)', VALIDATE],
    ['values files (helmts check --values)', CHECK],
    ['chart definitions and helmts.config.ts', DEFINITIONS],
    ['CRD files (helmts import-crd)', CRDS],
    ['usage errors', USAGE],
  ] as const)('%s', (_title, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => runCliCase(c, runMain), 60_000);
  });

  describe('egress manifests and options (npm run egress)', () => {
    it.each(EGRESS.map((c) => [c.name, c] as const))('%s', async (_name, c) => runCliCase(c, runEgress), 60_000);
  });
});

/** `npm run test:coverage -- …` as a process; these cases stop before any test runs. */
function coverage(...args: string[]): Promise<{ code: number | null; output: string; pid?: number; started: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(REPO, 'src', 'cli', 'chart-coverage.ts'), ...args], { cwd: REPO });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output, pid: child.pid, started }));
  });
}

describe('malformed inputs: npm run test:coverage', () => {
  it.each([
    [['--threshold', 'abc'], 'test:coverage: --threshold must be a number from 0 to 100, not "abc"'],
    [['--paths-threshold', '150'], 'test:coverage: --paths-threshold must be a number from 0 to 100, not "150"'],
    [['--bogus'], "test:coverage: Unknown option '--bogus'"],
    [['test/no-such-folder'], 'test:coverage: no such test file or folder: test/no-such-folder'],
  ])('refuses %j with exit 2 before running any test, and leaves no temporary folder', async (args, message) => {
    const r = await coverage(...args);
    expect([r.code, r.output]).toEqual([2, expect.stringContaining(message)]);
    expect(r.output).toContain('Usage: npm run test:coverage');
    expect(tempDirsOf(r.pid, r.started)).toEqual([]);
  }, 60_000);
});

/** The tsconfig.json TypeScript 7.0.2's `npx tsc --init` writes (its comments dropped). */
const TSC_INIT_7 = JSON.stringify({
  compilerOptions: {
    module: 'nodenext', target: 'esnext', types: [], sourceMap: true, declaration: true, declarationMap: true,
    noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, strict: true, jsx: 'react-jsx',
    verbatimModuleSyntax: true, isolatedModules: true, noUncheckedSideEffectImports: true, moduleDetection: 'force', skipLibCheck: true,
  },
});
const INIT_OUTPUT = ['src', 'test', 'charts']; // src/charts/web, test/charts/web, charts/web and their new parents

describe('set-up: helmts init in a project with its own configs (kept, and what to change in them is said)', () => {
  it.each([
    ['CommonJS', '{ "name": "p", "private": true }', ['"verbatimModuleSyntax" with "module": "nodenext" in a CommonJS package', '"exactOptionalPropertyTypes"']],
    ['ESM ("type": "module")', '{ "name": "p", "private": true, "type": "module" }', ['"module": "nodenext" in a "type": "module" package', '"exactOptionalPropertyTypes"']],
  ] as const)('init builds and lints its scaffold under the tsconfig.json of TypeScript 7’s tsc --init, %s, and says what tsc would refuse', async (_kind, pkg, notes) => {
    await runCliCase(
      {
        name: 'init web with a tsc --init tsconfig',
        setup: (root) => {
          fs.writeFileSync(path.join(root, 'package.json'), `${pkg}\n`);
          linkHelmtsShim(root);
          fs.writeFileSync(path.join(root, 'tsconfig.json'), TSC_INIT_7);
          fs.writeFileSync(path.join(root, 'jest.config.cjs'), "module.exports = { preset: 'helmts' };\n");
        },
        argv: ['init', 'web'],
        code: 0,
        messages: ['built charts/web', ...notes, 'for `npx tsc --noEmit` to agree, set "module": "preserve"', /^((?!error TS)[\s\S])*$/],
        allowed: INIT_OUTPUT,
      },
      runMain,
    );
  }, 120_000);

  it('init in a project whose Jest config (package.json "jest") has no helmts preset says to add it', async () => {
    await runCliCase(
      {
        name: 'init web with package.json jest config',
        setup: (root) => {
          fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'p', private: true, jest: { testEnvironment: 'node' } }));
          linkHelmtsShim(root);
        },
        argv: ['init', 'web'],
        code: 0,
        messages: ['note: your Jest config (package.json "jest") does not use helmts\' preset', 'add "preset": "helmts" to "jest" in package.json'],
        allowed: [...INIT_OUTPUT, 'tsconfig.json'],
      },
      runMain,
    );
  }, 120_000);
});
