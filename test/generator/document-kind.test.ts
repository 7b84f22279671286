/**
 * What a template may return as a document (default-deny): model objects and untyped() ones. A plain object
 * stops the build, naming the template and, when a model is installed, the class to use; so do a document
 * without apiVersion/kind and a string. An untyped() object is emitted as written and rendered by Helm 4 and 3,
 * and the test toolkit lists it as unvalidated.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateChart, writeFiles, type ChartDefinition } from '../../src/generator';
import { loadChart } from '../../src/testing';
import * as fixtures from './fixtures/charts/documents/chart';

const repoRoot = path.resolve(__dirname, '..', '..');
const build = (def: ChartDefinition<unknown>) => () => generateChart(def, { repoRoot, chartDir: def.name });

describe('documents a template returns', () => {
  it('refuses a plain object of a kind that has a model, naming the template and the model class', () => {
    expect(build(fixtures.plainWithModel as ChartDefinition<unknown>)).toThrow(
      "templates/doc.yaml: ConfigMap (v1) is a plain object, but it has a model: build it with new ConfigMap({ … }) from 'kubernetes-models/v1/ConfigMap'",
    );
  });

  it('refuses a plain object of a kind no installed model describes, pointing at import-crd and untyped()', () => {
    expect(build(fixtures.plainCustom as ChartDefinition<unknown>)).toThrow(
      /^templates\/doc\.yaml: Widget \(example\.com\/v1\) is a plain object and no installed model describes it: .*helmts import-crd.*untyped\(\{ … \}\)/,
    );
  });

  it('refuses a document without apiVersion and kind, and a string', () => {
    expect(build(fixtures.noKind as ChartDefinition<unknown>)).toThrow('templates/doc.yaml: a template returned a document without apiVersion and kind strings');
    expect(build(fixtures.text as ChartDefinition<unknown>)).toThrow(/^templates\/doc\.yaml: a template returned a value as a document/);
  });

  it('refuses a plain object inside a list or a condition too', () => {
    expect(build(fixtures.plainInList as ChartDefinition<unknown>)).toThrow("templates/doc.yaml: Secret (v1) is a plain object, but it has a model: build it with new Secret({ … }) from 'kubernetes-models/v1/Secret'");
  });

  describe.each([4, 3] as const)('an untyped() object on Helm %d', (helm) => {
    let work: string;
    beforeAll(() => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'documents-'));
      writeFiles(work, ['accepted'], generateChart(fixtures.accepted, { repoRoot, chartDir: 'accepted' }).files);
    });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    it('is emitted as written next to model objects, and left unvalidated by the toolkit', async () => {
      const out = await loadChart(path.join(work, 'accepted')).render({ helm, set: { name: 'shop' } });
      expect(out.document({ kind: 'Widget' })).toHaveValue('spec.size', 3);
      expect(out.document({ kind: 'Widget' })).toHaveValue('metadata.name', 'shop');
      expect(out.document({ kind: 'Service' })).toHaveValue('spec.ports[0].port', 80);
      expect(out.unvalidated).toEqual(['Widget/shop (example.com/v1)']);
    });
  });
});
