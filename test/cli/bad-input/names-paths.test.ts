/**
 * Bad-input suite, class "names and paths": chart names, template names,
 * shipped and text file names, output folders, existing folders that helmts
 * did not write, symbolic links, init names and CRD groups. Each case runs the
 * command in-process and asserts the exit code, that the message names the
 * file and the reason, that no stack trace is printed, and that nothing in
 * the project or beside it (`victim/`) changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain } from '../run-main';
import { linkHelmtsShim } from '../temp-project';
import { crdYaml, runCliCase, writeDefinition, type CliCase } from './harness';

const DEF = 'src/charts/web/chart.ts';
const CM = `(v: { greeting: string }) => untyped({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { greeting: v.greeting } })`;

const nameCase = (shown: string, literal: string, reason: string | RegExp): CliCase => ({
  name: `build refuses the chart name ${shown}`,
  setup: (root) => writeDefinition(root, { name: literal }),
  argv: ['build'],
  code: 1,
  messages: ['nothing was written', `${DEF}: chart name`, reason],
});

const templateCase = (key: string, reason: string): CliCase => ({
  name: `build refuses the template name ${JSON.stringify(key)}`,
  setup: (root) => writeDefinition(root, { templates: `{ ${JSON.stringify(key)}: ${CM} }` }),
  argv: ['build'],
  code: 1,
  messages: [`${DEF}: chart web: template ${JSON.stringify(key)}`, reason],
});

const fileCase = (file: string, reason: string | RegExp, setup?: (root: string) => void): CliCase => ({
  name: `build refuses the shipped file ${JSON.stringify(file)}`,
  setup: (root) => {
    writeDefinition(root, { files: JSON.stringify([file]) });
    setup?.(root);
  },
  argv: ['build'],
  code: 1,
  messages: [`${DEF}: chart web: files`, reason],
});

const outDirCase = (outDir: string, reason: string): CliCase => ({
  name: `build refuses outDir ${JSON.stringify(outDir)}`,
  setup: (root) => {
    writeDefinition(root);
    fs.writeFileSync(path.join(root, 'helmts.config.ts'), `export default { charts: ['src/charts/web/chart.ts'], outDir: ${JSON.stringify(outDir)} };\n`);
  },
  argv: ['build'],
  code: 1,
  messages: [`helmts.config.ts: outDir ${JSON.stringify(outDir)}`, reason],
});

const CRD = (o: { group?: string; kind?: string; version?: string; schema?: string } = {}) =>
  crdYaml({
    group: `group: ${JSON.stringify(o.group ?? 'example.com')}`,
    kind: JSON.stringify(o.kind ?? 'Widget'),
    version: JSON.stringify(o.version ?? 'v1'),
    schema: `schema: {openAPIV3Schema: ${o.schema ?? '{type: object, properties: {spec: {type: object}}}'}}`,
  });

const crdCase = (name: string, o: Parameters<typeof CRD>[0], reason: string | RegExp): CliCase => ({
  name: `import-crd refuses ${name}`,
  setup: (root) => fs.writeFileSync(path.join(root, 'crd.yaml'), CRD(o)),
  argv: ['import-crd', 'crd.yaml'],
  code: 1,
  messages: ['crd.yaml: CRD widgets.example.com in document 1 (line 1)', reason, 'Nothing was written.'],
});

const hashed = (n: number) => 'a'.repeat(n);

const CASES: CliCase[] = [
  nameCase('""', `''`, 'chart name "" is empty'),
  nameCase('"."', `'.'`, 'names a folder, not a chart'),
  nameCase('".."', `'..'`, 'names a folder, not a chart'),
  nameCase('"../victim"', `'../victim'`, 'contains a path separator'),
  nameCase('"a/b"', `'a/b'`, 'contains a path separator'),
  nameCase('"a b"', `'a b'`, 'contains white space'),
  nameCase('"Bad_Name"', `'Bad_Name'`, /has uppercase letters, which OCI registries \(helmts push\) refuse.*e\.g\. "bad_name"/),
  nameCase('"UPPER"', `'UPPER'`, 'e.g. "upper"'),
  nameCase('"a..b"', `'a..b'`, 'two separators in a row'),
  nameCase('"-a"', `'-a'`, 'does not start and end with a letter or digit'),
  nameCase('"a-"', `'a-'`, 'does not start and end with a letter or digit'),
  nameCase('"a___b"', `'a___b'`, 'two separators in a row'),
  nameCase('of 251 characters', `'${hashed(251)}'`, 'is 251 characters long'),
  nameCase('"a\\nb"', `'a\\nb'`, 'contains white space'),
  nameCase('"café"', `'café'`, 'contains "é"'),
  nameCase('"a:b"', `'a:b'`, 'contains ":"'),
  // Not a string at all: the definition's shape check refuses it first, at the line of the field.
  {
    ...nameCase('a number', '42 as unknown as string', ''),
    messages: ['nothing was written', `${DEF}: the chart definition is malformed: name must be a string; got number 42`, `(at ${DEF}:`],
  },

  templateCase('../../../canary.txt', 'contains ".." and would leave its folder'),
  templateCase('/abs.yaml', 'is absolute'),
  templateCase('', 'is empty'),
  templateCase('a//b.yaml', 'contains an empty segment'),
  templateCase('./x.yaml', 'contains a "." segment'),
  templateCase('sub/../x.yaml', 'contains ".."'),
  templateCase('a\\b.yaml', 'contains a backslash'),
  templateCase('x\n.yaml', 'contains a control character'),
  templateCase(' x.yaml', 'starts or ends with a space'),
  templateCase('_partial.yaml', 'Helm treats such files as partials and never renders them'),
  templateCase('_helpers.tpl', 'Helm treats such files as partials'),
  templateCase('x.json', 'must end in .yaml or .yml'),
  templateCase('NOTES.txt', 'must end in .yaml or .yml'),
  templateCase('templates/x.yaml', 'starts with "templates/"'),
  templateCase('sub/@x.yaml', 'has the segment "@x.yaml"'),
  {
    name: 'build refuses two templates whose names differ only in letter case',
    setup: (root) => writeDefinition(root, { templates: `{ 'a.yaml': ${CM}, 'A.yaml': ${CM} }` }),
    argv: ['build'],
    code: 1,
    messages: [`${DEF}: chart web: template 'A.yaml' and template 'a.yaml' would both write templates/A.yaml`],
  },

  fileCase('../secret.txt', 'contains ".."'),
  fileCase('/etc/hostname', 'is absolute'),
  fileCase('config//a.conf', 'contains an empty segment'),
  fileCase('', 'is empty'),
  fileCase('Chart.yaml', "files 'Chart.yaml' and the Chart.yaml helmts generates would both write Chart.yaml", (root) =>
    fs.writeFileSync(path.join(root, 'src/charts/web/Chart.yaml'), 'x'),
  ),
  fileCase('values.yaml', 'the values.yaml helmts generates would both write values.yaml', (root) =>
    fs.writeFileSync(path.join(root, 'src/charts/web/values.yaml'), 'x'),
  ),
  fileCase('link.conf', /files 'link.conf' is a symbolic link to .*victim\/keep\.txt, outside the chart source folder/, (root) =>
    fs.symlinkSync(path.join(root, '..', 'victim', 'keep.txt'), path.join(root, 'src/charts/web/link.conf')),
  ),
  fileCase('templates/t.yaml', "is under templates/, which Helm renders as a template", (root) => {
    fs.mkdirSync(path.join(root, 'src/charts/web/templates'));
    fs.writeFileSync(path.join(root, 'src/charts/web/templates/t.yaml'), 'x');
  }),
  {
    name: 'build refuses a text file at ../README.md',
    setup: (root) => writeDefinition(root, { textFiles: `{ '../README.md': 'x' }` }),
    argv: ['build'],
    code: 1,
    messages: [`${DEF}: chart web: textFiles "../README.md" contains ".."`],
  },
  {
    name: 'build refuses a text file under templates/',
    setup: (root) => writeDefinition(root, { textFiles: `{ 'templates/extra.yaml': 'kind: x' }` }),
    argv: ['build'],
    code: 1,
    messages: ['textFiles "templates/extra.yaml" lies under templates/, where Helm renders every file as a template'],
  },
  {
    name: 'build refuses a text file and a shipped file at one path',
    setup: (root) => {
      writeDefinition(root, { textFiles: `{ 'README.md': '# x' }`, files: `['README.md']` });
      fs.writeFileSync(path.join(root, 'src/charts/web/README.md'), '# mine');
    },
    argv: ['build'],
    code: 1,
    messages: ["files 'README.md' and textFiles 'README.md' would both write README.md"],
  },

  ...[
    ['name', `{ name: 'other' }`, 'metadata.name would override the Chart.yaml field helmts writes'],
    ['version', `{ version: 'abc' }`, 'metadata.version would override the Chart.yaml field helmts writes'],
    ['apiVersion', `{ apiVersion: 'v1' }`, 'metadata.apiVersion would override'],
    ['an unknown field', `{ owner: 'me' }`, 'metadata.owner is not a Chart.yaml field; metadata takes kubeVersion, keywords'],
  ].map(
    ([what, metadata, reason]): CliCase => ({
      name: `build refuses metadata that sets ${what}`,
      setup: (root) => writeDefinition(root, { extra: `metadata: ${metadata},` }),
      argv: ['build'],
      code: 1,
      messages: [`${DEF}: chart web: ${reason}`],
    }),
  ),
  {
    name: 'build refuses a chart version helm refuses',
    setup: (root) => {
      writeDefinition(root);
      const file = path.join(root, DEF);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("version: '0.1.0'", "version: '1.2.3.4'"));
    },
    argv: ['build'],
    code: 1,
    messages: [`${DEF}: chart web: version "1.2.3.4" is not a semantic version Helm accepts`],
  },
  outDirCase('../out', 'lies outside the project'),
  outDirCase('/tmp/helmts-abs-out', 'lies outside the project'),
  outDirCase('charts/../..', 'lies outside the project'),
  outDirCase('.', 'is the project folder itself'),
  outDirCase('', 'is the project folder itself'),
  {
    name: 'build refuses an outDir that would replace the definitions folder (outDir src, chart "charts")',
    setup: (root) => {
      writeDefinition(root, { name: `'charts'` });
      fs.writeFileSync(path.join(root, 'helmts.config.ts'), `export default { charts: ['src/charts/web/chart.ts'], outDir: 'src' };\n`);
    },
    argv: ['build'],
    code: 1,
    messages: ['src/charts exists and was not generated by helmts (it has no Chart.yaml)', 'leaves this one alone'],
  },
  {
    name: 'build leaves a hand-written charts/web alone',
    setup: (root) => {
      writeDefinition(root);
      fs.mkdirSync(path.join(root, 'charts/web/templates'), { recursive: true });
      fs.writeFileSync(path.join(root, 'charts/web/templates/mine.yaml'), 'kind: ConfigMap\n');
    },
    argv: ['build'],
    code: 1,
    messages: ['charts/web exists and was not generated by helmts (it has no Chart.yaml)'],
  },
  {
    name: 'build leaves a charts/web whose Chart.yaml has no helmts header alone',
    setup: (root) => {
      writeDefinition(root);
      fs.mkdirSync(path.join(root, 'charts/web'), { recursive: true });
      fs.writeFileSync(path.join(root, 'charts/web/Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    },
    argv: ['build'],
    code: 1,
    messages: ['charts/web exists and was not generated by helmts (its Chart.yaml has no helmts header)'],
  },
  {
    name: 'build refuses to delete a file a user added to a generated chart (ci/values.yaml)',
    setup: async (root) => {
      writeDefinition(root);
      expect((await runMain(root, 'build')).code).toBe(0);
      fs.mkdirSync(path.join(root, 'charts/web/ci'));
      fs.writeFileSync(path.join(root, 'charts/web/ci/values.yaml'), 'greeting: for chart-testing\n');
    },
    argv: ['build'],
    code: 1,
    messages: ['charts/web/ci/values.yaml was not written by helmts, and rebuilding charts/web (replaced as a whole) would delete it'],
    allowed: [],
  },
  {
    name: 'import-crd refuses to delete a file a user added to a generated group folder',
    setup: async (root) => {
      fs.writeFileSync(path.join(root, 'crd.yaml'), CRD());
      expect((await runMain(root, 'import-crd', 'crd.yaml')).code).toBe(0);
      fs.writeFileSync(path.join(root, 'src/imports/example.com/helpers.ts'), 'export const mine = 1;\n');
    },
    argv: ['import-crd', 'crd.yaml'],
    code: 1,
    messages: ['src/imports/example.com/helpers.ts was not written by helmts import-crd, and re-importing src/imports/example.com (replaced as a whole) would delete it'],
  },
  {
    name: 'build refuses a charts/web that is a symbolic link',
    setup: (root) => {
      writeDefinition(root);
      fs.mkdirSync(path.join(root, 'charts'));
      fs.symlinkSync(path.join(root, '..', 'victim'), path.join(root, 'charts/web'));
    },
    argv: ['build'],
    code: 1,
    messages: ['charts/web is a symbolic link; helmts replaces its output folder as a whole and does not follow links'],
  },
  {
    name: 'build refuses a charts/ that links out of the project',
    setup: (root) => {
      writeDefinition(root);
      fs.symlinkSync(path.join(root, '..', 'victim'), path.join(root, 'charts'));
    },
    argv: ['build'],
    code: 1,
    messages: [/charts is a symbolic link to .*victim, outside the project/],
  },
  {
    name: 'build refuses a charts/web that is a file',
    setup: (root) => {
      writeDefinition(root);
      fs.mkdirSync(path.join(root, 'charts'));
      fs.writeFileSync(path.join(root, 'charts/web'), 'a file');
    },
    argv: ['build'],
    code: 1,
    messages: ['charts/web is a file, not a folder'],
  },
  {
    name: 'build refuses a charts that is a file',
    setup: (root) => {
      writeDefinition(root);
      fs.writeFileSync(path.join(root, 'charts'), 'a file');
    },
    argv: ['build'],
    code: 1,
    messages: ['charts is a file, not a folder'],
  },
  {
    name: 'build accepts a dotted, underscored chart name and writes only charts/<name>',
    setup: (root) => writeDefinition(root, { name: `'my.chart_v2--x'` }),
    argv: ['build'],
    code: 0,
    messages: ['built charts/my.chart_v2--x (7 files, 7 changed)'],
    allowed: ['charts'],
  },

  // Names longer than a file system takes: refused as names (1 / 2) before anything is written, never 74.
  {
    ...templateCase(`${'a'.repeat(300)}.yaml`, 'has a file or folder name of 305 bytes ("aaaaaaaaaaaaaaaa…"); file systems allow at most 255 bytes per name'),
    name: 'build refuses a template name of 305 bytes (a file name is at most 255)',
  },
  {
    name: 'build refuses a shipped file whose folder name is 256 bytes of UTF-8 (128 × "é")',
    setup: (root) => {
      writeDefinition(root, { files: JSON.stringify([`${'é'.repeat(128)}/x.txt`]) });
    },
    argv: ['build'],
    code: 1,
    messages: [`${DEF}: chart web: files`, 'has a file or folder name of 256 bytes'],
  },
  {
    name: 'init refuses a 250-character name (Helm allows it) whose test file name would be 258 bytes, before writing',
    setup: (root) => linkHelmtsShim(root),
    argv: ['init', 'a'.repeat(250)],
    code: 2,
    messages: [/helmts init: chart name "a{250}" is too long for the scaffold: test\/charts\/a+….*has a file or folder name of 258 bytes.*nothing was written/],
  },
  {
    name: 'init reads a name starting with "-" as an option',
    argv: ['init', '-x'],
    code: 2,
    messages: ["helmts init: Unknown option '-x'"],
  },
  ...['', '.', '../x', 'Bad', 'a b', 'a_'].map(
    (name): CliCase => ({
      name: `init refuses the name ${JSON.stringify(name)}`,
      setup: (root) => linkHelmtsShim(root),
      argv: ['init', name],
      code: 2,
      messages: [name === '' ? 'give one chart name' : /helmts init: chart name ".*" (names a folder|contains|has uppercase|does not start)/],
    }),
  ),
  {
    name: 'init refuses two names',
    argv: ['init', 'a', 'b'],
    code: 2,
    messages: ['give one chart name'],
  },
  ...['src/charts/web', 'charts/web', 'test/charts/web'].map(
    (taken): CliCase => ({
      name: `init refuses a name whose ${taken} exists`,
      setup: (root) => {
        linkHelmtsShim(root);
        fs.mkdirSync(path.join(root, taken), { recursive: true });
        fs.writeFileSync(path.join(root, taken, 'mine.txt'), 'mine');
      },
      argv: ['init', 'web'],
      code: 1,
      messages: [`helmts init: ${taken} already exists; nothing was written`],
    }),
  ),

  crdCase('spec.group ../victim', { group: '../victim' }, 'spec.group "../victim" is not a DNS subdomain'),
  crdCase('a spec.group without a dot', { group: 'widgets' }, 'spec.group "widgets" should be a domain with at least one dot'),
  crdCase('an uppercase spec.group', { group: 'Example.COM' }, 'spec.group "Example.COM" is not a DNS subdomain'),
  crdCase('spec.names.kind ../Evil', { kind: '../Evil' }, 'spec.names.kind "../Evil" lowercased is not a DNS-1035 label'),
  crdCase('a version name ../v1', { version: '../v1' }, 'spec.versions[0].name "../v1" is not a DNS-1035 label'),
  crdCase('a $ref in the schema', { schema: `{type: object, properties: {spec: {$ref: '#/definitions/x'}}}` }, 'spec.versions[0].schema.openAPIV3Schema.properties.spec.$ref is not allowed'),
  {
    name: 'import-crd refuses --out outside the project',
    setup: (root) => fs.writeFileSync(path.join(root, 'crd.yaml'), CRD()),
    argv: ['import-crd', 'crd.yaml', '--out', '../victim'],
    code: 2,
    messages: ['--out ../victim is outside the project'],
  },
  {
    name: 'import-crd refuses --out . (the project folder)',
    setup: (root) => fs.writeFileSync(path.join(root, 'crd.yaml'), CRD()),
    argv: ['import-crd', 'crd.yaml', '--out', '.'],
    code: 2,
    messages: ['--out . is the project folder itself'],
  },
  {
    name: 'import-crd leaves a hand-written group folder alone',
    setup: (root) => {
      fs.writeFileSync(path.join(root, 'crd.yaml'), CRD());
      fs.mkdirSync(path.join(root, 'src/imports/example.com'), { recursive: true });
      fs.writeFileSync(path.join(root, 'src/imports/example.com/widget.ts'), 'export const mine = 1;\n');
    },
    argv: ['import-crd', 'crd.yaml'],
    code: 1,
    messages: ['src/imports/example.com exists and was not written by helmts import-crd'],
  },

  {
    name: 'package names the known charts for an unknown one',
    setup: (root) => writeDefinition(root),
    argv: ['package', 'nope'],
    code: 2,
    messages: ['helmts package: no chart named nope (charts in this project: web)'],
  },
  // One rule for which charts a command works on (src/cli/project.ts ChartSelectionError): an unknown name is a bad
  // argument (2) for every command, a project without charts has nothing to do (1) for every command.
  ...(['build', 'build --watch', 'package', 'push web oci://127.0.0.1:1/x', 'check web'] as const).map((cmd) => ({
    name: `${cmd} in a project with no chart says so (exit ${cmd.startsWith('push') || cmd.startsWith('check') ? 2 : 1})`,
    argv: cmd.split(' '),
    code: cmd.startsWith('push') || cmd.startsWith('check') ? 2 : 1,
    messages: [cmd.startsWith('push') || cmd.startsWith('check') ? `no chart named web (charts in this project: none)` : `helmts ${cmd.split(' ')[0]}: no charts found; create one with \`helmts init <name>\``],
  })),
  ...(['build', 'build --watch'] as const).map((cmd) => ({
    name: `${cmd} names the known charts for an unknown one (exit 2)`,
    setup: (root: string) => writeDefinition(root),
    argv: [...cmd.split(' '), 'nope'],
    code: 2,
    messages: [`helmts build: no chart named nope (charts in this project: web)`],
  })),
  {
    name: 'push refuses a target that is not oci://',
    setup: (root) => writeDefinition(root),
    argv: ['push', 'web', 'https://example.com/charts'],
    code: 2,
    messages: ['helmts push: give a chart and an oci:// repository'],
  },
  {
    name: 'push refuses a missing chart name',
    argv: ['push'],
    code: 2,
    messages: ['helmts push: give a chart and an oci:// repository'],
  },
  {
    name: 'check refuses an --out that would overwrite a file it did not write',
    setup: async (root) => {
      writeDefinition(root);
      expect((await runMain(root, 'build')).code).toBe(0);
      fs.writeFileSync(path.join(root, 'values.yaml'), 'greeting: mine\n');
    },
    argv: ['check', 'web', '--cases', '1', '--out', 'values.yaml'],
    code: 2,
    messages: [/helmts check: .*project\/values\.yaml exists and is not a counterexample helmts check wrote/],
    allowed: ['charts'],
  },
  {
    name: 'check refuses a chart name it does not know',
    setup: (root) => writeDefinition(root),
    argv: ['check', '../web'],
    code: 2,
    messages: ['helmts check: no chart named ../web (charts in this project: web)'],
  },
];

describe('bad names and paths', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => runCliCase(c, runMain), 60_000);
});

describe('a rebuild keeps what other tools put in the chart folder', () => {
  it('keeps charts/ and Chart.lock of `helm dependency build` and replaces everything else', async () => {
    await runCliCase(
      {
        name: 'rebuild after helm dependency build',
        setup: async (root) => {
          writeDefinition(root);
          expect((await runMain(root, 'build')).code).toBe(0);
          fs.mkdirSync(path.join(root, 'charts/web/charts'));
          fs.writeFileSync(path.join(root, 'charts/web/charts/dep-0.1.0.tgz'), Buffer.from([0x1f, 0x8b, 0, 1, 2, 255]));
          fs.writeFileSync(path.join(root, 'charts/web/Chart.lock'), 'dependencies: []\n');
          fs.writeFileSync(path.join(root, 'charts/web/templates/stale.yaml'), '{{- /* Generated from src/charts/web by `helmts build web`. Do not edit by hand. */}}\n');
        },
        argv: ['build'],
        code: 0,
        messages: ['built charts/web (7 files, 0 changed, 1 removed)', '  removed charts/web/templates/stale.yaml'],
        allowed: ['charts/web/templates/stale.yaml'],
      },
      runMain,
    );
  }, 60_000);
});

describe('a rebuild keeps the user’s links where other tools’ output goes', () => {
  it('keeps a charts/web/charts that is a symbolic link (also a dangling one) as the link it is', async () => {
    await runCliCase(
      {
        name: 'rebuild with charts/web/charts -> ../../vendor and charts/web/Chart.lock -> a missing file',
        setup: async (root) => {
          writeDefinition(root);
          expect((await runMain(root, 'build')).code).toBe(0);
          fs.mkdirSync(path.join(root, 'vendor'));
          fs.writeFileSync(path.join(root, 'vendor/dep-0.1.0.tgz'), 'x');
          fs.symlinkSync('../../vendor', path.join(root, 'charts/web/charts'));
          fs.symlinkSync('../../no-such.lock', path.join(root, 'charts/web/Chart.lock'));
        },
        argv: ['build'],
        code: 0,
        messages: ['built charts/web (7 files, 0 changed)'],
      },
      runMain,
    );
  }, 60_000);
});
