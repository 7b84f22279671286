/**
 * `npm run test:coverage [-- --threshold 100 --paths-threshold 100] [test paths]`:
 * runs the chart tests (test/charts, or the Jest test paths given) against a
 * marked build of every chart, then
 * reports per template which branches (documents, `range`, `with` and `if`
 * bodies) and which values paths no test rendered. Exits 1 under a threshold.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { coverageReport, generateChart, writeFiles, type CoverageBranch, type CoverageReport } from '../generator';
import { loadCharts, readProject } from './project';

const repoRoot = path.resolve(__dirname, '..', '..');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function formatReport(report: CoverageReport): string {
  const lines = ['Chart coverage (branches: template, documents, range/with/if bodies; paths: values read in them)', ''];
  const width = Math.max(...report.templates.map((t) => t.template.length), 8);
  lines.push(`${'template'.padEnd(width)}  branches        values paths`);
  for (const t of report.templates) {
    lines.push(`${t.template.padEnd(width)}  ${`${t.hit}/${t.branches}`.padEnd(14)}  ${t.pathsHit}/${t.paths}`);
  }
  lines.push('', `branches ${pct(report.branchRatio)}, values paths ${pct(report.pathRatio)}`);
  for (const b of report.missedBranches) lines.push(`  never rendered: ${b.id}  ${b.kind}  ${b.action}`);
  for (const p of report.missedPaths) lines.push(`  never read in a rendered branch: ${p}`);
  return lines.join('\n');
}

function main(): number {
  const { values, positionals } = parseArgs({
    options: { threshold: { type: 'string', default: '100' }, 'paths-threshold': { type: 'string', default: '100' } },
    allowPositionals: true,
  });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-coverage-'));
  const hits = path.join(work, 'hits');
  fs.mkdirSync(hits);
  const branches: CoverageBranch[] = [];
  const redirects: Record<string, string> = {};
  const project = readProject(repoRoot);
  for (const { definition: def, chartDir } of loadCharts(project)) {
    const marked = generateChart(def, { repoRoot, chartDir: def.name, coverage: true });
    writeFiles(work, [def.name], marked.files);
    branches.push(...marked.coverage);
    redirects[path.join(repoRoot, chartDir)] = path.join(work, def.name);
  }
  const testPaths = positionals.length > 0 ? positionals : ['test/charts'];
  const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', ...testPaths], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, HELMTS_COVERAGE_CHARTS: JSON.stringify(redirects), HELMTS_COVERAGE_HITS: hits },
  });
  const seen = new Set(
    fs.readdirSync(hits).flatMap((f) => fs.readFileSync(path.join(hits, f), 'utf8').split('\n').filter(Boolean)),
  );
  fs.rmSync(work, { recursive: true, force: true });
  const report = coverageReport(branches, seen);
  console.log(`\n${formatReport(report)}`);
  const failed = report.branchRatio * 100 < Number(values.threshold) || report.pathRatio * 100 < Number(values['paths-threshold']);
  if (jest.status !== 0) console.error('test:coverage: the chart tests failed');
  if (failed) console.error(`test:coverage: below the threshold (branches ${values.threshold}%, paths ${values['paths-threshold']}%)`);
  return jest.status !== 0 || failed ? 1 : 0;
}

process.exitCode = main();
