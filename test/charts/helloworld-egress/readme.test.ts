/** The chart README is generated from the schema and defaults, so it documents every values key. */
import * as fs from 'node:fs';
import { schemaLeaves, type JsonSchema } from '../../../src/generator';
import { helloworldEgress } from '../../../src/charts';

const readme = fs.readFileSync('charts/helloworld-egress/README.md', 'utf8');
const schema = JSON.parse(fs.readFileSync('charts/helloworld-egress/values.schema.json', 'utf8')) as JsonSchema;

/** Every leaf key of the schema, walked independently of the README generator. */
function leafKeys(s: JsonSchema, prefix: string): string[] {
  const resolved = s.$ref ? schema.definitions![s.$ref.replace('#/definitions/', '')] : s;
  if (resolved.properties) {
    return Object.entries(resolved.properties).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
  }
  const items = resolved.items && (resolved.items.$ref ? schema.definitions![resolved.items.$ref.replace('#/definitions/', '')] : resolved.items);
  if (resolved.type === 'array' && items?.properties) return [prefix, ...leafKeys(items, `${prefix}[]`)];
  return [prefix];
}

describe('charts/helloworld-egress/README.md', () => {
  it.each(leafKeys(schema, ''))('has a values table row for %s', (key) => {
    expect(readme).toContain(`| \`${key}\` |`);
  });

  it('shows each leaf’s doc comment as its description', () => {
    for (const leaf of schemaLeaves(schema, helloworldEgress.defaults)) {
      expect(readme).toContain(`| \`${leaf.key}\` | ${leaf.type} |`);
      if (leaf.description) expect(readme).toContain(leaf.description);
    }
  });

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
