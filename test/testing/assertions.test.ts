import { compareQuantities, findDocuments, loadChart, parseQuantity, type RenderResult } from '../../src/testing';
import { decodeBase64 } from '../../src/testing/matchers/decoded-quantity-matchers';
import { expectReport, failureOf, FEATURES_CHART } from './helpers';

const chart = loadChart(FEATURES_CHART);
let out: RenderResult;

beforeAll(async () => {
  out = await chart.render({ set: { password: 'pässwörd:42' }, release: { name: 'r' } });
});

describe('toHaveDecodedValue (base64 Secret data)', () => {
  it('compares the UTF-8 text the base64 value decodes to', () => {
    const secret = out.document({ kind: 'Secret' });
    expect(secret).toHaveDecodedValue('data.password', 'pässwörd:42');
    expect(secret).toHaveDecodedValue('data.password', expect.stringMatching(/^p.*42$/));
    expect(secret).not.toHaveDecodedValue('data.password', 'cMOkc3N3w7ZyZDo0Mg=='); // the raw value is not the decoded one
    const message = failureOf(() => expect(secret).toHaveDecodedValue('data.password', 'other'));
    expectReport(message, { path: 'data.password', expected: 'base64 of "other"', actual: '"cMOkc3N3w7ZyZDo0Mg==", decoded: "pässwörd:42"' });
  });

  it('fails both forms on a value that is not strict base64, and on a missing path', () => {
    const doc = { kind: 'Secret', data: { bad: 'not base64!', unpadded: 'YWI', num: 3 } };
    expect(failureOf(() => expect(doc).toHaveDecodedValue('data.bad', 'x'))).toContain('not valid base64');
    expect(failureOf(() => expect(doc).not.toHaveDecodedValue('data.bad', 'x'))).toContain('not valid base64');
    expect(failureOf(() => expect(doc).not.toHaveDecodedValue('data.unpadded', 'x'))).toContain('not valid base64');
    expect(failureOf(() => expect(doc).not.toHaveDecodedValue('data.num', 'x'))).toContain('value is number');
    expect(failureOf(() => expect(doc).not.toHaveDecodedValue('data.nope', 'x'))).toContain('<path not found>');
    expect(decodeBase64('YWI=')).toEqual({ text: 'ab' });
    expect(decodeBase64('')).toEqual({ text: '' });
  });
});

describe('document selection by path/value (helm-unittest documentSelector)', () => {
  it('selects by any path and value, requiring matchMany for several matches', () => {
    expect(out.find({ path: 'metadata.annotations["features.example.com/password-source"]', value: 'created' })).toHaveDocuments(1);
    expect(out.find({ kind: 'Deployment', path: 'spec.template.spec.containers[0].ports[0].containerPort', value: 8080 })).toHaveDocuments(1);
    expect(() => out.find({ path: 'metadata.name', value: 'r-features' })).toThrow(/2 documents match .*pass matchMany: true/);
    const both = out.find({ path: 'metadata.name', value: 'r-features', matchMany: true });
    expect(both.map((d) => d.kind)).toEqual(['ConfigMap', 'Deployment']);
    expect(both).toHaveValue('metadata.name', 'r-features');
    // A path without a value selects the documents that have the path.
    expect(out.find({ path: 'spec.template.spec.containers', matchMany: true }).map((d) => d.kind)).toEqual(['Deployment']);
    // Values compare deeply.
    expect(out.find({ path: 'spec.selector', value: { matchLabels: { app: 'features' } } })).toHaveDocuments(1);
    // The selector fields also work in select() / document().
    expect(out.document({ path: 'data.marker', value: 'FOOTEST' })).toBeKind('ConfigMap');
  });

  it('without skipEmpty no match is an error; with it, assertions on the empty selection pass vacuously', () => {
    expect(() => out.find({ path: 'metadata.name', value: 'nope' })).toThrow(/No documents match .*skipEmpty.*\n.*Available/s);
    const none = out.find({ path: 'metadata.name', value: 'nope', skipEmpty: true });
    expect(none).toHaveLength(0);
    expect(none).toHaveValue('spec.replicas', 99);
    expect(none).not.toHaveValue('spec.replicas', 99);
    // A plain empty array still fails (a selection that matched nothing by mistake never passes).
    expect(failureOf(() => expect(out.select({ kind: 'Nope' })).toHaveValue('a', 1))).toContain('no manifest found');
    // Per template, like skipEmptyTemplates: the Secret template has no Deployment.
    const secretDeployments = findDocuments(out.template('templates/secret.yaml'), { kind: 'Deployment', skipEmpty: true });
    expect(secretDeployments).toHaveValue('spec.replicas', 1);
  });
});

