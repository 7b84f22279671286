import * as fc from 'fast-check';
import { loadChart } from '../../src/testing';
import { escapeSetString, setFlag, templateArgs } from '../../src/testing/helm-args';
import { BASIC_CHART } from './helpers';

describe('set → helm flags', () => {
  it('types values by their JS type', () => {
    expect(setFlag('a', 'x,y')).toEqual(['--set-string', 'a=x\\,y']);
    expect(setFlag('a', 3)).toEqual(['--set', 'a=3']);
    expect(setFlag('a', -3)).toEqual(['--set', 'a=-3']);
    expect(setFlag('a', true)).toEqual(['--set', 'a=true']);
    expect(setFlag('a', null)).toEqual(['--set', 'a=null']);
    expect(setFlag('a', 1.5)).toEqual(['--set-json', 'a=1.5']);
    expect(setFlag('a', 2 ** 60)).toEqual(['--set-json', `a=${2 ** 60}`]);
    expect(setFlag('a', ['x', { b: 1 }])).toEqual(['--set-json', 'a=["x",{"b":1}]']);
    expect(setFlag('a', undefined)).toEqual([]);
    expect(() => setFlag('a', Number.NaN)).toThrow(/cannot be passed/);
    expect(escapeSetString('{a\\b}')).toBe('\\{a\\\\b\\}');
  });

  it('builds helm template arguments with helm-unittest-like defaults', () => {
    expect(templateArgs('/c', { apiVersions: ['x/v1'], kubeVersion: '1.30.0', includeCrds: true }, '/cwd')).toEqual([
      'template', 'release-name', '/c', '--namespace', 'NAMESPACE',
      '--api-versions', 'x/v1', '--kube-version', '1.30.0', '--include-crds',
    ]);
    expect(templateArgs('/c', { values: ['v.yaml'], release: { name: 'r', namespace: 'n', upgrade: true } }, '/cwd')).toEqual([
      'template', 'r', '/c', '--namespace', 'n', '--is-upgrade', '--values', '/cwd/v.yaml',
    ]);
  });

  it('any JS string arrives in the chart unchanged (one helm run for all samples)', async () => {
    const samples = fc.sample(fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\0')), { numRuns: 40, seed: 42 });
    samples.push('a,b', '{x,y}', 'true', '0', '010', 'null', '\\', '=', '[0]', ' spaced ');
    const set = Object.fromEntries(samples.map((s, i) => [`echo.s${i}`, s]));
    const out = await loadChart(BASIC_CHART).render({ set });
    const echoed = JSON.parse(out.document({ kind: 'ConfigMap' }).data.json) as Record<string, string>;
    samples.forEach((s, i) => expect(echoed[`s${i}`]).toBe(s));
  });

  it('refuses a set key helm would read as another key or none (empty, an empty segment, an unescaped "," or "="), naming it', () => {
    for (const key of ['', '.a', 'a.', 'a..b', 'a,b', 'a=b']) expect(() => setFlag(key, 1)).toThrow(new RegExp(`^set\\[${JSON.stringify(key).replace(/[.\\[\]]/g, '\\$&')}\\]: `));
    expect(() => setFlag('', 1)).toThrow('set[""]: an empty key sets nothing in helm');
    expect(setFlag('a\\.b', 1)).toEqual(['--set', 'a\\.b=1']);
    expect(setFlag('a\\,b', 1)).toEqual(['--set', 'a\\,b=1']);
  });

  it('refuses a value inside an object or list that JSON would change or cannot write (NaN, BigInt, a Date, undefined in a list)', () => {
    expect(() => setFlag('a', { b: Number.NaN })).toThrow('set["a"]: the value.b is NaN, which JSON (so helm) cannot carry');
    expect(() => setFlag('a', { b: [1, 2n] })).toThrow('set["a"]: the value.b[1] is a bigint, which cannot be passed to helm');
    expect(() => setFlag('a', 3n)).toThrow('set["a"]: a bigint cannot be passed to helm');
    expect(() => setFlag('a', { when: new Date(0) })).toThrow('set["a"]: the value.when is a Date, not a plain object');
    expect(() => setFlag('a', [1, undefined])).toThrow('set["a"]: the value[1] is undefined, which JSON turns into null');
    class Limits {
      cpu = '1';
    }
    expect(() => setFlag('a', { l: new Limits() })).toThrow('set["a"]: the value.l is a Limits, not a plain object');
    // Plain objects of another realm (structuredClone's, vm contexts' such as Jest's) are plain data too.
    expect(setFlag('a', structuredClone({ cpu: '500m' }))).toEqual(['--set-json', 'a={"cpu":"500m"}']);
    expect(setFlag('a', require('node:vm').runInNewContext('({ cpu: "500m", l: [{ x: 1 }] })'))).toEqual(['--set-json', 'a={"cpu":"500m","l":[{"x":1}]}']);
    expect(setFlag('a', Object.assign(Object.create(null), { x: 1 }))).toEqual(['--set-json', 'a={"x":1}']);
  });

  it('an escaped "." in a set key reaches the chart as one key, and render refuses a bad key before running helm', async () => {
    const chart = loadChart(BASIC_CHART);
    const out = await chart.render({ set: { 'echo.kubernetes\\.io/role': 'x' } });
    expect(JSON.parse(out.document({ kind: 'ConfigMap' }).data.json)).toEqual(expect.objectContaining({ 'kubernetes.io/role': 'x' }));
    await expect(chart.render({ set: { '': 1 } })).rejects.toThrow('set[""]: an empty key sets nothing in helm');
    await expect(chart.render({ set: { replicas: 3n } as never })).rejects.toThrow('set["replicas"]: a bigint cannot be passed to helm');
  });
});
