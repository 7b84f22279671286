/**
 * `helmts check <chart> [--cases N] [--helm 3|4] [--seed N] [--out file] [--values file]`:
 * the differential self-check (see src/check/differential.ts) of a chart of
 * the project. A disagreement is shrunk and written to a values file, with the
 * commands that re-run it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { environmentError } from '../io/environment-error';
import { makeTempDir } from '../io/temp-dir';
import { goYamlOptions } from '../values/go-yaml';
import { parseValuesFile } from '../values/values-file';
import { exitCodesHelp, reportError } from './exit-codes';
import { CHECK_RELEASE, checkChart, compareOnce } from '../check/differential';
import { generateChart, type JsonSchema } from '../generator';
import { ChartSelectionError, definitionMessage, loadCharts, messageOf, readProject } from './project';
import type { CliIo } from './validate-values';

export const checkUsage = `Usage: helmts check <chart> [options]

Differential self-check: draws values from the chart's values.schema.json,
renders each with real \`helm template\` of the generated chart and with the
TypeScript definition run on the same values, and compares the objects
template by template. A disagreement is shrunk to a small values file.

Options:
  --cases <n>      values to try (default 100)
  --helm <3|4>     Helm major version (default 4)
  --seed <n>       fast-check seed (default: random; printed, so a run repeats)
  --out <file>     where to write a counterexample (default <chart>.counterexample.yaml)
  --values <file>  check only this values file (e.g. a counterexample)
  -h, --help       show this help

${exitCodesHelp('0 agree, 1 a counterexample was found, the definition failed or the\n--values file is not valid YAML, 2 usage error (no chart of that name), stale\nchart or an unreadable --values file')}`;

/** Why `file` must not be overwritten by a counterexample (it exists and check did not write it), or undefined. */
function existingNotCounterexample(file: string): string | undefined {
  let first: string;
  try {
    if (fs.statSync(file).isDirectory()) return `--out ${file} is a folder; give a file name`;
    first = fs.readFileSync(file, 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
  return first.startsWith('# helmts check ') ? undefined : `${file} exists and is not a counterexample helmts check wrote; it would be overwritten: give another --out`;
}

/** Reads `--values` as Helm does (see src/values/values-file.ts); a message and exit code when it cannot be used. */
function readValuesOption(file: string, cwd: string): { values: unknown } | { message: string; code: number } {
  const full = path.resolve(cwd, file);
  let text: Buffer;
  try {
    if (fs.statSync(full).isDirectory()) return { message: `--values ${file} is a folder; give a values file`, code: 2 };
    text = fs.readFileSync(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { message: `--values ${file}: no such file`, code: 2 };
    return { message: environmentError(error, `read --values ${file}`, full).message, code: 2 };
  }
  const parsed = parseValuesFile(file, text);
  const error = parsed.textProblems.find((p) => p.severity === 'error');
  if (error) return { message: `${file}:${error.line}:${error.col}: ${error.message}${error.hint ? ` (${error.hint})` : ''}`, code: 1 };
  return { values: parsed.values };
}

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        cases: { type: 'string', default: '100' },
        helm: { type: 'string', default: '4' },
        seed: { type: 'string' },
        out: { type: 'string' },
        values: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr(`helmts check: ${messageOf(error)}\n\n${checkUsage}`);
    return 2;
  }
  const { values: opts, positionals } = parsed;
  if (opts.help) {
    io.stdout(checkUsage);
    return 0;
  }
  const cases = Number(opts.cases);
  const helm = Number(opts.helm);
  const seed = opts.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(opts.seed);
  const usage = (m: string) => (io.stderr(`helmts check: ${m}\n\n${checkUsage}`), 2);
  if (positionals.length !== 1) return usage('name one chart');
  if (!Number.isInteger(cases) || cases < 1) return usage(`--cases must be a positive integer, not ${opts.cases}`);
  if (helm !== 3 && helm !== 4) return usage(`--helm must be 3 or 4, not ${opts.helm}`);
  if (!Number.isInteger(seed)) return usage(`--seed must be an integer, not ${opts.seed}`);

  let project;
  let chart;
  try {
    project = readProject(io.cwd);
    [chart] = loadCharts(project, positionals);
  } catch (error) {
    if (error instanceof ChartSelectionError) return reportError('check', error, io);
    io.stderr(`helmts check: ${messageOf(error)}\n`);
    return 1;
  }
  const chartDir = path.join(project.root, chart.chartDir);
  let generated;
  try {
    generated = generateChart(chart.definition, { repoRoot: project.root, chartDir: chart.chartDir });
  } catch (error) {
    io.stderr(`helmts check: ${path.relative(project.root, chart.file)}: ${definitionMessage(error, project.root)}\n`);
    return 1;
  }
  const stale = generated.files.find((f) => !fs.existsSync(path.join(project.root, f.path)) || fs.readFileSync(path.join(project.root, f.path), 'utf8') !== f.content);
  if (stale) {
    io.stderr(`helmts check: ${chart.chartDir} is not what the definition generates (${stale.path}); run \`helmts build ${chart.definition.name}\` first\n`);
    return 2;
  }
  const schema = generated.schema as JsonSchema;
  const counterexample = path.resolve(io.cwd, opts.out ?? `${chart.definition.name}.counterexample.yaml`);
  const notOurs = existingNotCounterexample(counterexample);
  if (notOurs) {
    io.stderr(`helmts check: ${notOurs}\n`);
    return 2;
  }
  let given: unknown;
  if (opts.values) {
    const read = readValuesOption(opts.values, io.cwd);
    if ('message' in read) {
      io.stderr(`helmts check: ${read.message}\n`);
      return read.code;
    }
    given = read.values;
  }
  const tmp = makeTempDir('check');
  const workDir = tmp.path;
  try {
    if (opts.values) {
      const r = await compareOnce(chart.definition, { chartDir, workDir, helm }, given, path.join(workDir, 'values.json'));
      if (r.difference) {
        io.stdout(`helmts check: ${opts.values} — helm ${helm} and the TypeScript render disagree:\n  ${r.difference}\n`);
        return 1;
      }
      io.stdout(`helmts check: ${opts.values} — helm ${helm} and the TypeScript render agree${r.bothRefused ? ' (both refuse these values)' : ''}\n`);
      return 0;
    }
    const started = performance.now();
    let lastReport = started;
    io.stderr(`helmts check ${chart.definition.name}: ${cases} cases on helm ${helm}, seed ${seed}\n`);
    const result = await checkChart(chart.definition, schema, {
      chartDir,
      workDir,
      cases,
      helm,
      seed,
      onProgress: (done) => {
        const now = performance.now();
        if (now - lastReport > 2000 || done === cases) {
          lastReport = now;
          io.stderr(`  ${done}/${cases} (${((done * 1000) / (now - started)).toFixed(1)} cases/s)\n`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = `${(result.cases / seconds).toFixed(1)} cases/s`;
    if (result.failure) {
      const out = counterexample;
      const shown = path.relative(io.cwd, out) || out;
      // The counterexample is the one file check writes; written whole (temporary sibling, then rename).
      fs.writeFileSync(`${out}.tmp-${process.pid}`, `# helmts check ${chart.definition.name} --seed ${seed}: ${result.failure.message.split('\n')[0]}\n${stringify(result.failure.values ?? {}, goYamlOptions)}`);
      fs.renameSync(`${out}.tmp-${process.pid}`, out);
      io.stdout(
        `helmts check: helm ${helm} and the TypeScript render of ${chart.definition.name} disagree (after ${result.cases} cases, seed ${seed}):\n` +
          `  ${result.failure.message}\n` +
          `shrunk values written to ${shown}; re-run with\n` +
          `  helmts check ${chart.definition.name} --helm ${helm} --values ${shown}\n` +
          `  helm template ${CHECK_RELEASE.name} ${chart.chartDir} -n ${CHECK_RELEASE.namespace} -f ${shown}\n`,
      );
      return 1;
    }
    io.stdout(
      `helmts check: ${chart.definition.name} agrees with helm ${helm} on ${result.cases} generated values` +
        `${result.bothRefused ? ` (${result.bothRefused} refused by both)` : ''} in ${seconds.toFixed(1)} s, ${rate}, seed ${seed}\n`,
    );
    return 0;
  } finally {
    tmp.remove();
  }
}
