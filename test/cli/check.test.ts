/**
 * `helmts check`: on a correct chart helm and the TypeScript render agree on
 * schema-drawn values; on a chart whose hand-written helper (defineComputedHelper)
 * disagrees with its TypeScript twin it finds the disagreement,
 * shrinks it to the one value that matters and writes it to a values file that
 * `--values` re-runs. A stale chart is refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runMain as run } from './run-main';
import { tempProject, writeChart } from './temp-project';

let root: string;
beforeAll(async () => {
  root = tempProject('helmts-check-');
  writeChart(root, 'src/charts/good', 'good');
  writeChart(root, 'src/charts/truthy', 'truthy', {
    // A deliberately wrong hand-written helper: its Go body always says "set", its TypeScript twin says "empty" for
    // an empty greeting. defineComputedHelper is the escape hatch the source transform cannot see into, so only a
    // differential check (helm against the TypeScript render) finds the disagreement.
    prelude: `const mode = defineComputedHelper('mode', 'set', (_v: Values, a: { greeting: string }) => (a.greeting ? 'set' : 'empty'));`,
    helpers: 'mode',
    body: `(v, b) => untyped({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: b.release.name }, data: { greeting: v.greeting, mode: mode(v, { greeting: v.greeting }) } })`,
  });
  // A helm test pod named as charts name them: a new random suffix on every render.
  writeChart(root, 'src/charts/random', 'random', {
    body: `(v, b) => untyped({ apiVersion: 'v1', kind: 'Pod', metadata: { name: \`\${b.release.name}-test-\${b.randAlphaNum(5).toLowerCase()}\`, annotations: { 'helm.sh/hook': 'test' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', args: [v.greeting] }] } })`,
  });
  // A hand-written helper that makes 6 random characters where its TypeScript twin says 5.
  writeChart(root, 'src/charts/badrandom', 'badrandom', {
    prelude: `import { concreteRandom } from ${JSON.stringify(path.resolve(__dirname, '..', '..', 'src', 'generator'))};
const suffix = defineComputedHelper('suffix', '{{ randAlphaNum 6 | lower }}', (_v: Values, _a: { greeting: string }) => concreteRandom().randAlphaNum(5).toLowerCase());`,
    helpers: 'suffix',
    body: `(v, b) => untyped({ apiVersion: 'v1', kind: 'Pod', metadata: { name: \`\${b.release.name}-test-\${suffix(v, { greeting: v.greeting })}\` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })`,
  });
  // One template, two kinds Helm does not know, in the order Helm does not print them (it sorts a template's documents by kind).
  writeChart(root, 'src/charts/twokinds', 'twokinds', {
    body: `(v, b) => [untyped({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: \`\${b.release.name}-issuer\` }, spec: { selfSigned: {} } }), untyped({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: b.release.name }, spec: { secretName: v.greeting } })]`,
  });
  const built = await run(root, 'build');
  expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
}, 60_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('helmts check', () => {
  it('finds that a correct chart agrees with helm on every generated values file, and shows progress', async () => {
    const r = await run(root, 'check', 'good', '--cases', '12', '--seed', '7');
    expect(r.stdout).toMatch(/^helmts check: good agrees with helm 4 on 12 generated values in [\d.]+ s, [\d.]+ cases\/s, seed 7\n$/);
    expect(r.stderr).toContain('12/12');
    expect(r.code).toBe(0);
  }, 120_000);

  it('shrinks a disagreement to the value that matters and writes it to a values file --values re-runs', async () => {
    const r = await run(root, 'check', 'truthy', '--cases', '50', '--seed', '7', '--helm', '3', '--out', 'found.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('templates/configmap.yaml differs at [0].data.mode: helm "set", TypeScript "empty"');
    const found = parse(fs.readFileSync(path.join(root, 'found.yaml'), 'utf8'));
    expect(found).toEqual({ greeting: '' });
    expect(r.stdout).toContain('helmts check truthy --helm 3 --values found.yaml');
    const again = await run(root, 'check', 'truthy', '--helm', '3', '--values', 'found.yaml');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('[0].data.mode: helm "set", TypeScript "empty"');
  }, 120_000);

  it('agrees on a chart whose test pod name uses randAlphaNum: any 5 letters or digits from helm match the TypeScript wildcard', async () => {
    const r = await run(root, 'check', 'random', '--cases', '10', '--seed', '3');
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: expect.stringMatching(/^helmts check: random agrees with helm 4 on 10 generated values/) });
  }, 120_000);

  it('still finds a random value of the wrong shape (6 characters where the TypeScript twin says 5)', async () => {
    const r = await run(root, 'check', 'badrandom', '--cases', '5', '--seed', '3', '--out', 'badrandom.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/templates\/configmap\.yaml differs at \[0\]\.metadata\.name: helm "check-test-[0-9a-z]{6}", TypeScript any value of the form \^check-test-\[0-9a-z\]\{5\}\$/);
  }, 120_000);

  it('agrees on a template whose documents Helm prints in another order (sorted by kind)', async () => {
    const r = await run(root, 'check', 'twokinds', '--cases', '5', '--seed', '3');
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: expect.stringMatching(/^helmts check: twokinds agrees with helm 4 on 5 generated values/) });
  }, 120_000);

  it('refuses a chart that is not what its definition generates', async () => {
    const file = path.join(root, 'charts', 'good', 'templates', 'configmap.yaml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${original}# edited\n`);
    const r = await run(root, 'check', 'good', '--cases', '1');
    fs.writeFileSync(file, original);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('charts/good is not what the definition generates (charts/good/templates/configmap.yaml); run `helmts build good` first');
  });

  it('rejects a Helm version other than 3 or 4', async () => {
    const r = await run(root, 'check', 'good', '--helm', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--helm must be 3 or 4, not 2');
  });
});
