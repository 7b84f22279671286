/** The chart README is generated from the schema and defaults, so it documents every values key. */
import * as fs from 'node:fs';
import type { JsonSchema } from '../../../src/generator';

const readme = fs.readFileSync('charts/helloworld-egress/README.md', 'utf8');
const schema = JSON.parse(fs.readFileSync('charts/helloworld-egress/values.schema.json', 'utf8')) as JsonSchema;

const definition = (ref: string): JsonSchema => schema.definitions![ref.replace('#/definitions/', '')];

/** Every leaf of the schema with its description, walked independently of the README generator. */
function leaves(s: JsonSchema, prefix: string): Array<{ key: string; description: string | undefined }> {
  // An optional field also accepts null (Helm's unset): `anyOf: [T, { type: 'null' }]`.
  const base = s.anyOf?.find((a) => a.type !== 'null') ?? s;
  const resolved = base.$ref ? definition(base.$ref) : base;
  const description = s.description ?? resolved.description;
  if (resolved.properties) {
    return Object.entries(resolved.properties).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  const items = resolved.items && (resolved.items.$ref ? definition(resolved.items.$ref) : resolved.items);
  if ([resolved.type].flat().includes('array') && items?.properties) return [{ key: prefix, description }, ...leaves(items, `${prefix}[]`)];
  return [{ key: prefix, description }];
}

/** The README values-table row of `key`, or undefined. */
const row = (key: string): string | undefined => readme.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));

describe('charts/helloworld-egress/README.md', () => {
  it.each(leaves(schema, '').map((leaf) => [leaf.key, leaf] as const))(
    'has a values table row for %s ending in its schema description',
    (_key, leaf) => {
      expect(leaf.description).toMatch(/\S/);
      expect(row(leaf.key)).toMatch(new RegExp(` \\| ${leaf.description!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|$`));
    },
  );

  it.each(['values/seed.yaml', 'values/allow-any.yaml', 'values/three-namespaces.yaml', 'values/no-sidecar.yaml', 'values/deny-all.yaml'])(
    'describes the example %s, which exists',
    (file) => {
      expect(fs.existsSync(file)).toBe(true);
      expect(readme).toContain(`\`${file}\``);
    },
  );

  it.each(['helm install', 'helm upgrade', 'helm uninstall', 'helm test'])('shows how to %s', (command) => {
    expect(readme).toContain(command);
  });
});
