/**
 * `npm run test:coverage [-- --threshold 100 --paths-threshold 100] [test paths]`:
 * runs the chart tests (test/charts, or the Jest test paths given) against a
 * marked build of every chart, then
 * reports per template which branches (documents, `range`, `with` and `if`
 * bodies) and which values paths no test rendered. Exits 1 under a threshold
 * or when a test fails, 2 for a usage error (an unknown option, a threshold that
 * is not a number 0–100, a test path that does not exist); its temporary
 * folder is removed on every exit path.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { coverageReport, generateChart, writeFiles, type CoverageBranch, type CoverageReport } from '../generator';
import { installInterruptHandlers } from '../io/interrupts';
import { makeTempDir } from '../io/temp-dir';
import { exitCodesHelp, reportError } from './exit-codes';
import { loadCharts, readProject } from './project';

const USAGE = `Usage: npm run test:coverage -- [--threshold <0-100>] [--paths-threshold <0-100>] [test paths…]

${exitCodesHelp('0 covered, 1 under a threshold or a test failed, 2 usage error')}`;

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

function usage(message: string): number {
  console.error(`test:coverage: ${message}\n\n${USAGE}`);
  return 2;
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      options: { threshold: { type: 'string', default: '100' }, 'paths-threshold': { type: 'string', default: '100' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE), 0;
  for (const option of ['threshold', 'paths-threshold'] as const) {
    const n = Number(values[option]);
    if (values[option].trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) return usage(`--${option} must be a number from 0 to 100, not ${JSON.stringify(values[option])}`);
  }
  const missing = positionals.find((p) => !fs.existsSync(path.resolve(repoRoot, p)));
  if (missing) return usage(`no such test file or folder: ${missing}`);
  const tmp = makeTempDir('coverage');
  const work = tmp.path;
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
  tmp.remove();
  const report = coverageReport(branches, seen);
  console.log(`\n${formatReport(report)}`);
  const failed = report.branchRatio * 100 < Number(values.threshold) || report.pathRatio * 100 < Number(values['paths-threshold']);
  if (jest.status !== 0) console.error('test:coverage: the chart tests failed');
  if (failed) console.error(`test:coverage: below the threshold (branches ${values.threshold}%, paths ${values['paths-threshold']}%)`);
  return jest.status !== 0 || failed ? 1 : 0;
}

installInterruptHandlers();
try {
  process.exitCode = main();
} catch (error) {
  process.exitCode = reportError('test:coverage', error, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() });
}
