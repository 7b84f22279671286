/**
 * Turns the measurements into table rows ({@link Figure}s) against {@link TARGETS},
 * and computes the growth exponents of the render benchmark.
 */
import type { AnalysisResult } from './analysis';
import type { CliStartResult } from './cli-start';
import type { CliEndToEndResult } from './cli-end-to-end';
import type { DifferentialResult } from './differential-case';
import type { GenerationResult } from './generation';
import { logLogSlope, type Samples } from './measure';
import type { RenderScaling, SizeResult, VariantName } from './render-scaling';
import { VARIANT_LABELS } from './render-scaling';
import type { Check, Figure } from './report';
import { TARGETS } from './targets';
import type { TestSuiteResult } from './test-suite';
import type { UnittestChartResult } from './unittest-suites';

const ms = (value: number, limit: number, op: Check['op'] = '<', lowerBound = false): Check => ({ value, unit: 'ms', op, limit, lowerBound });
const mib = (value: number, limit: number): Check => ({ value, unit: 'MiB', op: '<', limit });
const yes = (value: boolean): Check => ({ value: value ? 1 : 0, unit: 'bool', op: '=', limit: 1 });

export function generationFigures(g: GenerationResult): Figure[] {
  const T = TARGETS.generation;
  const s = 'generation (npm run build-chart)';
  const c = g.cold.split;
  const w = g.warm.split;
  const out: Figure[] = [
    { section: s, name: 'cold: fresh process, generate + write (median)', checks: [ms(g.cold.wall.median, T.coldMs), mib(g.cold.peakRssMiB.median, T.peakRssMiB)] },
    { section: s, name: '  cold: node + tsx + imports', checks: [ms(c.startup.median, T.coldStartupMs)] },
    { section: s, name: '  cold: schema (TS types → JSON schema)', checks: [ms(c.schema.median, T.coldSchemaMs)] },
    { section: s, name: '  cold: templates', checks: [ms(c.templates.median, T.coldTemplatesMs)] },
    { section: s, name: '  cold: text (README, NOTES)', checks: [ms(c.text.median, T.coldTextMs)] },
    { section: s, name: '  cold: write', checks: [ms(c.write.median, T.coldWriteMs)] },
  ];
  if (g.cli.ran) {
    out.push({ section: s, name: 'real CLI once (node bin/helmts.js build)', checks: [ms(g.cli.wallMs ?? Number.NaN, T.coldMs)] });
    out.push({ section: s, name: '  real CLI left charts/ and schema/ unchanged', checks: [yes(g.cli.unchanged === true)] });
  }
  out.push(
    { section: s, name: 'committed chart = fresh generation', checks: [yes(g.freshMatchesCommitted)] },
    { section: s, name: 'warm: in-process rebuild (median)', checks: [ms(g.warm.total.median, T.warmMs)] },
    { section: s, name: '  warm: schema', checks: [ms(w.schema.median, T.warmSchemaMs)] },
    { section: s, name: '  warm: templates', checks: [ms(w.templates.median, T.warmTemplatesMs)] },
    { section: s, name: '  warm: text', checks: [ms(w.text.median, T.warmTextMs)] },
    { section: s, name: '  warm: write', checks: [ms(w.write.median, T.warmWriteMs)] },
  );
  return out;
}

/** Median wall time of a variant at a size, or its lower bound when it was killed. */
function timeOf(size: SizeResult, v: VariantName): { t: number; lowerBound: boolean } | undefined {
  const r = size.variants[v];
  if (!r) return undefined;
  if (r.status === 'ok' && r.wallMs) return { t: r.wallMs.median, lowerBound: false };
  return { t: r.lowerBoundMs ?? Number.NaN, lowerBound: true };
}

export interface Growth {
  exponent: number;
  /** The true exponent is at least this (some sizes were killed at the timeout). */
  lowerBound: boolean;
  from: number;
  to: number;
}

/**
 * Growth exponent k of time ∝ sizeᵏ over the sizes ≥ `minSize`: the least-squares
 * slope of log(time) on log(size) when every size finished; otherwise the largest
 * slope from the smallest finished size to a killed one (a lower bound).
 * `minus` is subtracted from every time first (for the marginal exponent).
 */
