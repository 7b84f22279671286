import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'charts', 'helloworld-egress', file), 'utf8'));
const validate = new Ajv({ strict: false }).compile(load('values.override.schema.json'));

describe('the override schema for partial values files', () => {
  it('accepts a file that sets only some keys, since the rest come from the defaults', () => {
    expect(validate({ app: { replicas: 2 } })).toBe(true);
  });

  it('still requires the keys of list items, because a list replaces the default list whole', () => {
    expect(validate({ namespaces: [{ create: true }] })).toBe(false);
  });

  it('still refuses unknown keys and wrong types', () => {
    expect(validate({ app: { colour: 'red' } })).toBe(false);
    expect(validate({ app: { replicas: '2' } })).toBe(false);
  });

  it('keeps the descriptions of the full schema for hover text', () => {
    const override = JSON.stringify(load('values.override.schema.json'));
    expect(override).toContain('Pods per Deployment.');
  });
});
