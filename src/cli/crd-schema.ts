/**
 * A CRD version's `openAPIV3Schema` checked against the shape of Kubernetes'
 * `JSONSchemaProps` (k8s.io/apiextensions-apiserver pkg/apis/apiextensions/v1
 * types_jsonschema.go): every field it knows with its type, and no other. The
 * API server refuses a CRD whose schema does not decode, and
 * `@kubernetes-models/crd-generate` would otherwise turn some such schemas
 * (`properties: 5`) into classes that check nothing.
 */
import Ajv, { type ErrorObject } from 'ajv';

const schemaRef = { $ref: '#/definitions/props' };
const schemaMap = { type: 'object', additionalProperties: schemaRef };
const stringList = { type: 'array', items: { type: 'string' } };
const count = { type: 'integer', minimum: 0 };

/** JSONSchemaProps as a JSON schema (the fields of types_jsonschema.go and their JSON types). */
const JSON_SCHEMA_PROPS = {
  definitions: {
    props: {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        $schema: { type: 'string' },
        $ref: { type: 'string' },
        description: { type: 'string' },
        type: { enum: ['object', 'array', 'string', 'integer', 'number', 'boolean'] },
        format: { type: 'string' },
        title: { type: 'string' },
        default: {},
        maximum: { type: 'number' },
        exclusiveMaximum: { type: 'boolean' },
        minimum: { type: 'number' },
        exclusiveMinimum: { type: 'boolean' },
        maxLength: count,
        minLength: count,
        pattern: { type: 'string' },
        maxItems: count,
        minItems: count,
        uniqueItems: { type: 'boolean' },
        multipleOf: { type: 'number' },
        enum: { type: 'array' },
        maxProperties: count,
        minProperties: count,
        required: stringList,
        items: { anyOf: [schemaRef, { type: 'array', items: schemaRef }] },
        allOf: { type: 'array', items: schemaRef },
        oneOf: { type: 'array', items: schemaRef },
        anyOf: { type: 'array', items: schemaRef },
        not: schemaRef,
        properties: schemaMap,
        additionalProperties: { anyOf: [{ type: 'boolean' }, schemaRef] },
        patternProperties: schemaMap,
        dependencies: { type: 'object', additionalProperties: { anyOf: [schemaRef, stringList] } },
        additionalItems: { anyOf: [{ type: 'boolean' }, schemaRef] },
        definitions: schemaMap,
        externalDocs: { type: 'object', additionalProperties: false, properties: { description: { type: 'string' }, url: { type: 'string' } } },
        example: {},
        nullable: { type: 'boolean' },
        'x-kubernetes-preserve-unknown-fields': { type: 'boolean' },
        'x-kubernetes-embedded-resource': { type: 'boolean' },
        'x-kubernetes-int-or-string': { type: 'boolean' },
        'x-kubernetes-list-map-keys': stringList,
        'x-kubernetes-list-type': { enum: ['atomic', 'set', 'map'] },
        'x-kubernetes-map-type': { enum: ['granular', 'atomic'] },
        'x-kubernetes-validations': { type: 'array', items: { type: 'object', required: ['rule'] } },
      },
    },
  },
  $ref: '#/definitions/props',
};

let validate: ReturnType<Ajv['compile']> | undefined;

function describe(error: ErrorObject, at: string): string {
  const where = at + error.instancePath.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
  if (error.keyword === 'additionalProperties') return `${where} has the field "${String((error.params as { additionalProperty: string }).additionalProperty)}", which a CRD schema does not have`;
  if (error.keyword === 'enum') return `${where} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
  return `${where} ${error.message ?? 'is not valid'}`;
}

/** Why `schema` (found at `at`, e.g. `spec.versions[0].schema.openAPIV3Schema`) is not a CRD schema, or undefined. */
export function crdSchemaProblem(schema: unknown, at: string): string | undefined {
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(JSON_SCHEMA_PROPS);
  if (validate(schema)) return undefined;
  const errors = (validate.errors ?? []) as ErrorObject[];
  // The deepest error says most (an anyOf reports itself after its branches).
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  return describe(deepest, at);
}
