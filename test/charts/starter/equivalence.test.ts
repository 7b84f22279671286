/**
 * The starter chart generated from TypeScript against the chart the bundled Helm 4.1.4's
 * `helm create starter` writes: for the defaults and for generated values files, `helm template`
 * renders the same objects from both (fields that are null, [] or {} may be left out), and on Helm 4
 * `helm install --dry-run=client` prints the same NOTES text.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runHelm } from '../../../src/helm/run-helm';
import type { HelmMajor } from '../../../src/helm/helm-binary';
import { parseManifests } from '../../../src/testing/parse-manifests';
import { helmMergedValues, type ValuesMap } from '../../../src/values/helm-merge';
import { schemaProblems } from '../../../src/values/schema-problems';
import { arbitraryRelease, arbitraryValues } from './arbitrary-values';

const ours = path.resolve('charts/starter');
const schema = JSON.parse(fs.readFileSync(path.join(ours, 'values.schema.json'), 'utf8'));
let dir: string;
let theirs: string;
let counter = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starter-'));
  const r = await runHelm(['create', path.join(dir, 'starter')], 4);
  if (r.code !== 0) throw new Error(r.stderr);
  theirs = path.join(dir, 'starter');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const isEmpty = (v: unknown) => v === null || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)] as const).filter(([, v]) => !isEmpty(v)));
  }
  return value;
}

/**
 * The objects a chart renders, and on Helm 4 its NOTES: `helm install --dry-run=client` prints hooks,
 * manifest and notes in one run; Helm 3 renders with `helm template`.
 */
async function render(chart: string, release: string, file: string, helm: HelmMajor): Promise<{ objects: unknown[]; notes?: string }> {
  const args = helm === 4 ? ['install', release, chart, '--dry-run=client'] : ['template', release, chart];
  const r = await runHelm([...args, '-n', 'apps', '-f', file], helm);
  if (r.code !== 0) throw new Error(`${chart}: ${r.stderr}`);
  let manifests = r.stdout;
  let notes: string | undefined;
  if (helm === 4) {
    const section = (name: string) => new RegExp(`^${name}:$`, 'm').exec(r.stdout);
    const [hooks, manifest, notesAt] = [section('HOOKS'), section('MANIFEST'), section('NOTES')];
    manifests = `${r.stdout.slice(hooks!.index + 7, manifest!.index)}\n---\n${r.stdout.slice(manifest!.index + 10, notesAt?.index)}`;
    notes = notesAt ? r.stdout.slice(notesAt.index + 7) : '';
  }
  const objects = parseManifests(manifests)
    .map(normalize)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { objects, notes };
}

async function sameObjects(values: ValuesMap, release: string, helm: HelmMajor): Promise<void> {
  const defaults = parse(fs.readFileSync(path.join(ours, 'values.yaml'), 'utf8')) as ValuesMap;
  expect(schemaProblems(helmMergedValues(defaults, [values]), schema)).toEqual([]);
  const file = path.join(dir, `values-${counter++}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const [a, b] = await Promise.all([render(ours, release, file, helm), render(theirs, release, file, helm)]);
  expect(a.objects).toEqual(b.objects);
  expect(a.notes).toEqual(b.notes);
  if (helm === 4) expect(a.notes).toContain('1. Get the application URL');
}

describe('the starter chart generated from TypeScript', () => {
  it('has the name, version, appVersion and type of helm create starter', () => {
    const a = parse(fs.readFileSync(path.join(ours, 'Chart.yaml'), 'utf8'));
    const b = parse(fs.readFileSync(path.join(theirs, 'Chart.yaml'), 'utf8'));
    expect({ name: a.name, version: a.version, appVersion: a.appVersion, type: a.type }).toEqual({
      name: b.name, version: b.version, appVersion: String(b.appVersion), type: b.type,
    });
  });

  it('has the defaults of helm create starter', () => {
    const a = parse(fs.readFileSync(path.join(ours, 'values.yaml'), 'utf8'));
    const b = parse(fs.readFileSync(path.join(theirs, 'values.yaml'), 'utf8'));
    expect(a).toEqual(b);
  });

  it.each([4, 3] as HelmMajor[])('renders the objects (and on Helm 4 the NOTES) of helm create starter with the default values on Helm %s', async (helm) => {
    await sameObjects({}, 'rel', helm);
  });

  it('renders the same objects and NOTES as helm create starter for 200 generated values files on Helm 4', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValues, arbitraryRelease, (values, release) => sameObjects(values as ValuesMap, release, 4)),
      { seed: 20261202, numRuns: 200 },
    );
  }, 600_000);

  it('renders the same objects as helm create starter for 25 generated values files on Helm 3', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValues, arbitraryRelease, (values, release) => sameObjects(values as ValuesMap, release, 3)),
      { seed: 3122026, numRuns: 25 },
    );
  }, 300_000);
});
