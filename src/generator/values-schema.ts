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
import { createGenerator, ExposeNodeParser, MultipleDefinitionsError } from 'ts-json-schema-generator';
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
 * Definition names that two model types share in the schema being made (kubernetes-models' `ILocalObjectReference`
 * and Gateway API's, both reachable from one `Values`). ts-json-schema-generator names a definition by its type's
 * name and refuses two types of one name; a model type of such a name is named by the fully qualified alias its
 * package exports for it instead (`IIoK8sApiCoreV1LocalObjectReference`, `IIoK8sSigsGatewayApiApisV1LocalObjectReference`).
 */
let qualified = new Set<string>();
type Naming = { getDefinitionName(node: ts.Node, context: unknown): string };
const exposeParser = ExposeNodeParser.prototype as unknown as Naming;
const plainName = exposeParser.getDefinitionName;
exposeParser.getDefinitionName = function (this: Naming, node, context) {
  const name = plainName.call(this, node, context);
  return qualified.has(name) ? (modelAlias(node, name) ?? name) : name;
};

/** The qualified alias of a kubernetes-models type: its file ends with `export type { IName as I<qualifier>Name }`. */
const aliasPattern = (name: string) => new RegExp(`export type \\{ ${name} as (I\\w+${name.slice(1)})\\b`);

function modelAlias(node: ts.Node, name: string): string | undefined {
  return aliasPattern(name).exec(node.getSourceFile().text)?.[1];
}

function createSchema(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  const clashes = new Set<string>();
  for (;;) {
    qualified = clashes;
    try {
      return createSchemaOnce(source, repoRoot, title);
    } catch (error) {
      // A clash of two model types: name them by their aliases and generate again (a clash with a type of the
      // chart's own stays an error, naming the type).
      if (!(error instanceof MultipleDefinitionsError) || clashes.has(error.name) || !isModelClash(error)) throw error;
      clashes.add(error.name);
    } finally {
      qualified = new Set();
    }
  }
}

function isModelClash(error: MultipleDefinitionsError): boolean {
  const file = (d: unknown) => (d as { getType?: () => { getSrcFile?: () => ts.SourceFile | undefined } })?.getType?.()?.getSrcFile?.();
  return [error.defA, error.defB].every((d) => {
    const text = file(d)?.text;
    return text === undefined || aliasPattern(error.name).test(text);
  });
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
