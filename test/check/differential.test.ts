/** How `helmts check` compares a helm document with the TypeScript one. */
import { firstDifference, withoutEmptyKeys } from '../../src/check/differential';

describe('withoutEmptyKeys', () => {
  it('treats a key whose value is null, {} or [] as no key (a `with` block omits it)', () => {
    const ts = { metadata: { name: 'a', annotations: {} }, spec: { tolerations: [], affinity: null, replicas: 0, paused: false, note: '' } };
    const helm = { metadata: { name: 'a' }, spec: { replicas: 0, paused: false, note: '' } };
    expect(firstDifference(withoutEmptyKeys(helm), withoutEmptyKeys(ts))).toBeUndefined();
  });

  it('drops only keys that are empty as written: an emptied parent is still a difference', () => {
    expect(withoutEmptyKeys({ volume: { emptyDir: {} } })).toEqual({ volume: {} });
    expect(firstDifference(withoutEmptyKeys({}), withoutEmptyKeys({ volume: { emptyDir: {} } }))).toMatch(/^volume: helm undefined, TypeScript \{\}$/);
  });

  it('keeps list items, empty ones included, in order', () => {
    expect(withoutEmptyKeys({ items: [{}, { a: [] , b: 1 }, null] })).toEqual({ items: [{}, { b: 1 }, null] });
  });
});