export function growth(sizes: readonly SizeResult[], v: VariantName, minSize = 10, minus = 0): Growth | undefined {
  const pts = sizes
    .filter((s) => s.namespaces >= minSize)
    .map((s) => ({ n: s.namespaces, ...(timeOf(s, v) ?? { t: Number.NaN, lowerBound: false }) }))
    .filter((p) => Number.isFinite(p.t));
  const exact = pts.filter((p) => !p.lowerBound && p.t - minus > 0);
  const bounds = pts.filter((p) => p.lowerBound);
  if (bounds.length === 0) {
    if (exact.length < 2) return undefined;
    return {
      exponent: logLogSlope(exact.map((p) => ({ x: p.n, y: p.t - minus }))),
      lowerBound: false,
      from: exact[0].n,
      to: exact[exact.length - 1].n,
    };
  }
  const base = exact[0];
  if (!base) return undefined;
  let best: Growth | undefined;
  for (const b of bounds.filter((p) => p.n > base.n)) {
    const k = Math.log((b.t - minus) / (base.t - minus)) / Math.log(b.n / base.n);
    if (!best || k > best.exponent) best = { exponent: k, lowerBound: true, from: base.n, to: b.n };
  }
  return best;
}

/** `(min 1.02, max 1.31, 5 rounds; +12 % over the goal)`: the spread of paired ratios and, when missed, by how much. */
export function ratioSpread(ratio: Samples, limit: number | undefined): string {
  const over = limit !== undefined && ratio.median > limit ? `; ${((ratio.median / limit - 1) * 100).toFixed(0)} % over the goal` : '';
  return `(min ${ratio.min.toFixed(2)}, max ${ratio.max.toFixed(2)}, ${ratio.samples.length} rounds${over})`;
}

