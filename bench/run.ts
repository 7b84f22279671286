/**
 * `npm run bench [-- --quick] [-- --with-tests]`: measures generation, render
 * cost against a static floor as the namespaces grow (Helm 4 and 3), egress
 * analysis, values validation and the differential test case; prints a table
 * of figure | value | target | met? and writes bench/results.json (raw samples,
 * medians, machine). Reports, never gates: exits 0 whatever the figures say.
 *
 *   --quick       smoke run: sizes 1/10/100, fewer repeats, shorter helm timeout (~1 min)
 *   --with-tests  also run the whole Jest suite once (adds the suite's time, ~5 min here)
 *
 * Every repeated measurement has a time budget, and a global deadline cuts the
 * render repetitions to their minimum when earlier sections ran long; even so a
 * full run took 10 min on a 2-core machine (1,000-namespace renders of 4–8 s,
 * each variant at its minimum repeats on both Helm versions).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchAnalysis, type AnalysisResult } from './analysis';
import { benchCliStart, type CliStartResult } from './cli-start';
import { benchCliEndToEnd, type CliEndToEndResult } from './cli-end-to-end';
import { benchDifferentialCases, type DifferentialResult } from './differential-case';
import { analysisFigures, cliEndToEndFigures, cliFigures, differentialFigures, generationFigures, renderFigures, suiteFigures, unittestFigures } from './figures';
import { benchGeneration, CHART_DIR, type GenerationResult } from './generation';
import { cleanupHelmHome, helmVersion } from './helm';
import { MEMORY_METHOD, type RepeatPlan } from './measure';
import { benchRenderScaling, prepareSize, type RenderScaling, type VariantName } from './render-scaling';
import { formatTable, tally, writeResults, type Figure } from './report';
import { writeChartWithout, writeHandWritten } from './static-floor';
import { TARGETS } from './targets';
import { benchTestSuite, type TestSuiteResult } from './test-suite';
import { HOSTS_PER_LISTENER, LISTENERS, SERVICE_PORTS } from './scale-values';
import { benchUnittestSuites, type UnittestChartResult } from './unittest-suites';

const REPO_ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(REPO_ROOT, 'bench', 'results.json');

interface Settings {
  quick: boolean;
  withTests: boolean;
  sizes: number[];
  helmTimeoutMs: number;
  /** Render repetitions are cut to their minimum after this many ms of bench time. */
  softDeadlineMs: number;
  coldGen: RepeatPlan;
  warmGen: RepeatPlan;
  analysis: { report: { warmup: number; runs: number }; full: { warmup: number; runs: number } };
  cli: { node: RepeatPlan; npm: RepeatPlan };
  differentialCases: number;
  renderPlan(namespaces: number, deadline: number): RepeatPlan;
}

const plan = (warmup: number, minRuns: number, maxRuns: number, budgetMs: number): RepeatPlan => ({ warmup, minRuns, maxRuns, budgetMs });

