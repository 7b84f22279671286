import { coalesceAll, coalesceValues } from '../../src/values/coalesce-values';

describe('coalesceValues', () => {
  it('merges maps key by key', () => {
    expect(coalesceValues({ a: { x: 1, y: 2 } }, { a: { y: 3 } })).toEqual({ a: { x: 1, y: 3 } });
  });

  it('replaces lists rather than merging them', () => {
    expect(coalesceValues({ list: [1, 2, 3] }, { list: [9] })).toEqual({ list: [9] });
  });

  it('deletes a key set to null', () => {
    expect(coalesceValues({ a: { x: 1, y: 2 } }, { a: { x: null } })).toEqual({ a: { y: 2 } });
  });

  it('applies layers in order, the last one winning', () => {
    expect(coalesceAll({ a: 1 }, [{ a: 2 }, { a: 3 }])).toEqual({ a: 3 });
  });

  it('leaves its inputs unchanged', () => {
    const base = { a: { x: 1 } };
    coalesceValues(base, { a: { x: 2 } });
    expect(base).toEqual({ a: { x: 1 } });
  });
});