describe('quantities (Kubernetes resource.Quantity semantics)', () => {
  const q = (s: string | number) => parseQuantity(s);
  const eq = (a: string | number, b: string | number) => compareQuantities(q(a), q(b));

  it('agrees with apimachinery on the forms it parses (pkg/api/resource/quantity_test.go)', () => {
    // input → the same amount written plainly
    const table: [string, string | number][] = [
      ['0', 0], ['0n', 0], ['0Ki', 0], ['0T', 0], ['.', 0], ['-.', 0],
      ['1Ki', 1024], ['7Mi', 7 * 1024 ** 2], ['6Gi', 6 * 1024 ** 3], ['5Ti', '5497558138880'], ['3Ei', '3458764513820540928'],
      ['5n', '0.000000005'], ['4u', '0.000004'], ['3m', '0.003'], ['8k', 8000], ['50k', 50000], ['7M', 7e6], ['6G', 6e9],
      ['5T', '5e12'], ['2P', '2e15'], ['1E', '1e18'], ['12E', '12e18'],
      ['1E-3', '0.001'], ['1e3', 1000], ['1.3E+6', 1300000], ['1.40e9', '1.4e9'], ['100.035k', 100035],
      ['0.0005k', '0.5'], ['0.5e-2', '0.005'], ['10.035M', 10035000], ['1.01E', '101e16'],
      ['100.035Ki', '102435.84'], ['0.5Mi', 512 * 1024], ['0.05Gi', '53687091.2'], ['.001', '1m'], ['.0001k', '100m'],
      ['1.', 1], ['1.G', '1e9'], ['+1', 1], ['-1.025Ti', '-1126999418470.4'],
      // Kubernetes rounds up to nano precision and saturates at 2^63-1.
      ['3.001n', '4n'], ['1.1E-9', '2n'], ['0.0000000001', '1n'], ['0.9n', '1n'], ['0.00000012345', '124n'],
      ['0.000000000001Ki', '2n'], ['-0.9n', '-1n'], ['9Ei', '9223372036854775807'], ['9223372036854775807Ki', '9223372036854775807'],
    ];
    for (const [input, plain] of table) expect([input, eq(input, plain)]).toEqual([input, 0]);
    expect(eq('10000T', '100Gi')).toBe(1);
    expect(eq('50m', '100m')).toBe(-1);
    expect(eq('1Gi', '1G')).toBe(1);
    expect(eq('1Gi', '1024Mi')).toBe(0);
    expect(eq('500m', 1)).toBe(-1);
    expect(eq(0.5, '500m')).toBe(0);
  });

  it('rejects what apimachinery rejects, saying what is wrong', () => {
    for (const bad of ['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '1K', '1e', '1e1.5', 'Mi', '--1', '1Gib']) {
      let message = 'accepted';
      try {
        parseQuantity(bad);
      } catch (error) {
        message = (error as Error).message;
      }
      expect([bad, message]).toEqual([bad, expect.stringContaining(`${JSON.stringify(bad)} is not a quantity`)]);
    }
    expect(() => parseQuantity('1K')).toThrow(/unknown suffix "K" \(use Ki Mi Gi/);
  });

  it('toHaveQuantity compares rendered requests and limits', () => {
    const deployment = out.document({ kind: 'Deployment' });
    const resources = 'spec.template.spec.containers[0].resources';
    expect(deployment).toHaveQuantity(`${resources}.requests.cpu`, '<', 1);
    expect(deployment).toHaveQuantity(`${resources}.requests.cpu`, '==', '0.5');
    expect(deployment).toHaveQuantity(`${resources}.limits.cpu`, '==', '1000m');
    expect(deployment).toHaveQuantity(`${resources}.requests.memory`, '==', '1024Mi');
    expect(deployment).toHaveQuantity(`${resources}.limits.memory`, '>=', '1Gi');
    expect(deployment).toHaveQuantity(`${resources}.limits.memory`, '>', '1G');
    expect(deployment).toHaveQuantity(`${resources}.limits.memory`, '!=', '1G');
    expect(deployment).not.toHaveQuantity(`${resources}.requests.cpu`, '>', '500m');
    expect(deployment).toHaveQuantity(`${resources}.*.cpu`, '<=', 1); // every selected value must hold
    const message = failureOf(() => expect(deployment).toHaveQuantity(`${resources}.requests.cpu`, '>=', 1));
    expectReport(message, { path: `${resources}.requests.cpu`, expected: 'a quantity >= 1', actual: '"500m"' });
  });

  it('toHaveQuantity fails both forms on a value that is not a quantity, and throws on a bad expectation', () => {
    const doc = { kind: 'Pod', spec: { cpu: '1 core' } };
    expect(failureOf(() => expect(doc).toHaveQuantity('spec.cpu', '<', 2))).toContain('"1 core" is not a quantity');
    expect(failureOf(() => expect(doc).not.toHaveQuantity('spec.cpu', '<', 2))).toContain('"1 core" is not a quantity');
    expect(() => expect(doc).toHaveQuantity('spec.cpu', '<', '2 cores')).toThrow(/the expected value "2 cores" is not a quantity/);
    expect(() => expect(doc).toHaveQuantity('spec.cpu', '~' as never, 2)).toThrow(/comparison "~" is not one of/);
  });
});