export function renderFigures(r: RenderScaling, version: string): Figure[] {
  const T = TARGETS.render;
  const s = `render: helm ${r.major} (${version}) template, n namespaces`;
  const out: Figure[] = [];
  const largest = Math.max(...r.sizes.map((x) => x.namespaces));
  for (const size of r.sizes) {
    const n = size.namespaces;
    for (const v of Object.keys(size.variants) as VariantName[]) {
      const res = size.variants[v];
      if (!res) continue;
      const t = timeOf(size, v);
      const checks: Check[] = [ms(t?.t ?? Number.NaN, T.wallMs(n), '<', t?.lowerBound)];
      if (res.peakRssMiB) checks.push(mib(res.peakRssMiB.median, T.peakRssMiB));
      out.push({
        section: s,
        name: `n=${n} ${VARIANT_LABELS[v]}${v === 'floor' ? ` (${size.documents} docs)` : ''}`,
        checks,
        suffix: res.status === 'skipped' ? '(not run: killed at a smaller n)' : res.status === 'timeout' ? '(killed)' : undefined,
        informational: v === 'noNotes' || v === 'noNotesNoSchema' || v === 'testsOff' || v === 'testsOffNoSchema' || v === 'handWritten',
      });
    }
    const chartGoal = r.major === 4 ? T.chartRatio.helm4 : T.chartRatio.helm3;
    const pairRows: Array<[keyof SizeResult['pairs'], string, number | undefined]> = [
      ['chart', 'generated chart with its schema ÷ fastest hand-written without one (tests off)', chartGoal],
      ['testPods', 'default values ÷ knob tests.enabled=false (test pods\' cost)', T.testPodsRatio],
      ['egress', 'npm run egress -- -f (default values) ÷ tests-off render', T.egressRatio],
      ['templates', 'generated ÷ hand-written templates (tests off, no schema)', T.handWrittenRatio],
      ['schema', 'schema validation: with ÷ without values.schema.json (tests off)', T.schemaRatio],
    ];
    for (const [pair, label, limit] of pairRows) {
      const ratio = size.pairs?.[pair];
      if (ratio === undefined || n < 10) continue;
      out.push({
        section: s,
        name: `n=${n} ${label}`,
        checks: [{ value: ratio.median, unit: 'x', op: '<=', limit: limit ?? 1 }],
        suffix: ratioSpread(ratio, limit),
        informational: limit === undefined || n !== largest,
      });
    }
    const floor = timeOf(size, 'floor');
    const gen = timeOf(size, 'generated');
    if (floor && gen && !floor.lowerBound) {
      const ratio = size.ratios.generated?.median ?? gen.t / floor.t;
      const overhead = gen.t - floor.t;
      const checks: Check[] =
        n === largest
          ? [{ value: ratio, unit: 'x', op: '<=', limit: T.ratioAtLargest, lowerBound: gen.lowerBound }]
          : [ms(overhead, T.overheadMs, '<=', gen.lowerBound)];
      out.push({
        section: s,
        name: n === largest ? `n=${n} generated ÷ floor` : `n=${n} generated − floor`,
        checks,
        suffix: n === largest ? `(+${Math.round(overhead)} ms)` : `(${gen.lowerBound ? '> ' : ''}${ratio.toFixed(2)}×)`,
      });
      for (const v of ['noSchema', 'noNotes', 'noNotesNoSchema'] as const) {
        const t = timeOf(size, v);
        if (n !== largest || !t) continue;
        out.push({
          section: s,
          name: `n=${n} ${VARIANT_LABELS[v]} ÷ floor`,
          checks: [{ value: size.ratios[v]?.median ?? t.t / floor.t, unit: 'x', op: '<=', limit: T.ratioAtLargest, lowerBound: t.lowerBound }],
          informational: true,
        });
      }
    }
    if (size.outputsMatch === false) {
      out.push({ section: s, name: `n=${n} outputs match the floor`, checks: [yes(false)], suffix: size.outputNote });
    }
  }
  const one = r.sizes.find((x) => x.namespaces === 1);
  const t1 = one ? timeOf(one, 'generated') : undefined;
  const exps: Array<[string, Growth | undefined, boolean]> = [
    ['growth exponent, generated', growth(r.sizes, 'generated'), false],
    ['growth exponent, floor', growth(r.sizes, 'floor'), true],
    ['growth exponent, no NOTES', growth(r.sizes, 'noNotes'), true],
    [
      'marginal exponent, generated − its n=1 time',
      t1 && !t1.lowerBound ? (growth(r.sizes, 'generated', largest >= 1000 ? 100 : 10, t1.t) ?? growth(r.sizes, 'generated', 10, t1.t)) : undefined,
      false,
    ],
  ];
  for (const [name, g, info] of exps) {
    if (!g) continue;
    out.push({
      section: s,
      name: `${name} (${g.from}→${g.to})`,
      checks: [{ value: g.exponent, unit: 'exp', op: '<=', limit: T.exponent, lowerBound: g.lowerBound }],
      informational: info,
    });
  }
  const mismatched = r.sizes.filter((x) => x.outputsMatch === false).length;
  const compared = r.sizes.filter((x) => x.outputsMatch !== null).length;
  out.push({ section: s, name: `outputs equal the floor's objects (${compared} sizes compared)`, checks: [yes(mismatched === 0 && compared > 0)] });
  return out;
}

export function analysisFigures(a: AnalysisResult): Figure[] {
  const T = TARGETS.analysis;
  const s = `egress analysis, synthetic ${a.namespaces} namespaces`;
  return [
    { section: s, name: `analyzeEgressReport (${a.report.probes} probes decided)`, checks: [ms(a.report.ms.median, T.reportMs)] },
    {
      section: s,
      name: `analyzeEgress (${a.full.probes} probe objects)`,
      checks: [ms(a.full.ms.median, T.fullMs), mib(a.full.maxRssMiB, T.fullRssMiB)],
      informational: true,
    },
  ];
}

export function cliFigures(c: CliStartResult): Figure[] {
  const T = TARGETS.cli;
  const s = 'values validation, process start included';
  return [
    {
      section: s,
      name: `node bin/helmts.js validate ${c.file}${c.compiled ? '' : ' (tsx, no dist/)'}`,
      checks: [ms(c.node.ms.median, T.validateMs), mib(c.node.peakRssMiB.median, TARGETS.render.peakRssMiB)],
    },
    { section: s, name: `npm run -s validate-values -- ${c.file}`, checks: [ms(c.npm.ms.median, T.validateNpmMs)] },
  ];
}

