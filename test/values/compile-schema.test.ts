import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JsonSchema } from '../../src/generator/json-schema';
import { compileSchema } from '../../src/values/compile-schema';

// A private cache: other Jest workers write to the shared one at the same time.
let cacheRoot: string;
const saved = process.env.HELMTS_CACHE_DIR;
beforeAll(() => {
  cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-schema-'));
  process.env.HELMTS_CACHE_DIR = cacheRoot;
});
afterAll(() => {
  if (saved === undefined) delete process.env.HELMTS_CACHE_DIR;
  else process.env.HELMTS_CACHE_DIR = saved;
  fs.rmSync(cacheRoot, { recursive: true, force: true });
});

const cacheFiles = (): string[] => (fs.existsSync(path.join(cacheRoot, 'ajv')) ? fs.readdirSync(path.join(cacheRoot, 'ajv')) : []);

describe('compileSchema', () => {
  it('writes one validator to the disk cache and gives the loaded one the same errors as the fresh one', () => {
    const schema: JsonSchema = {
      title: 'cache test',
      type: 'object',
      properties: { name: { type: 'string', maxLength: 3 }, port: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    };
    expect(cacheFiles()).toEqual([]);
    const fresh = compileSchema(schema);
    const written = cacheFiles();
    expect(written).toEqual([expect.stringMatching(/^[0-9a-f]{24}\.js$/)]);
    const cached = compileSchema(structuredClone(schema));
    expect(cacheFiles()).toEqual(written);
    // The second validator is the cached file's export, not a fresh compilation.
    expect(cached).toBe(require(path.join(cacheRoot, 'ajv', written[0])));
    const values = { name: 'toolong', port: 0, extra: true };
    expect([fresh(values), cached(values)]).toEqual([false, false]);
    expect(cached.errors).toEqual(fresh.errors);
    expect(cached.errors?.map((e) => e.keyword)).toEqual(['additionalProperties', 'maxLength', 'minimum']);
  });
});
