/** values.yaml comments: a field's own doc comment, its type's comment once, and `@example` lines under `{}` / `[]`. */
import { parse } from 'yaml';
import type { JsonSchema } from '../../src/generator';
import { readBackValuesYaml, writeValuesYaml } from '../../src/generator/values-yaml';
import { goYamlBreaks, goYamlOptions } from '../../src/values/go-yaml';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    first: { $ref: '#/definitions/Context' },
    second: { $ref: '#/definitions/Context' },
    own: { $ref: '#/definitions/Context', description: 'The field says this.' },
    volumes: { type: 'array', items: {}, examples: [[{ name: 'foo', emptyDir: {} }]] },
    context: { type: 'object', examples: [{ fsGroup: 2000 }] },
    tag: { type: 'string', examples: ['v1'] },
  },
  definitions: { Context: { type: 'object', description: 'What the type says.' } },
};
const defaults = { first: {}, second: {}, own: {}, volumes: [], context: {}, tag: '' };
const text = writeValuesYaml(defaults, schema, ['header']);

describe('values.yaml comments', () => {
  it('writes a type comment at its first use only, and a field comment instead of it', () => {
    expect(text.match(/# What the type says\./g)).toHaveLength(1);
    expect(text).toContain('# What the type says.\nfirst: {}');
    expect(text).toContain('# The field says this.\nown: {}');
  });

  it('writes @example of a field whose default is {} or [] as commented lines under it, as helm create does', () => {
    expect(text).toContain('volumes: []\n  # - name: foo\n  #   emptyDir: {}\n');
    expect(text).toContain('context: {}\n  # fsGroup: 2000\n');
    expect(text).not.toContain('# v1');
  });

  it('keeps the defaults as the document', () => {
    expect(parse(text)).toEqual(defaults);
  });
});

describe('values.yaml as Helm reads it', () => {
  const open: JsonSchema = { type: 'object', additionalProperties: true };
  const words = { n: 'y', yes: 'no', on: 'off', a: 'N', b: '1_000', c: '0X1F', d: '0o17', e: '~', f: 'null', g: '', h: '12:30', i: 'True' };
  const breaks = { nel: 'a\u0085b', ls: 'c\u2028d', ps: 'e\u2029 f' };
  const numbers = { million: 1000000, big: 2 ** 53 + 2, small: 0.00001 };

  it.each([
    ['YAML 1.1 words, and keys named like them', words],
    ['NEL, LS and PS inside strings', breaks],
    ['large and small numbers', numbers],
  ])('quotes %s so that go-yaml reads back the defaults', (_name, defaults) => {
    const written = writeValuesYaml(defaults, open, ['h']);
    expect(parse(goYamlBreaks(written), goYamlOptions)).toEqual(defaults);
    expect(readBackValuesYaml('t', written, defaults, open)).toBe(written);
  });

  it('stops the build when the defaults, as Helm reads them, fail the chart schema', () => {
    const strict: JsonSchema = { type: 'object', properties: { port: { type: 'integer', maximum: 10 } } };
    expect(() => readBackValuesYaml('t', 'port: 99\n', { port: 99 }, strict)).toThrow(/do not pass the chart's own schema[\s\S]*port/);
  });

  it('stops the build when values.yaml would read back as something else', () => {
    expect(() => readBackValuesYaml('t', 'tag: yes\n', { tag: 'yes' }, open)).toThrow(/\.tag reads as true, the default is "yes"/);
  });
});
