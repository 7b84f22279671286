/**
 * The runtime backstop: a stand-in for a value only Helm knows cannot be read by JavaScript's own machinery
 * (coercion, iteration, JSON, `in`, writes, enumeration): each stops the build instead of answering once.
 * (The static analysis refuses these constructs first; this is what happens if something slips past it.)
 */
import { symbolicValues } from '../../src/generator/symbolic';
import type { JsonSchema } from '../../src/generator';

const schema: JsonSchema = {
  type: 'object',
  properties: { count: { type: 'integer' }, items: { type: 'array', items: { type: 'string' } }, extra: { type: 'object', properties: { note: { type: 'string' } } } },
  required: ['count', 'items', 'extra'],
};
const v = symbolicValues<{ count: number; items: string[]; extra: { note?: string } }>(schema);

describe('stand-ins of values', () => {
  it.each([
    ['arithmetic', () => (v.count as unknown as number) * 2],
    ['iteration', () => [...v.items]],
    ['JSON.stringify', () => JSON.stringify({ e: v.extra })],
    ['`in`', () => 'note' in v.extra],
    ['a write', () => { (v.extra as { note?: string }).note = 'x'; }],
    ['delete', () => { delete (v.extra as { note?: string }).note; }],
    ['Object.keys', () => Object.keys(v.extra)],
    ['String() of a map', () => String(v.extra)],
  ])('stop the build on %s', (_what, run) => {
    expect(run).toThrow(/known only when Helm renders|read symbolically|cannot be changed|symbolic/);
  });
});
