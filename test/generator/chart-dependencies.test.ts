import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { helloworldEgress } from '../../src/charts/helloworld-egress/chart';
import { defineChart, generateChart, type GeneratedChart } from '../../src/generator';
import { loadChart, type Chart } from '../../src/testing';
import { schemaProblems } from '../../src/values/schema-problems';
import { tinyChart } from './fixtures/tiny-chart';

const repoRoot = path.resolve(__dirname, '../..');
const umbrella = defineChart({ ...tinyChart, name: 'umbrella-tiny', dependencies: [{ chart: helloworldEgress, alias: 'hw' }] });
let tmp: string;
let generated: GeneratedChart;
let chart: Chart;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-deps-'));
  generated = generateChart(umbrella, { repoRoot, chartDir: 'umbrella-tiny' });
  // The dependency, generated where `helm dependency build` would put it.
  const sub = generateChart(helloworldEgress, { repoRoot, chartDir: 'umbrella-tiny/charts/helloworld-egress' });
  for (const file of [...generated.files, ...sub.files]) {
    fs.mkdirSync(path.dirname(path.join(tmp, file.path)), { recursive: true });
    fs.writeFileSync(path.join(tmp, file.path), file.content);
  }
  chart = loadChart(path.join(tmp, 'umbrella-tiny'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a generated chart depending on another helmts chart', () => {
  it('declares the dependency in Chart.yaml', () => {
    const chartYaml = parse(generated.files.find((f) => f.path === 'umbrella-tiny/Chart.yaml')!.content) as Record<string, unknown>;
    expect(chartYaml.dependencies).toEqual([
      { name: 'helloworld-egress', version: helloworldEgress.version, repository: 'file://../helloworld-egress', alias: 'hw' },
    ]);
  });

  it("puts the subchart's typed values schema under its key, definitions prefixed", () => {
    const hw = generated.schema.properties!.hw;
    expect(hw.description).toMatch(/^Values of the helloworld-egress subchart/);
    expect(hw.properties!.app.$ref).toBe('#/definitions/hw.App');
    expect(generated.schema.definitions!['hw.App']).toBeDefined();
    expect(schemaProblems({ prefix: 'p', entries: [], secret: false, count: 1, tags: [], hw: { app: { replicas: 'three' } } }, generated.schema))
      .toContainEqual(expect.objectContaining({ path: 'hw.app.replicas' }));
    expect(() => generateChart(defineChart({ ...umbrella, dependencies: [{ chart: helloworldEgress, alias: 'prefix' }] }), { repoRoot }))
      .toThrow(/values key "prefix" is already a field of the parent's Values; set an alias/);
  });

  it('renders with real helm: the subchart under its alias, its values scoped, the parent schema checking them', async () => {
    const out = await chart.render({ release: { name: 'r', namespace: 'apps' } });
    expect(out.template('charts/hw/templates/deployment.yaml').length).toBeGreaterThan(0);
    const scoped = await chart.subchart('hw').render({ set: { 'app.replicas': 3 }, release: { name: 'r', namespace: 'apps' } });
    expect(scoped.template('templates/deployment.yaml')).toHaveValue('spec.replicas', 3);
    await expect(chart.render({ set: { 'hw.app.replicas': 'three' } })).toFailTemplateMatching(/replicas/);
  });
});