export function differentialFigures(d: DifferentialResult): Figure[] {
  const T = TARGETS.tests;
  const s = `tests: differential case (helm 4), ${d.cases.length} cases`;
  return [
    { section: s, name: 'per case, total (median)', checks: [ms(d.total.median, T.differentialCaseMs)] },
    { section: s, name: '  helm template', checks: [ms(d.steps.helm.median, T.differentialCaseMs)], informational: true },
    {
      section: s,
      name: '  schema + parse/validate + TS render + compare',
      checks: [ms(d.steps.schema.median + d.steps.parse.median + d.steps.concrete.median + d.steps.compare.median, T.differentialCaseMs)],
      informational: true,
    },
    { section: s, name: '  slowest case', checks: [ms(d.total.max, T.differentialCaseMs * 4)], informational: true },
    { section: s, name: 'cases where helm and TypeScript agree', checks: [{ value: d.agreed, unit: 'count', op: '=', limit: d.cases.length }] },
  ];
}

export function suiteFigures(t: TestSuiteResult): Figure[] {
  const T = TARGETS.tests;
  const s = 'tests: full jest suite (--with-tests)';
  return [
    { section: s, name: `jest --ci --silent wall time (${t.suites} files, ${t.tests} tests)`, checks: [ms(t.wallMs, T.suiteMs, '<', t.timedOut)] },
    { section: s, name: 'failed tests', checks: [{ value: t.failed, unit: 'count', op: '=', limit: 0 }] },
    {
      section: s,
      name: 'helm template renders (toolkit, whole run)',
      checks: [{ value: t.helmTemplateRuns, unit: 'count', op: '<=', limit: T.helmTemplateRuns }],
      informational: true,
    },
  ];
}

export function cliEndToEndFigures(c: CliEndToEndResult): Figure[] {
  const T = TARGETS.endToEnd;
  const s = 'commands end to end (npm run …, default values: test pods on)';
  const out: Figure[] = c.commands.map((r) => {
    const egress = r.command.startsWith('npm run egress');
    return {
      section: s,
      name: `n=${r.namespaces} ${r.command}${r.exitCode === 0 ? '' : ` (exit ${r.exitCode})`}`,
      checks: [ms(r.wallMs.median, egress ? T.egressMs : T.validateMs), mib(r.peakRssMiB.median, egress ? T.egressRssMiB : T.validateRssMiB)],
      suffix: `(${Math.round(r.outputBytes / 1024)} KiB out)`,
      informational: r.namespaces < 1000,
    };
  });
  if (c.payload) {
    out.push({
      section: s,
      name: `n=${c.payload.namespaces} helm release Secret payload (JSON ${Math.round(c.payload.json / 1024)} KiB → gzip ${Math.round(c.payload.gzip / 1024)} KiB → base64)`,
      checks: [{ value: c.payload.stored / 1024, unit: 'KiB', op: '<', limit: T.releaseKiB }],
    });
  }
  return out;
}

export function unittestFigures(results: UnittestChartResult[]): Figure[] {
  const T = TARGETS.unittest;
  const s = 'helmts test --unittest (vendored helm-unittest suites, Helm 4) vs one helm template per distinct render';
  return results.flatMap((r) => {
    const perTest = r.runnerMs.median / r.tests;
    const floorPerTest = r.floorMs.median / r.tests;
    return [
      {
        section: s,
        name: `${r.chart}: ${r.tests} tests, ${r.distinctRenders} distinct renders — per test (${(1000 / perTest).toFixed(1)} tests/s; floor ${Math.round(floorPerTest)} ms)${r.exitCode === 0 ? '' : ` (exit ${r.exitCode}: the suites' RELEASE-NAME artefacts)`}`,
        checks: [ms(perTest, T.perTestMs)],
      },
      { section: s, name: `${r.chart}: runner ÷ floor`, checks: [{ value: r.runnerMs.median / r.floorMs.median, unit: 'x' as const, op: '<=' as const, limit: T.floorRatio }] },
    ];
  });
}
