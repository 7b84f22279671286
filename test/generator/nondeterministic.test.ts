/**
 * Sprig's nondeterministic functions on BuiltIns (`b.randAlphaNum(5)`, `b.uuidv4()`, `b.date(layout, b.now())`,
 * `b.htpasswd`, …): the TypeScript render gives a wildcard of each function's shape, and the comparison `helmts check`
 * uses (`firstDifference`) accepts exactly the strings of that shape. Proof against real Helm 4 and 3: several
 * renders (each with new random values) all agree with the one TypeScript render, and a value of the wrong shape
 * in any of those places is a difference.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { firstDifference, withoutEmptyKeys } from '../../src/check/differential';
import { concreteBuiltIns, concreteRandom, contains, generateChart, renderConcrete, writeFiles } from '../../src/generator';
import { dateParts, wildcard, wildcardPattern } from '../../src/generator/nondeterministic';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { runHelm } from '../../src/helm/run-helm';
import { documentInfo } from '../../src/testing/document-info';
import { parseManifests } from '../../src/testing/parse-manifests';
import { randomChart } from './fixtures/charts/random/chart';
import type { RandomValues } from './fixtures/charts/random/values';

const repoRoot = path.resolve(__dirname, '..', '..');
let work: string;
let chartDir: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'nondeterministic-'));
  writeFiles(work, ['random'], generateChart(randomChart, { repoRoot, chartDir: 'random' }).files);
  chartDir = path.join(work, 'random');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Doc = Record<string, unknown>;

async function helm(values: RandomValues, major: HelmMajor): Promise<Record<string, Doc[]>> {
  const file = path.join(work, `values-${major}-${values.passwordLength}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', 'rel', chartDir, '-n', 'ns', '-f', file], major);
  if (r.code !== 0) throw new Error(r.stderr);
  const out: Record<string, Doc[]> = {};
  for (const doc of parseManifests(r.stdout) as Doc[]) (out[documentInfo(doc)!.template] ??= []).push(doc);
  return out;
}

/** What `helmts check` reports for one template: undefined when Helm's documents agree with the TypeScript render. */
function difference(actual: Doc[], expected: Doc[]): string | undefined {
  return firstDifference(withoutEmptyKeys(actual), withoutEmptyKeys(expected));
}

const concrete = (values: RandomValues) => renderConcrete(randomChart, values, concreteBuiltIns(randomChart, { name: 'rel', namespace: 'ns' }));

describe('nondeterministic functions', () => {
  it('emits the sprig calls', () => {
    const files = generateChart(randomChart, { repoRoot, chartDir: 'random' }).files;
    const text = files.map((f) => f.content).join('\n');
    for (const call of [
      'printf "%v-test-%v" .Release.Name (lower (randAlphaNum 5))',
      'b64enc (randAlphaNum (int .Values.passwordLength))',
      'htpasswd .Values.user (randAscii 12)',
      'date "2006-01-02" (now)',
      'unixEpoch (now)',
      'trunc 12 (printf "%v-%v" .Release.Name (uuidv4))',
    ]) {
      expect(text).toContain(call);
    }
  });

  it.each([4, 3] as HelmMajor[])('agrees, on every render of Helm %s, with the one TypeScript render', async (major) => {
    for (const values of [randomChart.defaults, { passwordLength: 40, user: 'ops' }]) {
      const expected = concrete(values);
      const names = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const rendered = await helm(values, major);
        for (const { template, documents } of expected) {
          expect({ template, difference: difference(rendered[template] ?? [], documents) }).toEqual({ template, difference: undefined });
        }
        names.add((rendered['templates/tests/test-connection.yaml'][0].metadata as { name: string }).name);
      }
      // The values really are random (so only a wildcard can agree): three renders, three test pod names.
      expect(names.size).toBe(3);
    }
  }, 60_000);

  it('finds a value of the wrong shape in each place a wildcard stands', async () => {
    const values = randomChart.defaults;
    const rendered = await helm(values, 4);
    const expected = Object.fromEntries(concrete(values).map((t) => [t.template, t.documents]));
    const wrong: Array<[string, (d: Doc) => void]> = [
      ['templates/tests/test-connection.yaml', (d) => ((d.metadata as Doc).name = 'rel-test-ABCDE')], // not lowered
      ['templates/tests/test-connection.yaml', (d) => ((d.metadata as Doc).name = 'rel-test-abcd')], // 4, not 5
      ['templates/tests/test-connection.yaml', (d) => ((d.metadata as Doc).name = 'other-test-abcde')], // literal part
      ['templates/secret.yaml', (d) => ((d.data as Doc).password = Buffer.from('x'.repeat(15)).toString('base64'))],
      ['templates/secret.yaml', (d) => ((d.data as Doc).pin = Buffer.from('12a4').toString('base64').slice(0, -1))],
      ['templates/secret.yaml', (d) => ((d.stringData as Doc).htpasswd = 'root:$2a$10$' + 'a'.repeat(53))],
      ['templates/secret.yaml', (d) => ((d.stringData as Doc).hash = '$2a$10$' + 'a'.repeat(52))],
      ['templates/stamps.yaml', (d) => (((d.metadata as Doc).annotations as Doc)['example.com/id'] = '1cfcc283-38d8-1400-b9cd-3a702e4e5781')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).day = '2026-1-07')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).rfc3339 = '2026-12-07 23:53:21Z')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).compact = 'build-2026120723532')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).epoch = '17966x7601')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).letters = 'KbR')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).short = 'rel-ad4b50d7x')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).digest = 'be1ed8')],
      ['templates/stamps.yaml', (d) => ((d.data as Doc).now = 'yesterday')],
    ];
    for (const [template, spoil] of wrong) {
      const docs = structuredClone(rendered[template]);
      expect(difference(docs, expected[template])).toBeUndefined();
      spoil(docs[0]);
      expect({ template, spoiled: docs[0], found: difference(docs, expected[template]) !== undefined }).toMatchObject({ found: true });
    }
  }, 30_000);

  it('says in the difference what shape it expected', () => {
    const expected = { name: `rel-test-${concreteRandom().randAlphaNum(5)}` };
    expect(firstDifference({ name: 'rel-test-ab' }, expected)).toBe('name: helm "rel-test-ab", TypeScript any value of the form ^rel-test-[0-9A-Za-z]{5}$');
  });

  it('reads Go date layouts as Go does', () => {
    const matches = (layout: string, text: string) => wildcardPattern(wildcard(dateParts(layout))).test(text);
    expect(matches('2006-01-02T15:04:05.000Z07:00', '2026-12-07T23:53:21.339+01:00')).toBe(true);
    expect(matches('2006-01-02T15:04:05.000Z07:00', '2026-12-07T23:53:21.339Z')).toBe(true);
    expect(matches('Jan _2 15:04:05.999', 'Dec  7 23:53:21.3')).toBe(true);
    expect(matches('Jan _2 15:04:05.999', 'Dec  7 23:53:21')).toBe(true);
    expect(matches('3:04PM', '11:53PM')).toBe(true);
    expect(matches('3:04PM', '11:53XM')).toBe(false);
    // `Month` is not a layout word (a lowercase letter follows `Mon`): it is literal text.
    expect(matches('Month 01', 'Month 12')).toBe(true);
    expect(matches('Month 01', 'Tueth 12')).toBe(false);
  });

  it('stops the TypeScript render where a random value would decide something', () => {
    expect(() => contains('a', concreteRandom().randAlphaNum(5))).toThrow(/contains\(\) of a value only Helm knows \(randAlphaNum, uuidv4, now, …: '…'\)/);
  });
});
