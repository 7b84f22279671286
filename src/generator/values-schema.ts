/**
 * `values.schema.json` from the chart's TypeScript `Values` type, by
 * ts-json-schema-generator. Doc comments become `description`s; JSDoc tags
 * (`@minimum`, `@pattern`, `@asType integer`, `@propertyNames {…}`, …) become
 * constraints. Interfaces are closed (`additionalProperties: false`).
 */
import * as path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import type { JsonSchema } from './json-schema';

export interface SchemaSource {
  /** TypeScript file declaring the type, relative to the repository. */
  file: string;
  type: string;
}

export function generateValuesSchema(source: SchemaSource, repoRoot: string, title: string): JsonSchema {
  const generator = createGenerator({
    path: path.resolve(repoRoot, source.file),
    type: source.type,
    tsconfig: path.resolve(repoRoot, 'tsconfig.json'),
    skipTypeCheck: true,
    topRef: false,
    additionalProperties: false,
    sortProps: false,
    extraTags: ['propertyNames'],
  });
  const schema = generator.createSchema(source.type) as JsonSchema;
  return { $schema: schema.$schema, title, ...schema };
}
