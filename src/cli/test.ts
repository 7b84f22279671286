/**
 * `helmts test --unittest <chart> [--helm 4|3|3-latest] [-f 'tests/*_test.yaml']… [--verbose]`:
 * runs the chart's existing helm-unittest suites, unchanged, on real helm
 * (src/testing/unittest) and prints every failing or unsupported assert in helm-unittest's terms.
 *
 * Exit codes: 0 every assert passed (or was skipped by the suite); 1 an assert failed or is
 * unsupported; 2 bad usage (unknown option, no chart, no suite file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHelmLine, type HelmMajor } from '../helm/helm-binary';
import { formatReport, runUnittestSuites, suiteFiles, totals, DEFAULT_SUITE_FILES } from '../testing/unittest';
import type { CliIo } from './validate-values';

export const TEST_USAGE = `Usage: helmts test --unittest <chart-dir> [options]

Runs the chart's helm-unittest suites (helm-unittest's YAML format, snapshots in __snapshot__/)
on real helm, with helm-unittest's meaning for every assert. Asserts or keys the runner does not
implement are reported as UNSUPPORTED (a failure), never skipped.

Options:
  --unittest            run helm-unittest suites (the only mode)
  --helm <line>         4 (default, v4.1.4), 3 (v3.17.2) or 3-latest (v3.18.0)
  -f, --file <glob>     suite files relative to the chart (repeatable; default ${DEFAULT_SUITE_FILES.join(' ')})
  --verbose             list passing tests and asserts too
  -h, --help            show this help

Exit codes: 0 all asserts passed, 1 an assert failed or is unsupported, 2 bad usage.
`;

export async function runTestCommand(argv: string[], io: CliIo): Promise<number> {
  let unittest = false;
  let verbose = false;
  let helm: HelmMajor = 4;
  const files: string[] = [];
  const positional: string[] = [];
  const usage = (message: string): number => {
    io.stderr(`helmts test: ${message}\n\n${TEST_USAGE}`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      io.stdout(TEST_USAGE);
      return 0;
    } else if (arg === '--unittest') unittest = true;
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--helm') {
      const line = parseHelmLine(argv[++i] ?? '');
      if (line === undefined) return usage(`--helm must be 4, 3 or 3-latest (got ${JSON.stringify(argv[i] ?? '')})`);
      helm = line;
    } else if (arg === '-f' || arg === '--file') {
      if (argv[i + 1] === undefined) return usage(`${arg} needs a glob`);
      files.push(argv[++i]);
    } else if (arg.startsWith('-')) return usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (!unittest) return usage('give --unittest (helmts test runs helm-unittest suites)');
  if (positional.length !== 1) return usage(positional.length === 0 ? 'no chart directory given' : `one chart directory, got ${positional.length}`);
  const chartDir = path.resolve(io.cwd, positional[0]);
  if (!fs.existsSync(path.join(chartDir, 'Chart.yaml'))) return usage(`${positional[0]} is not a chart (no Chart.yaml)`);
  const globs = files.length > 0 ? files : undefined;
  if (suiteFiles(chartDir, globs).length === 0) return usage(`no suite file matches ${(globs ?? DEFAULT_SUITE_FILES).join(' ')} in ${positional[0]}`);
  const results = await runUnittestSuites(chartDir, { helm, files: globs });
  io.stdout(`helm-unittest suites of ${positional[0]} on helm ${helm}\n${formatReport(results, chartDir, verbose)}\n`);
  const s = totals(results).byStatus;
  return s.failed + s.unsupported > 0 ? 1 : 0;
}
