/**
 * Differential property test of the values reader against real Helm: generated YAML scalars
 * (numbers in every base and spelling, YAML 1.1 booleans, nulls, times, dates, quoted and plain)
 * are written as one values file, read by `parseValuesFile` and by Helm, which prints
 * `toJson .Values` from a one-template chart. Each Helm version renders the whole batch once.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHelm } from '../../src/helm/run-helm';
import { parseValuesFile } from '../../src/values/values-file';

const digits = fc.stringMatching(/^[0-9]{1,4}$/);
const sign = fc.constantFrom('', '+', '-');
const plain: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'e80', 'E5', '1e3', '1E3', '1e+3', '1.5e-3', '1.e3', '.5e2', '0x1F', '0X1f', '0o17', '017', '0178', '08', '0', '-0',
    '1_000', '1__0', '0b101', '0b', '.5', '5.', '+1', '+.5', '-.5', '1.0', '1:20', '12:30', '1:20:30', '190:20:30.15',
    '~', 'null', 'Null', 'NULL', 'nULL', 'yes', 'Yes', 'YES', 'yEs', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
    'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 -5', '2002-12-14T00:00:00Z', '1.2.3', '1e', 'e', '.', '0x', '0xG', '9999999999999999999',
    '123456789012345678', '-9223372036854775808', '1e500', '-1e500', '1e-500', '1_0.5', '0.1_0', 'v1', 'http-80', 'a b', '=', '<<',
  ),
  fc.tuple(sign, digits, fc.constantFrom('', '.', '.5', '_0'), fc.constantFrom('', 'e1', 'E-2', 'e+07')).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('0x', '0o', '0', '0b'), digits).map((p) => p.join('')),
);
/** A scalar as it appears in a values file: plain, single- or double-quoted. */
const scalar = fc.oneof(
  { weight: 4, arbitrary: plain },
  { weight: 1, arbitrary: plain.map((s) => `'${s}'`) },
  { weight: 1, arbitrary: plain.map((s) => `"${s}"`) },
);

const scalars = fc.sample(scalar, { seed: 20261202, numRuns: 400 });
const valuesText = scalars.map((s, i) => `k${i}: ${s}\n`).join('');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-yaml-'));
  fs.mkdirSync(path.join(dir, 'chart', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: scalars\nversion: 0.1.0\n');
  fs.writeFileSync(
    path.join(dir, 'chart', 'templates', 'values.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  json: {{ toJson .Values | b64enc | quote }}\n',
  );
  fs.writeFileSync(path.join(dir, 'values.yaml'), valuesText);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function helmValues(major: 3 | 4): Promise<Record<string, unknown>> {
  const r = await runHelm(['template', 'x', path.join(dir, 'chart'), '-f', path.join(dir, 'values.yaml')], major);
  if (r.code !== 0) throw new Error(r.stderr);
  const b64 = /json: "([^"]*)"/.exec(r.stdout)?.[1] ?? '';
  return JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as Record<string, unknown>;
}

describe.each([4, 3] as const)('values files read as Helm %i reads them', (major) => {
  it(`reads ${scalars.length} generated scalars exactly as Helm does`, async () => {
    const helm = await helmValues(major);
    const ours = parseValuesFile('values.yaml', valuesText);
    expect(ours.textProblems).toEqual([]);
    const disagree = scalars
      .map((s, i) => ({ scalar: s, helm: helm[`k${i}`], ours: ours.values[`k${i}`] }))
      .filter((x) => JSON.stringify(x.helm) !== JSON.stringify(x.ours));
    expect(disagree).toEqual([]);
  }, 60_000);
});
