/**
 * helm-unittest paths are evaluated as vmware-labs/yaml-jsonpath v0.3.2 does (yaml-path.ts). The
 * expected results are the cases of yaml-jsonpath's own pkg/yamlpath/path_test.go (`TestFind`),
 * on its document; each case also records what jsonpath-plus (the toolkit's `toEach…` matchers)
 * returns, so the differences between the two dialects are explicit.
 */
import { evaluatePath } from '../../../src/testing';
import { findYamlPath, UnsupportedPathError } from '../../../src/testing/unittest/yaml-path';

const book = (category: string, author: string, title: string, price: number, isbn?: string) => ({ category, author, title, ...(isbn ? { isbn } : {}), price });
const BOOKS = [
  book('reference', 'Nigel Rees', 'Sayings of the Century', 8.95),
  book('fiction', 'Evelyn Waugh', 'Sword of Honour', 12.99),
  book('fiction', 'Herman Melville', 'Moby Dick', 8.99, '0-553-21311-3'),
  book('fiction', 'J. R. R. Tolkien', 'The Lord of the Rings', 22.99, '0-395-19395-8'),
];
/** path_test.go `TestFind`'s document. */
const DOC = {
  store: { book: BOOKS, bicycle: { color: 'red', price: 19.95 }, 'feather duster': { price: 9.95 } },
  x: [{ y: [{ z: 1, w: 2 }] }, { y: [{ z: 3, w: 4 }] }],
  'test~': 'hello world',
  test: 'this is a test',
};
const plus = (doc: unknown, path: string) => {
  try {
    return evaluatePath(doc, path).map((m) => m.value);
  } catch {
    return 'error';
  }
};

