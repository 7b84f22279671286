/** values.yaml comments: a field's own doc comment, its type's comment once, and `@example` lines under `{}` / `[]`. */
import { parse } from 'yaml';
import type { JsonSchema } from '../../src/generator';
import { writeValuesYaml } from '../../src/generator/values-yaml';

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
