import { parse } from 'yaml';
import { kubeYamlOptions } from '../../src/testing/kube-yaml';

const read = (scalar: string) => (parse(`k: ${scalar}`, kubeYamlOptions) as { k: unknown }).k;

describe('kubeYamlOptions (YAML as go-yaml v2 reads it)', () => {
  it.each([
    ['on', true],
    ['no', false],
    ['0777', 511],
    ['1_000', 1000],
    ['1e3', 1000],
    ['.5e1', 5],
    ['1.5', 1.5],
  ])('reads %s as %p, as YAML 1.1 does', (scalar, value) => {
    expect(read(scalar)).toBe(value);
  });

  it.each(['e0', 'E5', '1:20', '2001-12-14'])('keeps %s a string, where the yaml library’s 1.1 schema would not', (scalar) => {
    expect(read(scalar)).toBe(scalar);
  });
});
