/**
 * A documented type used by several fields (`/** A port number. *\/ type Port = number`, exported or not, an
 * interface): its comment is written once — on its definition in values.schema.json, at its first use in values.yaml
 * and in the README's values table — and a field's own comment still wins.
 */
import * as path from 'node:path';
import { generateChart } from '../../src/generator';
import { typeDocsChart } from './fixtures/charts/type-docs/chart';

const repoRoot = path.resolve(__dirname, '..', '..');
const files = Object.fromEntries(generateChart(typeDocsChart, { repoRoot, chartDir: 'type-docs' }).files.map((f) => [f.path.slice('type-docs/'.length), f.content]));
const count = (text: string, part: string) => text.split(part).length - 1;

describe("a type's doc comment", () => {
  it.each(['A port number, not exported.', 'CPU and memory requests, not exported.', 'Labels, exported.'])('"%s" is written once in the schema, on the definition', (doc) => {
    const schema = JSON.parse(files['values.schema.json']);
    expect(count(files['values.schema.json'], doc)).toBe(1);
    const definition = Object.values(schema.definitions as Record<string, { description?: string }>).find((d) => d.description === doc);
    expect(definition).toBeDefined();
  });

  it('keeps the definition\'s constraints and lets the fields refer to it', () => {
    const schema = JSON.parse(files['values.schema.json']);
    expect(schema.definitions.Port).toEqual({ type: 'integer', description: 'A port number, not exported.', minimum: 1 });
    expect(schema.properties.metricsPort).toEqual({ $ref: '#/definitions/Port' });
    expect(schema.properties.servicePort).toEqual({ $ref: '#/definitions/Port', description: 'The service port (its own comment).' });
  });

  it.each([
    ['A port number, not exported.', 1],
    // An object with fields has rows for its fields, none of its own.
    ['CPU and memory requests, not exported.', 0],
    ['Labels, exported.', 1],
  ])('"%s" is written once in values.yaml, and %i times in the README table', (doc, rows) => {
    expect(count(files['values.yaml'], doc)).toBe(1);
    expect(count(files['README.md'], doc)).toBe(rows);
  });

  it('is written at the first field without a comment of its own', () => {
    expect(files['values.yaml']).toContain('# The service port (its own comment).\nservicePort: 80\n\n# A port number, not exported.\nmetricsPort: 9090\n');
    expect(files['README.md']).toContain('| `metricsPort` | integer | A port number, not exported. |\n');
    expect(files['README.md']).toContain('| `serviceLabels` | map |  |\n');
  });
});
