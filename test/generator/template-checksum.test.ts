/**
 * `b.checksumOf(configmap)`: the Deployment's pod annotation is the `sha256sum` of the ConfigMap template as Helm
 * renders it, so a change in the ConfigMap changes the annotation (and rolls the pods), and nothing else does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareOnce, firstDifference } from '../../src/check/differential';
import { chartSchema, concreteBuiltIns, emitTemplates, generateChart, renderConcrete, writeFiles } from '../../src/generator';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { runHelm } from '../../src/helm/run-helm';
import { parseManifests } from '../../src/testing/parse-manifests';
import { checksumChart, configmap, strayChecksum } from './fixtures/charts/checksum/chart';
import type { ChecksumValues } from './fixtures/charts/checksum/values';

const repoRoot = path.resolve(__dirname, '..', '..');
let work: string;
let deploymentText: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'checksum-'));
  const generated = generateChart(checksumChart, { repoRoot, chartDir: 'checksum' });
  writeFiles(work, ['checksum'], generated.files);
  deploymentText = generated.files.find((f) => f.path === 'checksum/templates/deployment.yaml')!.content;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Doc = { kind: string; data?: Record<string, string>; spec?: { template: { metadata: { annotations: Record<string, string> } } } };
const annotation = (docs: Doc[]) => docs.find((d) => d.kind === 'Deployment')!.spec!.template.metadata.annotations['checksum/config'];

let n = 0;
async function helmAnnotation(values: ChecksumValues, helm: HelmMajor): Promise<string> {
  const file = path.join(work, `values-${n++}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', 'rel', path.join(work, 'checksum'), '-f', file], helm);
  if (r.code !== 0) throw new Error(r.stderr);
  return annotation(parseManifests(r.stdout) as Doc[]);
}

const base: ChecksumValues = { greeting: 'hello', replicas: 1 };

describe('the checksum annotation of another template', () => {
  it('is emitted as sha256sum of the included template, named from the function passed', () => {
    expect(deploymentText).toContain('checksum/config: {{ sha256sum (include (print $.Template.BasePath "/configmap.yaml") $) | quote }}');
  });

  it.each([4, 3] as HelmMajor[])('changes in Helm %s when a ConfigMap value changes, and only then', async (helm) => {
    const [a, again, otherGreeting, otherReplicas] = await Promise.all([
      helmAnnotation(base, helm),
      helmAnnotation(base, helm),
      helmAnnotation({ ...base, greeting: 'bonjour' }, helm),
      helmAnnotation({ ...base, replicas: 3 }, helm),
    ]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect({ again, otherReplicas }).toEqual({ again: a, otherReplicas: a });
    expect(otherGreeting).toMatch(/^[0-9a-f]{64}$/);
    expect(otherGreeting).not.toBe(a);
  }, 30_000);

  it('digests the same rendered text in Helm 4 and Helm 3', async () => {
    expect(await helmAnnotation(base, 4)).toBe(await helmAnnotation(base, 3));
  }, 30_000);

  it('changes in the TypeScript render exactly when the ConfigMap objects change', () => {
    const render = (values: ChecksumValues) =>
      annotation(renderConcrete(checksumChart, values, concreteBuiltIns(checksumChart, { name: 'rel', namespace: 'ns' })).flatMap((t) => t.documents) as Doc[]);
    expect(render({ ...base, replicas: 3 })).toBe(render(base));
    expect(render({ ...base, greeting: 'bonjour' })).not.toBe(render(base));
  });

  it('lets helmts check agree with Helm on such a chart, while any other difference still counts', async () => {
    const options = { chartDir: path.join(work, 'checksum'), workDir: work, helm: 4 as HelmMajor };
    for (const values of [base, { greeting: 'bonjour', replicas: 2 }]) {
      expect(await compareOnce(checksumChart, options, values, path.join(work, `check-${n++}.json`))).toEqual({ bothRefused: false });
    }
    // Only a digest the TypeScript render produced stands for Helm's: an ordinary hex string is compared as usual.
    const hex = 'a'.repeat(64);
    expect(firstDifference({ sum: 'b'.repeat(64) }, { sum: hex })).toMatch(/^sum: helm/);
  }, 30_000);

  it('stops the build when the function passed is not one of the chart\'s templates', () => {
    const schema = chartSchema(checksumChart, repoRoot);
    expect(() => emitTemplates({ ...checksumChart, templates: { 'configmap.yaml': configmap, 'x.yaml': strayChecksum } }, schema)).toThrow(
      /checksumOf\(\): the function is not one of the chart's templates \(configmap\.yaml, x\.yaml\)/,
    );
  });
});
