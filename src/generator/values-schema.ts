/**
 * `values.schema.json` from the chart's TypeScript `Values` type, by
 * ts-json-schema-generator. Doc comments become `description`s; JSDoc tags
 * (`@minimum`, `@pattern`, `@asType integer`, `@propertyNames {…}`, `@schemaAllOf […]`, …)
 * become constraints. Interfaces are closed (`additionalProperties: false`).
 *
 * The values type must be declared in one file (it may not import types from
 * others): the in-process memo is keyed by that file's content.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type ts from 'typescript';
import { createGenerator, ExposeNodeParser } from 'ts-json-schema-generator';
import type { JsonSchema } from './json-schema';

export interface SchemaSource {
  /** TypeScript file declaring the type, relative to the repository. */
  file: string;
  type: string;
}

/** Schemas already generated in this process, by source file content: a warm rebuild skips the TypeScript program. */
const memo = new Map<string, JsonSchema>();

export function generateValuesSchema(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  const file = path.resolve(repoRoot, source.file);
  const key = `${file}\0${source.type}\0${title}\0${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
  const cached = memo.get(key);
  if (cached) return structuredClone(cached);
  const schema = createSchema(source, repoRoot, title);
  memo.set(key, schema);
  return structuredClone(schema);
}

/**
 * Two model types of one name in one schema (kubernetes-models' `ILocalObjectReference` and Gateway API's, both
 * reachable from one `Values`): ts-json-schema-generator names a definition by its type's name and refuses two
 * types of one name. While a schema is made, the first type of a name keeps it and a later model type of the same
 * name is named by the fully qualified alias its package exports for it (`IIoK8sSigsGatewayApiApisV1LocalObjectReference`);
 * a clash with a type that has no such alias (the chart's own) stays the generator's error, naming the type.
 */
let firstOfName: Map<string, unknown> | undefined;
type Naming = { getDefinitionName(node: ts.Node, context: unknown): string };
const exposeParser = ExposeNodeParser.prototype as unknown as Naming;
const plainName = exposeParser.getDefinitionName;
exposeParser.getDefinitionName = function (this: Naming, node, context) {
  const name = plainName.call(this, node, context);
  if (!firstOfName) return name;
  const declared = (node as { symbol?: unknown }).symbol ?? node;
  const first = firstOfName.get(name);
  if (first === undefined) firstOfName.set(name, declared);
  if (first === undefined || first === declared) return name;
  return modelAlias(node, name) ?? name;
};

/** The qualified alias of a kubernetes-models type: its file ends with `export type { IName as I<qualifier>Name }`. */
function modelAlias(node: ts.Node, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`export type \\{ ${escaped} as (I\\w+${escaped.slice(1)})\\b`).exec(node.getSourceFile().text)?.[1];
}

function createSchema(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  firstOfName = new Map();
  try {
    return createSchemaOnce(source, repoRoot, title);
  } finally {
    firstOfName = undefined;
  }
}

function createSchemaOnce(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  const tsconfig = path.resolve(repoRoot, 'tsconfig.json');
  const generator = createGenerator({
    path: path.resolve(repoRoot, source.file),
    type: source.type,
    // A project without tsconfig.json gets the generator's defaults.
    tsconfig: fs.existsSync(tsconfig) ? tsconfig : undefined,
    skipTypeCheck: true,
    topRef: false,
    additionalProperties: false,
    sortProps: false,
    extraTags: ['propertyNames', 'schemaAllOf'],
  });
  const schema = generator.createSchema(source.type) as JsonSchema;
  return renameSchemaAllOf({ $schema: schema.$schema, title, ...schema }) as JsonSchema;
}

/**
 * `@schemaAllOf [...]` on a type becomes its `allOf` (cross-field rules such as `if`/`then`).
 * The tag has its own name because ts-json-schema-generator, given a literal `@allOf`, drops the
 * definitions the annotated type refers to.
 */
function renameSchemaAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(renameSchemaAllOf);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k === 'schemaAllOf' ? 'allOf' : k, renameSchemaAllOf(v)]));
}
