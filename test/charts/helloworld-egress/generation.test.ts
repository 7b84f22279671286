/**
 * The committed chart is exactly what the TypeScript generates, generation is
 * deterministic, and the templates hold no seed data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartSchema, generateChart } from '../../../src/generator';
import { helloworldEgress } from '../../../src/charts';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const chartDir = 'charts/helloworld-egress';

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(`${dir}/${e.name}`) : [`${dir}/${e.name}`]))
    .sort();
}

describe('the generated helloworld-egress chart', () => {
  const generated = generateChart(helloworldEgress, { repoRoot });

  it('matches the committed chart file for file (run `npm run build-chart` if not)', () => {
    const onDisk = listFiles(chartDir);
    expect(generated.files.map((f) => f.path).sort()).toEqual(onDisk);
    for (const file of generated.files) {
      expect({ path: file.path, content: fs.readFileSync(path.join(repoRoot, file.path), 'utf8') }).toEqual({
        path: file.path,
        content: file.content,
      });
    }
  });

  it('is byte-identical when generated a second time', () => {
    const again = generateChart(helloworldEgress, { repoRoot });
    expect(again.files).toEqual(generated.files);
  });

  it('writes Chart.yaml, values.yaml, values.schema.json, README.md, .helmignore and the templates', () => {
    expect(generated.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        `${chartDir}/Chart.yaml`,
        `${chartDir}/values.yaml`,
        `${chartDir}/values.schema.json`,
        `${chartDir}/README.md`,
        `${chartDir}/.helmignore`,
        `${chartDir}/templates/_helpers.tpl`,
        `${chartDir}/templates/namespace.yaml`,
        `${chartDir}/templates/service.yaml`,
        `${chartDir}/templates/deployment.yaml`,
        `${chartDir}/templates/sidecar.yaml`,
        `${chartDir}/values.override.schema.json`,
      ]),
    );
  });

  it('keeps both schemas inside the chart folder and the override schema out of the packaged chart', () => {
    expect(generated.files.filter((f) => !f.path.startsWith(`${chartDir}/`))).toEqual([]);
    const helmignore = generated.files.find((f) => f.path === `${chartDir}/.helmignore`)!.content;
    expect(helmignore.split('\n')).toContain('values.override.schema.json');
  });

  it('names the command that regenerates it in the header of every file that can hold a comment', () => {
    for (const file of generated.files.filter((f) => !f.path.endsWith('.json'))) {
      expect({ file: file.path, header: file.content.includes('by `helmts build helloworld-egress`') }).toEqual({ file: file.path, header: true });
    }
  });

  it('is named by the modeline of every example values file, at a path that exists', () => {
    const valuesDir = path.join(repoRoot, 'values');
    const files = fs.readdirSync(valuesDir).filter((f) => /^[a-z]/.test(fs.readFileSync(path.join(valuesDir, f), 'utf8')) || /\$schema=/.test(fs.readFileSync(path.join(valuesDir, f), 'utf8')));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const schema = /^# yaml-language-server: \$schema=(\S+)/.exec(fs.readFileSync(path.join(valuesDir, name), 'utf8'))?.[1];
      expect({ name, schema }).toEqual({ name, schema: '../charts/helloworld-egress/values.override.schema.json' });
      expect(fs.existsSync(path.join(valuesDir, schema!))).toBe(true);
    }
  });

  it('puts the yaml-language-server modeline on line 1 of values.yaml', () => {
    const values = generated.files.find((f) => f.path === `${chartDir}/values.yaml`)!.content;
    expect(values.split('\n')[0]).toBe('# yaml-language-server: $schema=values.schema.json');
  });

  it('documents each values.yaml key with its doc comment from the Values type', () => {
    const values = generated.files.find((f) => f.path === `${chartDir}/values.yaml`)!.content;
    expect(values).toMatch(/# Outbound traffic policy of the selected pods;[^:]*\n\s+outboundTrafficPolicy: REGISTRY_ONLY/);
    expect(values).toMatch(/# Pods per Deployment\.\n\s+replicas: 1/);
  });

  // The chart name `helloworld-egress` may appear (helper names); the seed's app name `helloworld` may not.
  // Istio's enum constants (REGISTRY_ONLY, HTTP) may: the expectation helper compares against them; so may
  // Istio's injection label names (the podProxy helper reads a namespace's labels), but not the seed's label itself.
  it.each([/foo/, /8080/, /default\//, /\.\/\*/, /helloworld(?!-egress)/, /nginx/, /100m/, /egress-http/, /http-a/, /istio-injection:/])(
    'has no seed literal %p in templates/',
    (literal) => {
      for (const file of generated.files.filter((f) => f.path.includes('/templates/'))) {
        expect({ file: file.path, hasLiteral: literal.test(file.content) }).toEqual({ file: file.path, hasLiteral: false });
      }
    },
  );

  it('refuses default values that break the schema, naming the path, before writing anything', () => {
    const broken = structuredClone(helloworldEgress.defaults);
    broken.namespaces[1].sidecar!.egress[0].port = 70000;
    expect(() => chartSchema({ ...helloworldEgress, defaults: broken }, repoRoot)).toThrow(
      /at namespaces\[1\]\.sidecar\.egress\[0\]\.port: .*70000.*65535/,
    );
  });
});
