/**
 * The runtime backstop: a stand-in for a value only Helm knows cannot be read by JavaScript's own machinery
 * (coercion, toString/valueOf/toJSON, iteration, use as a property key, `then`, `in`, writes, enumeration):
 * each stops the build instead of answering once, at the chart's own line. (The static analysis refuses these
 * constructs first; this is what happens if something slips past it.)
 */
import * as path from 'node:path';
import { exprOf, symbolicValues } from '../../src/generator/symbolic';
import type { JsonSchema } from '../../src/generator';
import * as misuse from './fixtures/stand-ins/misuse';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    count: { type: 'integer' }, name: { type: 'string' }, items: { type: 'array', items: { type: 'string' } },
    extra: { type: 'object', properties: { note: { type: 'string' } } },
  },
  required: ['count', 'name', 'items', 'extra'],
};
const v = symbolicValues<{ count: number; name: string; items: string[]; extra: { note?: string } }>(schema);
const FIXTURE = path.relative(process.cwd(), path.join(__dirname, 'fixtures', 'stand-ins', 'misuse.ts'));
const STOPPED = /known only when Helm renders|read symbolically|cannot be changed|symbolic/;

describe('stand-ins of maps, lists and numbers', () => {
  it.each([
    ['arithmetic', () => (v.count as unknown as number) * 2],
    ['iteration', () => [...v.items]],
    ['JSON.stringify', () => JSON.stringify({ e: v.extra })],
    ['`in`', () => 'note' in v.extra],
    ['a write', () => { (v.extra as { note?: string }).note = 'x'; }],
    ['delete', () => { delete (v.extra as { note?: string }).note; }],
    ['Object.keys', () => Object.keys(v.extra)],
    ['String() of a map', () => String(v.extra)],
    ['a number as text outside a template literal', () => String(v.count)],
    ['a number as a property key', () => ({} as Record<string, number>)[v.count]],
    ['then (await, a promise)', () => (v.extra as unknown as { then: unknown }).then],
  ])('stop the build on %s', (_what, run) => {
    expect(run).toThrow(STOPPED);
  });
});

describe('stand-ins of strings', () => {
  const s = v.name;
  it('are no JavaScript strings', () => {
    expect(typeof s).toBe('object');
    expect(exprOf(s)?.type).toBe('string');
  });

  it.each([
    ['coercion (`${}` outside the lowering, +, ==)', () => `${s}`],
    ['toString', () => (s as unknown as { toString(): string }).toString()],
    ['valueOf', () => (s as unknown as { valueOf(): string }).valueOf()],
    ['Symbol.toPrimitive', () => (s as unknown as string) + ''],
    ['toJSON (JSON.stringify)', () => JSON.stringify({ s })],
    ['iteration', () => [...(s as unknown as Iterable<string>)]],
    ['use as a property key', () => ({ a: 1 } as Record<string, number>)[s]],
    ['then', () => (s as unknown as { then: unknown }).then],
    ['.length', () => s.length],
    ['a character', () => s[0]],
    ['a method JavaScript would run on it', () => s.codePointAt(0)],
    ['`in`', () => 'length' in (s as unknown as object)],
    ['Object.keys', () => Object.keys(s as unknown as object)],
    ['a write', () => { (s as unknown as Record<string, string>).x = 'y'; }],
  ])('stop the build on %s', (_what, run) => {
    expect(run).toThrow(STOPPED);
  });

  it('resolves no promise: awaiting one stops the build', async () => {
    await expect(Promise.resolve(s)).rejects.toThrow(STOPPED);
  });

  it.each([
    ['as a property key', misuse.asKey, 7],
    ['coerced to a number', misuse.coerced, 8],
    ['for its .length', misuse.lengthOf, 9],
    ['iterated', misuse.iterated, 10],
    ['through valueOf()', misuse.viaValueOf, 12],
    ['by JSON.stringify', misuse.stringified, 13],
    ['by `in`', misuse.inOperator, 15],
    ['spread into characters', misuse.characters, 16],
    ['through a method JavaScript runs', misuse.methodOf, 17],
  ])('read %s in chart code stop the build at the chart line', (_what, fn, line) => {
    expect(() => fn(s)).toThrow(new RegExp(`^${FIXTURE.replace(/[.]/g, '\\.')}:${line}:\\d+: `));
    try {
      fn(s);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/\uE000|__helmts|runtime(-js)?\.ts|src\/generator|src\/language|TypeError|undefined \(reading/);
    }
  });

  it('awaited in chart code stops the build at the chart line', async () => {
    await expect(misuse.awaited(s)).rejects.toThrow(new RegExp(`^${FIXTURE.replace(/[.]/g, '\\.')}:14:\\d+: `));
  });

  it('joined by + or a template literal in chart code become one concatenation', () => {
    expect(exprOf(misuse.concatenated(s))?.expr).toEqual({ kind: 'concat', parts: ['x', { kind: 'ref', root: { type: 'values' }, path: ['name'] }] });
    expect(exprOf(misuse.templated(s))?.expr).toEqual({ kind: 'concat', parts: ['x-', { kind: 'ref', root: { type: 'values' }, path: ['name'] }] });
  });
});