function settings(argv: string[]): Settings {
  const unknown = argv.filter((a) => !['--quick', '--with-tests'].includes(a));
  if (unknown.length > 0) console.log(`bench: ignoring unknown arguments ${unknown.join(' ')} (known: --quick, --with-tests)`);
  const quick = argv.includes('--quick');
  const withTests = argv.includes('--with-tests');
  if (quick) {
    return {
      quick,
      withTests,
      sizes: [1, 10, 100],
      helmTimeoutMs: TARGETS.render.quickTimeoutMs,
      softDeadlineMs: 60_000,
      coldGen: plan(0, 1, 1, 0),
      warmGen: plan(1, 2, 3, 1500),
      analysis: { report: { warmup: 0, runs: 1 }, full: { warmup: 0, runs: 1 } },
      cli: { node: plan(0, 2, 2, 0), npm: plan(0, 1, 1, 0) },
      differentialCases: 3,
      renderPlan: (_n, deadline) => ({ ...plan(0, 2, 3, 1500), deadline }),
    };
  }
  return {
    quick,
    withTests,
    sizes: [1, 10, 100, 1000],
    helmTimeoutMs: TARGETS.render.timeoutMs,
    softDeadlineMs: 230_000,
    coldGen: plan(1, 3, 5, 15_000),
    warmGen: plan(1, 5, 15, 6000),
    analysis: { report: { warmup: 1, runs: 5 }, full: { warmup: 1, runs: 3 } },
    cli: { node: plan(1, 5, 10, 5000), npm: plan(1, 3, 6, 6000) },
    differentialCases: 10,
    renderPlan: (n, deadline) =>
      // At least 5 interleaved rounds at every size: the paired ratios' min / median / max need them.
      n >= 1000 ? { ...plan(0, 5, 6, 22_000), deadline } : n >= 100 ? { ...plan(0, 5, 10, 8000), deadline } : { ...plan(0, 5, 15, 5000), deadline },
  };
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadStart = os.loadavg();
  const s = settings(process.argv.slice(2));
  const deadline = started + s.softDeadlineMs;
  const log = (line: string) => console.log(`[${seconds(performance.now() - started).padStart(7)}] ${line}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-bench-'));
  const figures: Figure[] = [];
  const raw: {
    generation?: GenerationResult;
    render: Array<RenderScaling & { version: string }>;
    analysis?: AnalysisResult;
    validate?: CliStartResult;
    endToEnd?: CliEndToEndResult;
    differential?: DifferentialResult;
    tests?: TestSuiteResult;
    unittest?: UnittestChartResult[];
    errors: string[];
  } = { render: [], errors: [] };
  /** A failing section is reported and the bench goes on: it reports, it does not gate. */
  const section = async (name: string, fn: () => Promise<void>) => {
    log(`${name} …`);
    try {
      await fn();
    } catch (error) {
      const message = `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
      raw.errors.push(message);
      log(message);
    }
  };

  const helm = { 3: await helmVersion(3), 4: await helmVersion(4) };
  log(`bench ${s.quick ? '--quick' : 'full'}${s.withTests ? ' --with-tests' : ''}: ${os.cpus().length} cpus, node ${process.version}, helm ${helm[4]} / ${helm[3]}, load ${loadStart.map((l) => l.toFixed(2)).join(' ')}`);

  // The chart as committed, copied once: other work may rebuild charts/ while the bench runs.
  const chart = path.join(tmp, 'charts', path.basename(CHART_DIR));
  fs.cpSync(path.join(REPO_ROOT, CHART_DIR), chart, { recursive: true });
  const templated: Partial<Record<Exclude<VariantName, 'floor'>, string>> = { generated: chart };
  templated.noSchema = path.join(tmp, 'charts', 'no-schema');
  writeChartWithout(templated.noSchema, chart, ['values.schema.json']);
  templated.testsOff = chart;
  templated.testsOffNoSchema = templated.noSchema;
  templated.handWritten = path.join(tmp, 'charts', 'hand-written');
  writeHandWritten(templated.handWritten, chart);
  if (fs.existsSync(path.join(chart, 'templates', 'NOTES.txt'))) {
    templated.noNotes = path.join(tmp, 'charts', 'no-notes');
    writeChartWithout(templated.noNotes, chart, ['templates/NOTES.txt']);
    templated.noNotesNoSchema = path.join(tmp, 'charts', 'no-notes-no-schema');
    writeChartWithout(templated.noNotesNoSchema, chart, ['templates/NOTES.txt', 'values.schema.json']);
  }

  await section('generation', async () => {
    raw.generation = await benchGeneration(REPO_ROOT, path.join(tmp, 'generation'), { cold: s.coldGen, warm: s.warmGen });
    const g = raw.generation;
    log(`  cold ${Math.round(g.cold.wall.median)} ms, warm ${Math.round(g.warm.total.median)} ms; CLI: ${g.cli.ran ? `${Math.round(g.cli.wallMs ?? 0)} ms, unchanged=${g.cli.unchanged}` : g.cli.note}`);
    figures.push(...generationFigures(g));
  });

  await section('egress analysis', async () => {
    raw.analysis = await benchAnalysis(REPO_ROOT, 1000, s.analysis);
    log(`  report ${Math.round(raw.analysis.report.ms.median)} ms, full ${Math.round(raw.analysis.full.ms.median)} ms`);
    figures.push(...analysisFigures(raw.analysis));
  });

  await section('validate-values start-up', async () => {
    raw.validate = await benchCliStart(REPO_ROOT, 'values/seed.yaml', s.cli);
    log(`  node ${Math.round(raw.validate.node.ms.median)} ms, npm ${Math.round(raw.validate.npm.ms.median)} ms`);
    figures.push(...cliFigures(raw.validate));
  });

  await section('commands end to end (default values)', async () => {
    const sizes = s.quick ? [100] : [100, 1000];
    raw.endToEnd = await benchCliEndToEnd(REPO_ROOT, path.join(tmp, 'end-to-end'), chart, sizes, s.quick ? plan(0, 1, 1, 0) : plan(0, 3, 5, 25_000));
    for (const c of raw.endToEnd.commands) log(`  n=${c.namespaces} ${c.command}: ${Math.round(c.wallMs.median)} ms, ${Math.round(c.peakRssMiB.median)} MiB`);
    if (raw.endToEnd.payload) log(`  release payload n=${raw.endToEnd.payload.namespaces}: ${Math.round(raw.endToEnd.payload.stored / 1024)} KiB stored`);
    figures.push(...cliEndToEndFigures(raw.endToEnd));
  });

  await section('differential cases', async () => {
    raw.differential = await benchDifferentialCases(chart, path.join(tmp, 'differential'), s.differentialCases, s.helmTimeoutMs * 2);
    log(`  ${Math.round(raw.differential.total.median)} ms per case (helm ${Math.round(raw.differential.steps.helm.median)} ms)`);
    figures.push(...differentialFigures(raw.differential));
  });

  await section(`render scaling (${s.sizes.join(', ')} namespaces; ${SERVICE_PORTS} ports, ${LISTENERS}×${HOSTS_PER_LISTENER} Sidecar hosts each)`, async () => {
    const prepared = s.sizes.map((n) => prepareSize(path.join(tmp, 'render'), n, templated, chart));
    const helm4Outputs = new Map<string, string>();
    for (const major of [4, 3] as const) {
      const r = await benchRenderScaling(major, prepared, {
        planFor: (n) => s.renderPlan(n, deadline),
        timeoutMs: s.helmTimeoutMs,
        reference: major === 3 ? helm4Outputs : undefined,
        outputs: major === 4 ? helm4Outputs : undefined,
        // npm run egress renders with Helm 4: paired with Helm 4's tests-off render, from 10 namespaces up.
        egressRepoRoot: major === 4 ? REPO_ROOT : undefined,
        log,
      });
      raw.render.push({ ...r, version: helm[major] });
      figures.push(...renderFigures(r, helm[major]));
    }
  });

  await section('helm-unittest suites (helmts test --unittest, vendored charts, Helm 4)', async () => {
    const charts = s.quick ? ['reloader', 'flux2'] : ['reloader', 'flux2', 'jenkins'];
    raw.unittest = await benchUnittestSuites(REPO_ROOT, charts, s.quick ? plan(0, 1, 1, 0) : plan(0, 3, 3, 0));
    for (const r of raw.unittest) {
      log(`  ${r.chart}: ${r.tests} tests in ${Math.round(r.runnerMs.median)} ms (${(r.tests / (r.runnerMs.median / 1000)).toFixed(1)} tests/s); floor ${r.distinctRenders} helm template in ${Math.round(r.floorMs.median)} ms`);
    }
    figures.push(...unittestFigures(raw.unittest));
  });

  if (s.withTests) {
    await section('jest suite (--with-tests)', async () => {
      raw.tests = await benchTestSuite(REPO_ROOT, path.join(tmp, 'jest'), 20 * 60_000);
      log(`  ${seconds(raw.tests.wallMs)}, ${raw.tests.passed}/${raw.tests.tests} passed, ${raw.tests.helmTemplateRuns} helm template renders`);
      for (const f of raw.tests.slowestFiles.slice(0, 3)) log(`    ${seconds(f.ms)}  ${f.file} (${f.tests} tests)`);
      figures.push(...suiteFigures(raw.tests));
    });
  }

  const totalMs = performance.now() - started;
  const loadEnd = os.loadavg();
  const t = tally(figures);
  console.log('');
  console.log(formatTable(figures));
  console.log('');
  console.log(
    `${t.met} met, ${t.notMet} not met, ${t.unknown} unknown, ${t.informational} informational; ` +
      `bench wall time ${seconds(totalMs)}; load ${loadStart.map((l) => l.toFixed(2)).join(' ')} → ${loadEnd.map((l) => l.toFixed(2)).join(' ')}` +
      `; peak memory by ${MEMORY_METHOD}`,
  );
  for (const e of raw.errors) console.log(`error: ${e}`);
  writeResults(RESULTS, {
    mode: s.quick ? 'quick' : 'full',
    withTests: s.withTests,
    startedAt,
    finishedAt: new Date().toISOString(),
    totalWallMs: totalMs,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
      platform: `${process.platform}/${process.arch}`,
      node: process.version,
      helm,
      memoryMethod: MEMORY_METHOD,
      loadAverageStart: loadStart,
      loadAverageEnd: loadEnd,
      gitHead: gitHead(),
    },
    targets: JSON.parse(JSON.stringify(TARGETS)) as unknown,
    renderTargetsByNamespaces: Object.fromEntries(s.sizes.map((n) => [n, TARGETS.render.wallMs(n)])),
    summary: t,
    figures,
    raw,
  });
  console.log(`wrote ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  cleanupHelmHome();
}

main()
  .catch((error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  })
  .finally(() => {
    process.exitCode = 0; // reports, never gates
  });
