import * as fc from 'fast-check';
import { evaluatePath, toJsonPath } from '../../src/testing';
import { stableStringify } from '../../src/testing/fingerprint';
import { removePath } from '../../src/testing/path';
import { pointerToPath } from '../../src/testing/validate-documents';

const doc = {
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'hw' }, empty: null },
  spec: { ports: [{ name: 'http-a', port: 80 }, { name: 'http-b', port: 81 }] },
};

describe('helm-unittest paths', () => {
  it('translates to JSONPath by prefixing $', () => {
    expect(toJsonPath('a.b[0].c')).toBe('$.a.b[0].c');
    expect(toJsonPath('metadata.labels["app.kubernetes.io/name"]')).toBe('$.metadata.labels["app.kubernetes.io/name"]');
    expect(toJsonPath('[0].a')).toBe('$[0].a');
    expect(toJsonPath('')).toBe('$');
    expect(toJsonPath('$.already')).toBe('$.already');
  });

  it('evaluates dots, indexes, quoted keys, filters and wildcards', () => {
    const values = (p: string) => evaluatePath(doc, p).map((m) => m.value);
    expect(values('metadata.name')).toEqual(['web']);
    expect(values('spec.ports[1].port')).toEqual([81]);
    expect(values('metadata.labels["app.kubernetes.io/name"]')).toEqual(['hw']);
    expect(values('spec.ports[?(@.name == "http-a")].port')).toEqual([80]);
    expect(values('spec.ports[*].name')).toEqual(['http-a', 'http-b']);
    expect(values('metadata.empty')).toEqual([null]);
    expect(values('metadata.missing')).toEqual([]);
    expect(evaluatePath(doc, 'spec.ports[0]')[0].pointer).toBe('/spec/ports/0');
  });

  it('removes selected nodes from a copy (snapshot ignore)', () => {
    const copy = structuredClone(doc);
    expect(removePath(copy, 'metadata.labels["app.kubernetes.io/name"]')).toBe(1);
    expect(removePath(copy, 'spec.ports[*]')).toBe(2);
    expect(copy).toEqual({ metadata: { name: 'web', labels: {}, empty: null }, spec: { ports: [] } });
    expect(removePath(copy, 'does.not.exist')).toBe(0);
  });

  it('turns schema error pointers into helm-unittest paths', () => {
    expect(pointerToPath('/spec/template/spec/containers/0/ports/1/containerPort')).toBe(
      'spec.template.spec.containers[0].ports[1].containerPort',
    );
    expect(pointerToPath('/metadata/labels/app.kubernetes.io~1name')).toBe('metadata.labels["app.kubernetes.io/name"]');
  });

  it('stableStringify ignores key order at every level', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue())), (obj) => {
        const reversed = Object.fromEntries(
          Object.entries(obj)
            .reverse()
            .map(([k, v]) => [k, Object.fromEntries(Object.entries(v).reverse())]),
        );
        return stableStringify(reversed) === stableStringify(obj);
      }),
    );
  });
});
