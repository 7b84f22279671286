/** Values drawn from a chart's values.schema.json are valid under it and reach the YAML-trap names. */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaArbitrary } from '../../src/check/schema-arbitrary';
import { schemaProblems } from '../../src/values/schema-problems';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'charts', 'helloworld-egress', 'values.schema.json'), 'utf8'));

describe('schemaArbitrary', () => {
  const samples = fc.sample(schemaArbitrary(schema), { numRuns: 200, seed: 42 });

  it('draws values the schema accepts (helloworld-egress: at least 190 of 200)', () => {
    const valid = samples.filter((v) => schemaProblems(v, schema).length === 0);
    expect(valid.length).toBeGreaterThanOrEqual(190);
  });

  it('draws names YAML 1.1 would retype, and empty optional lists', () => {
    const names = samples.flatMap((v) => (v as { namespaces: Array<{ name: string }> }).namespaces.map((n) => n.name));
    expect(names).toEqual(expect.arrayContaining(['on', 'no', '0777']));
    expect(samples.some((v) => (v as { namespaces: unknown[] }).namespaces.length === 1)).toBe(true);
  });

  it('follows enums, integer bounds and required keys', () => {
    const values = fc.sample(schemaArbitrary({ type: 'object', properties: { p: { enum: ['A', 'B'] }, n: { type: 'integer', minimum: 1, maximum: 3 }, o: { type: 'string' } }, required: ['p', 'n'], additionalProperties: false }), { numRuns: 100, seed: 1 }) as Array<Record<string, unknown>>;
    expect(new Set(values.map((v) => v.p))).toEqual(new Set(['A', 'B']));
    expect(values.every((v) => Number.isInteger(v.n) && (v.n as number) >= 1 && (v.n as number) <= 3)).toBe(true);
    expect(values.some((v) => !('o' in v))).toBe(true);
  });

  it('keeps to allOf if/then rules across fields (a wildcard host never with DNS resolution)', () => {
    const entry = {
      type: 'object',
      properties: { resolution: { enum: ['DNS', 'NONE'] }, host: { enum: ['*.example.com', 'api.example.com'] } },
      required: ['resolution', 'host'],
      additionalProperties: false,
      allOf: [{ if: { properties: { resolution: { const: 'DNS' } } }, then: { properties: { host: { not: { pattern: '^\\*' } } } } }],
    };
    const values = fc.sample(schemaArbitrary(entry), { numRuns: 100, seed: 3 }) as Array<{ resolution: string; host: string }>;
    expect(values.filter((v) => v.resolution === 'DNS' && v.host.startsWith('*'))).toEqual([]);
    expect(new Set(values.map((v) => `${v.resolution} ${v.host}`))).toEqual(new Set(['DNS api.example.com', 'NONE *.example.com', 'NONE api.example.com']));
  });
});

describe('schemaArbitrary edge values', () => {
  const schema = {
    type: 'object',
    properties: {
      s: { type: 'string' }, i: { type: 'integer' }, f: { type: 'number' }, b: { type: 'boolean' },
      l: { type: 'array', items: { type: 'string' } }, m: { type: 'object', additionalProperties: { type: 'string' } },
      o: { type: ['string', 'null'] },
    },
    required: ['s', 'i', 'f', 'b', 'l', 'm'],
    additionalProperties: false,
  };
  const samples = fc.sample(schemaArbitrary(schema), { numRuns: 400, seed: 7 }) as Array<Record<string, unknown>>;
  const seen = (key: string, test: (x: unknown) => boolean) => samples.some((v) => test(v[key]));

  it("draws '', 0, false, null, absent, [] and {}", () => {
    expect([seen('s', (x) => x === ''), seen('i', (x) => x === 0), seen('b', (x) => x === false), seen('o', (x) => x === null)]).toEqual([true, true, true, true]);
    expect([samples.some((v) => !('o' in v)), seen('l', (x) => Array.isArray(x) && x.length === 0), seen('m', (x) => JSON.stringify(x) === '{}')]).toEqual([true, true, true]);
  });

  it('draws integers of 1e6 and past 2^53, small floats, non-ASCII text and YAML 1.1 words', () => {
    expect([seen('i', (x) => x === 1_000_000), seen('i', (x) => (x as number) > 2 ** 53), seen('f', (x) => x === 0.00001)]).toEqual([true, true, true]);
    expect([seen('s', (x) => /[^\x00-\x7f]/.test(String(x))), seen('s', (x) => x === 'y'), seen('s', (x) => x === '1_000')]).toEqual([true, true, true]);
  });
});
