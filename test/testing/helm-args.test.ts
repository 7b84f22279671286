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
});
