/** Chart coverage on the tiny chart: marks survive helm, and unrendered branches and paths are reported. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coverageHits, coverageReport, generateChart, writeFiles, type GeneratedChart } from '../../src/generator';
import { runHelm } from '../../src/helm/run-helm';
import { tinyChart, tinyDefaults } from './fixtures/tiny-chart';

const repoRoot = path.resolve(__dirname, '..', '..');
let work: string;
let marked: GeneratedChart;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'coverage-'));
  marked = generateChart(tinyChart, { repoRoot, chartDir: 'tiny', coverage: true });
  writeFiles(work, ['tiny'], marked.files);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function hitsFor(values: object): Promise<Set<string>> {
  const file = path.join(work, `v-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const r = await runHelm(['template', 'r', path.join(work, 'tiny'), '-f', file]);
  expect(r.stderr).toBe('');
  return new Set(coverageHits(r.stdout));
}

describe('a marked build', () => {
  it('marks every template, document and block body with a branch', () => {
    const kinds = marked.coverage.map((b) => `${b.template} ${b.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['tiny/secret.yaml template', 'tiny/secret.yaml if', 'tiny/list.yaml range']));
  });

  it('lists the values paths each branch reads, through loop variables', () => {
    const doc = marked.coverage.find((b) => b.template === 'tiny/list.yaml' && b.kind === 'document')!;
    expect(doc.paths).toEqual(expect.arrayContaining(['entries[].key', 'entries[].value']));
  });

  it('reports the if body and the paths only it reads as missed when no render enters it', async () => {
    const report = coverageReport(marked.coverage, await hitsFor({ ...tinyDefaults, secret: false }));
    expect(report.missedBranches.map((b) => `${b.template} ${b.kind}`)).toContain('tiny/secret.yaml if');
    expect(report.missedPaths).toContain('entries[].note');
  });

  it('reports full coverage once the renders enter every branch', async () => {
    const hits = new Set([
      ...(await hitsFor({ ...tinyDefaults, secret: true, labels: { a: 'b' }, entries: [{ key: 'k', value: 'v', note: 'n' }] })),
      ...(await hitsFor({ ...tinyDefaults, tags: [] })),
    ]);
    const report = coverageReport(marked.coverage, hits);
    expect({ branches: report.missedBranches.map((b) => b.id), paths: report.missedPaths }).toEqual({ branches: [], paths: [] });
  });

  it('leaves an unmarked build free of marks', () => {
    const plain = generateChart(tinyChart, { repoRoot, chartDir: 'tiny' });
    expect(plain.files.some((f) => f.content.includes('helmts-coverage'))).toBe(false);
  });
});
