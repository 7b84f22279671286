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
  expect((await run(root, 'build')).code).toBe(0);
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
