/**
 * The ajv validator of a JSON schema, compiled once per schema and cached on
 * disk as ajv "standalone" code under `node_modules/.cache/helmts/ajv/` (or
 * `$HELMTS_CACHE_DIR/ajv/`), keyed by a hash of the schema and the ajv version. A warm run loads that small
 * file instead of ajv itself and skips compilation (about 150 ms of a CLI run).
 * Any cache failure falls back to compiling in memory.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from '../generator/json-schema';

/** Options of every compiled validator: draft-07, every error, unknown keywords ignored. */
const OPTIONS = { allErrors: true, strict: false } as const;

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function cacheDir(): string | undefined {
  if (process.env.HELMTS_CACHE_DIR) return path.join(process.env.HELMTS_CACHE_DIR, 'ajv');
  try {
    const ajvDir = path.dirname(require.resolve('ajv/package.json'));
    return path.join(path.dirname(ajvDir), '.cache', 'helmts', 'ajv');
  } catch {
    return undefined;
  }
}

/** ajv's directory: the cached code requires its runtime by absolute path, so the cache may live anywhere. */
const ajvDir = (): string => path.dirname(require.resolve('ajv/package.json'));

function cacheKey(schema: JsonSchema): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(`${ajvVersion}\n${ajvDir()}\n${JSON.stringify(OPTIONS)}\n${JSON.stringify(schema)}`)
    .digest('hex')
    .slice(0, 24);
}

function compileInMemory(schema: JsonSchema, source: boolean): { ajv: import('ajv').default; validate: ValidateFunction } {
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ ...OPTIONS, ...(source ? { code: { source: true } } : {}) });
  return { ajv, validate: ajv.compile(schema) };
}

function compileCached(schema: JsonSchema): ValidateFunction | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const file = path.join(dir, `${cacheKey(schema)}.js`);
  try {
    if (fs.existsSync(file)) return require(file) as ValidateFunction;
    const { ajv, validate } = compileInMemory(schema, true);
    const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const code = standaloneCode(ajv, validate).replace(/require\("ajv\//g, () => `require(${JSON.stringify(`${ajvDir()}/`)} + "`);
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
    return validate;
  } catch {
    return undefined;
  }
}

/** The validator of `schema` (draft-07, all errors), compiled once per schema object. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = compileCached(schema) ?? compileInMemory(schema, false).validate;
    compiled.set(schema, fn);
  }
  return fn;
}
