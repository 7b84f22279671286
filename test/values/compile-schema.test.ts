import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonSchema } from '../../src/generator/json-schema';
import { compileSchema } from '../../src/values/compile-schema';

const CACHE = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'helmts', 'ajv');

function cacheFiles(): string[] {
  return fs.existsSync(CACHE) ? fs.readdirSync(CACHE) : [];
}

describe('compileSchema', () => {
  it('gives a validator loaded from the disk cache the same errors as the freshly compiled one', () => {
    const schema: JsonSchema = {
      title: `cache test ${process.pid} ${Date.now()}`,
      type: 'object',
      properties: { name: { type: 'string', maxLength: 3 }, port: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    };
    const before = new Set(cacheFiles());
    const fresh = compileSchema(schema);
    const cached = compileSchema(structuredClone(schema));
    const values = { name: 'toolong', port: 0, extra: true };
    expect([fresh(values), cached(values)]).toEqual([false, false]);
    expect(cached.errors).toEqual(fresh.errors);
    expect(cached.errors?.map((e) => e.keyword)).toEqual(['additionalProperties', 'maxLength', 'minimum']);
    const written = cacheFiles().filter((f) => !before.has(f));
    expect(written).toHaveLength(1);
    written.forEach((f) => fs.rmSync(path.join(CACHE, f)));
  });
});
