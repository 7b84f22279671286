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
import ts from 'typescript';
import { createGenerator, ExposeNodeParser, ExtendedAnnotationsReader } from 'ts-json-schema-generator';
import type { JsonSchema } from './json-schema';
import { assertParses } from './transform/syntax-check';

export interface SchemaSource {
  /** TypeScript file declaring the type, relative to the repository. */
  file: string;
  type: string;
}

/** Schemas already generated in this process, by source file content: a warm rebuild skips the TypeScript program. */
const memo = new Map<string, JsonSchema>();

export function generateValuesSchema(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  const file = path.resolve(repoRoot, source.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new Error(`values.file '${source.file}' is not a file (looked for ${file}); point values: { file } at the TypeScript file declaring ${source.type}`);
  }
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

/**
 * A type of the chart's own files with a doc comment (`/** A port number. *\/ type Port = number`) gets one
 * definition even when it is not exported: ts-json-schema-generator inlines a type it does not expose, copying its
 * description onto every field that uses it. With a definition the comment is written once, on it, and each field
 * refers to it (`$ref`), as for an exported type.
 */
type Exposing = { isExportNode(node: ts.Node): boolean };
const plainIsExport = (ExposeNodeParser.prototype as unknown as Exposing).isExportNode;
(ExposeNodeParser.prototype as unknown as Exposing).isExportNode = function (this: Exposing, node) {
  if (plainIsExport.call(this, node)) return true;
  if (!firstOfName) return false;
  if (!ts.isTypeAliasDeclaration(node) && !ts.isInterfaceDeclaration(node) && !ts.isEnumDeclaration(node)) return false;
  if ((ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.typeParameters?.length) return false;
  const file = node.getSourceFile();
  if (file.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file.fileName)) return false;
  return ts.getJSDocCommentsAndTags(node).some((doc) => ts.isJSDoc(doc) && !!doc.comment);
};

/** The qualified alias of a kubernetes-models type: its file ends with `export type { IName as I<qualifier>Name }`. */
function modelAlias(node: ts.Node, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`export type \\{ ${escaped} as (I\\w+${escaped.slice(1)})\\b`).exec(node.getSourceFile().text)?.[1];
}

/**
 * `@asType integer` on a field typed `number | null` (a `null` default in values.yaml, as upstream charts write for
 * "unset, the program decides"): ts-json-schema-generator replaces the field's whole type with the tag's, dropping
 * `null`, so the chart's own default would fail its schema. The tag names the type of the value when there is one;
 * a field whose TypeScript type admits `null` keeps admitting it (`"type": ["integer", "null"]`).
 */
type TypeAnnotations = { getTypeAnnotation(node: ts.Node): { type: unknown } | undefined; typeChecker: ts.TypeChecker };
const annotationsReader = ExtendedAnnotationsReader.prototype as unknown as TypeAnnotations;
const plainTypeAnnotation = annotationsReader.getTypeAnnotation;
annotationsReader.getTypeAnnotation = function (this: TypeAnnotations, node) {
  const annotation = plainTypeAnnotation.call(this, node);
  if (!annotation || typeof annotation.type !== 'string' || annotation.type === 'null') return annotation;
  const declared = (node as { type?: ts.TypeNode }).type;
  return declared && admitsNull(declared, this.typeChecker, 0) ? { ...annotation, type: [annotation.type, 'null'] } : annotation;
};

/** Whether a type written in the source has a `null` member: `T | null`, `(T | null)`, or an alias of one. */
function admitsNull(node: ts.Node, checker: ts.TypeChecker, depth: number): boolean {
  if (depth > 16) return false;
  if (ts.isLiteralTypeNode(node)) return node.literal.kind === ts.SyntaxKind.NullKeyword;
  if (ts.isParenthesizedTypeNode(node)) return admitsNull(node.type, checker, depth + 1);
  if (ts.isUnionTypeNode(node)) return node.types.some((t) => admitsNull(t, checker, depth + 1));
  if (ts.isTypeReferenceNode(node)) {
    let symbol = checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const alias = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    return !!alias && admitsNull(alias.type, checker, depth + 1);
  }
  return false;
}

function createSchema(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  // The generator skips type checking and would read a type the parser guessed around a syntax error.
  assertParses(fs.readFileSync(path.resolve(repoRoot, source.file), 'utf8'), path.resolve(repoRoot, source.file));
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