describe('helm-unittest paths (yaml-jsonpath)', () => {
  it.each([
    ['store.book[0].title', ['Sayings of the Century']],
    ['$.store.*.color', ['red']],
    ["$['store.book']", []],
    ["$.store['feather duster'].price", [9.95]],
    ['$..price', [8.95, 12.99, 8.99, 22.99, 19.95, 9.95]],
    ['$.store.book[-1:]', [BOOKS[3]]],
    ['$.store.book[::-1]', [...BOOKS].reverse()],
    ['$.store.book[0:3:2]', [BOOKS[0], BOOKS[2]]],
    ['$.store.book[99]', []],
    ['$.store.book[?(@.price > 8.98)]', BOOKS.slice(1)],
    ['$.store.book[?(@.price > $.store.bicycle.price)]', [BOOKS[3]]],
    ['$.x[?(@.y[?(@.z==1)].w==2)]', [DOC.x[0]]],
    ['$.store.book[?(!@.isbn)]', BOOKS.slice(0, 2)],
  ])('%s selects what yaml-jsonpath’s own tests expect', (path, expected) => {
    expect(findYamlPath(DOC, path)).toEqual(expected);
  });

  it.each([
    ['$..[1].key', { k: [{ key: 'some value' }, { key: 42 }], kk: [[{ key: 100 }, { key: 200 }, { key: 300 }], [{ key: 400 }, { key: 500 }, { key: 600 }]], key: [0, 1] }, [42, 200, 500]],
    ['$..[?(@.key>=500)]', { k: [{ key: 'some value' }, { key: 42 }], kk: [[{ key: 100 }, { key: 200 }, { key: 300 }], [{ key: 400 }, { key: 500 }, { key: 600 }]], key: [0, 1] }, [{ key: 500 }, { key: 600 }]],
    [`$[':@."$,*\\'\\\\']`, { ':@."$,*\'\\': 42 }, [42]],
    ['$[?(@.a==true)]', [{ a: true, b: 1 }, { a: 'true', b: 2 }], [{ a: true, b: 1 }]],
    ['$[?(@.a==null)]', [{ a: null, b: 1 }, { a: 'null', b: 2 }], [{ a: null, b: 1 }]],
    ['$[?(@.a!=42)]', [{ a: '42', b: 1 }], [{ a: '42', b: 1 }]],
    ['$[?(@>=42)]', [0, 42, 100], [42, 100]],
    ['$[?(@==-42E-1)]', [0, -4.2, 100], [-4.2]],
    ['$[?(true)]', [0], [0]],
  ])('%s on its own input selects what yaml-jsonpath’s tests expect', (path, doc, expected) => {
    expect(findYamlPath(doc, path)).toEqual(expected);
  });

  it('rejects what yaml-jsonpath rejects: a space in a dotted name, a wildcard in a union, an empty subscript', () => {
    expect(() => findYamlPath(DOC, '$.store.feather duster.price')).toThrow(/invalid path/);
    expect(() => findYamlPath(['a'], '$[*,1,0,*]')).toThrow(/wildcard cannot be used in union/);
    expect(() => findYamlPath(DOC, '$.store.book[]')).toThrow(/subscript missing/);
    expect(() => findYamlPath(DOC, '$.')).toThrow(/child name missing/);
  });

  it('refuses the property-name operator ~ by name', () => {
    expect(() => findYamlPath(DOC, '$.store~')).toThrow(UnsupportedPathError);
    expect(() => findYamlPath(DOC, "$.store['book']~")).toThrow(UnsupportedPathError);
  });

  it('reads the syntax the vendored suites use: dotted names with - and /, quoted keys with dots, indexes', () => {
    const doc = { metadata: { labels: { 'app.kubernetes.io/name': 'a', 'release-name': 'b' } }, spec: { tls: [{ hosts: ['h0', 'h1'] }] } };
    expect(findYamlPath(doc, 'metadata.labels["app.kubernetes.io/name"]')).toEqual(['a']);
    expect(findYamlPath(doc, 'metadata.labels.release-name')).toEqual(['b']);
    expect(findYamlPath(doc, 'spec.tls[0].hosts[1]')).toEqual(['h1']);
    expect(findYamlPath(doc, 'spec.tls[0].hosts[2]')).toEqual([]);
    for (const p of ['metadata.labels["app.kubernetes.io/name"]', 'metadata.labels.release-name', 'spec.tls[0].hosts[1]']) expect(plus(doc, p)).toEqual(findYamlPath(doc, p));
  });

  describe('where jsonpath-plus (the toEach… matchers) differs', () => {
    it('filters compare typed values: a string never equals a number (jsonpath-plus: JavaScript ==)', () => {
      const ports = { ports: [{ port: 80 }, { port: '80' }] };
      expect(findYamlPath(ports, "ports[?(@.port == '80')]")).toEqual([{ port: '80' }]);
      expect(plus(ports, "ports[?(@.port == '80')]")).toEqual([{ port: 80 }, { port: '80' }]);
    });

    it('a filter on a mapping tests the mapping itself (jsonpath-plus: its values)', () => {
      expect(findYamlPath(DOC, '$.store.bicycle[?(@.color == "red")]')).toEqual([DOC.store.bicycle]);
      expect(plus(DOC, '$.store.bicycle[?(@.color == "red")]')).toEqual([]);
    });

    it('a dotted name may hold a space-free run of any characters but the separators (jsonpath-plus reads ^ and @ as operators)', () => {
      const doc = { a: { 'x^y': 1 } };
      expect(findYamlPath(doc, 'a.x^y')).toEqual([1]);
      expect(plus(doc, 'a.x^y')).not.toEqual([1]);
    });

    it('script expressions are not paths: @.name.length is a child named length (jsonpath-plus evaluates JavaScript)', () => {
      const doc = { items: [{ name: 'abcd' }, { name: 'ab' }] };
      expect(findYamlPath(doc, 'items[?(@.name.length > 3)]')).toEqual([]);
      expect(plus(doc, 'items[?(@.name.length > 3)]')).toEqual([{ name: 'abcd' }]);
    });
  });
});
