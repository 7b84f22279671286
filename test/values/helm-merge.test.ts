import { helmMergedValues } from '../../src/values/helm-merge';

describe('helmMergedValues', () => {
  it('merges a file map over the defaults key by key', () => {
    expect(helmMergedValues({ app: { name: 'a', replicas: 1 } }, [{ app: { replicas: 3 } }])).toEqual({
      app: { name: 'a', replicas: 3 },
    });
  });

  it('lets a later file win over an earlier one', () => {
    expect(helmMergedValues({}, [{ app: { replicas: 2 } }, { app: { replicas: 3 } }])).toEqual({ app: { replicas: 3 } });
  });

  it('replaces a list whole instead of merging its items', () => {
    expect(helmMergedValues({ hosts: ['a', 'b', 'c'] }, [{ hosts: ['z'] }])).toEqual({ hosts: ['z'] });
  });

  it('does not fill list items from the default list', () => {
    const defaults = { namespaces: [{ name: 'default', create: false }] };
    expect(helmMergedValues(defaults, [{ namespaces: [{ name: 'foo' }] }])).toEqual({ namespaces: [{ name: 'foo' }] });
  });

  it('deletes a key the defaults have when a file sets it to null', () => {
    expect(helmMergedValues({ app: { name: 'a', replicas: 1 } }, [{ app: { replicas: null } }])).toEqual({ app: { name: 'a' } });
  });

  it('keeps null for a key the defaults do not have', () => {
    expect(helmMergedValues({ app: { requests: {} } }, [{ app: { limits: null } }])).toEqual({ app: { requests: {}, limits: null } });
  });

  it('keeps a null a later file sets over an earlier file when the defaults lack the key', () => {
    expect(helmMergedValues({}, [{ limits: { cpu: '1' } }, { limits: { cpu: null } }])).toEqual({ limits: { cpu: null } });
  });

  it('lets a later file set a key an earlier file deleted with null', () => {
    expect(helmMergedValues({ app: { replicas: 1 } }, [{ app: { replicas: null } }, { app: { replicas: 3 } }])).toEqual({
      app: { replicas: 3 },
    });
  });

  it('keeps a scalar a file sets over a default map', () => {
    expect(helmMergedValues({ app: { name: 'a' } }, [{ app: 5 }])).toEqual({ app: 5 });
  });

  it('leaves its inputs unchanged', () => {
    const defaults = { app: { name: 'a', tags: ['x'] } };
    const file = { app: { name: null, more: { y: 1 } } };
    const merged = helmMergedValues(defaults, [file]) as { app: { more: { y: number } } };
    merged.app.more.y = 2;
    expect([defaults, file]).toEqual([{ app: { name: 'a', tags: ['x'] } }, { app: { name: null, more: { y: 1 } } }]);
  });
});
