/**
 * Render cost as the work grows: `helm template` of the generated chart next
 * to its static floor (see static-floor.ts), at several namespace counts, on
 * one Helm major version.
 *
 * Variants, all given the same `-f values.json` except the floor:
 * - `generated`: the chart as committed (snapshot taken at bench start);
 * - `noSchema`: the same without values.schema.json (isolates Helm's schema validation);
 * - `noNotes`: the same without templates/NOTES.txt, when the chart has one
 *   (diagnostic: `helm template` renders NOTES.txt but does not print it);
 * - `noNotesNoSchema`: without both (with NOTES.txt present, the schema's
 *   cost only shows next to `noNotes`);
 * - `floor`: the already-rendered manifests as static templates.
 * - `testsOff`, `testsOffNoSchema`: the chart and its no-schema copy with the
 *   knob `tests.enabled: false` (the only variants cheaper than the default
 *   values; their output is compared with the floor minus the test pods);
 * - `handWritten`: bench/hand-written, the fastest hand-written chart of the
 *   same application objects found (tests off, no schema), the reference for
 *   the generated templates' own cost;
 * - `egress` (with `egressRepoRoot`): `npm run egress -- -f values.yaml`
 *   end to end on the default values, paired with the tests-off render.
 *
 * Each size starts with one unrecorded round whose output is captured and
 * checked (every templated variant must print the floor's objects); then
 * rounds run every variant once, in an order rotated each round, so noise hits
 * them alike and each round gives one paired generated ÷ floor ratio. A run
 * that exceeds the timeout is killed; that variant is then reported as
 * "> timeout" at this size and every larger one, without running again.
 */
import * as fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as path from 'node:path';
import { parseManifests } from '../src/testing/parse-manifests';
import { documentInfo } from '../src/testing/document-info';
import { helmTemplate, type HelmMajor } from './helm';
import { dump } from 'js-yaml';
import { repeat, spawnMeasured, summarize, type ProcessRun, type RepeatPlan, type Samples } from './measure';
import { scaleValues } from './scale-values';
import { concreteManifests, writeStaticFloor } from './static-floor';

export type VariantName = 'generated' | 'noSchema' | 'noNotes' | 'noNotesNoSchema' | 'testsOff' | 'testsOffNoSchema' | 'handWritten' | 'floor' | 'egress';

export const VARIANT_LABELS: Record<VariantName, string> = {
  generated: 'generated',
  noSchema: 'no schema',
  noNotes: 'no NOTES',
  noNotesNoSchema: 'no NOTES, no schema',
  testsOff: 'knob tests.enabled=false',
  testsOffNoSchema: 'knob tests.enabled=false, no schema',
  handWritten: 'hand-written (tests off, no schema)',
  floor: 'static floor',
  egress: 'npm run egress -- -f values.yaml (default values)',
};

/** Variants rendered with the `tests.enabled: false` values file. */
export const TESTS_OFF: ReadonlySet<VariantName> = new Set(['testsOff', 'testsOffNoSchema', 'handWritten']);

/** The variants that run the chart's templates, in table order. */
export const TEMPLATED: ReadonlyArray<Exclude<VariantName, 'floor'>> = [
  'generated',
  'noSchema',
  'noNotes',
  'noNotesNoSchema',
  'testsOff',
  'testsOffNoSchema',
  'handWritten',
];

/** Paired ratios reported per size: [numerator, denominator]. */
export const PAIRS = {
  /** The default values against the knob: what the test pods cost. */
  testPods: ['generated', 'testsOff'],
  /** The generated templates against hand-written ones (both tests off, no schema). */
  templates: ['testsOffNoSchema', 'handWritten'],
  /** Helm's schema validation (tests off). */
  schema: ['testsOff', 'testsOffNoSchema'],
  /** The generated chart (tests off, with its schema) against the hand-written one (without a schema): issue 24's goal. */
  chart: ['testsOff', 'handWritten'],
  /** `npm run egress -- -f` end to end (default values; Helm 4 only) against the tests-off render. */
  egress: ['egress', 'testsOff'],
} as const satisfies Record<string, readonly [VariantName, VariantName]>;

/** The charts and values file of one size, shared by both Helm versions. */
export interface PreparedSize {
  namespaces: number;
  valuesFile: string;
  /** The same values with the knob `tests.enabled: false`. */
  testsOffValuesFile: string;
  /** Chart directory of every variant present. */
  charts: Partial<Record<VariantName, string>>;
  /** Documents the floor holds (= documents every variant prints). */
  documents: number;
  /** The default values as YAML, as users write them, for `npm run egress -- -f`. */
  egressValuesFile: string;
}

export interface VariantAtSize {
  status: 'ok' | 'timeout' | 'skipped';
  wallMs?: Samples;
  cpuMs?: Samples;
  peakRssMiB?: Samples;
  /** For `timeout`/`skipped`: the render takes at least this long. */
  lowerBoundMs?: number;
}

export interface SizeResult {
  namespaces: number;
  documents: number;
  /** Bytes helm printed for the floor. */
  manifestBytes: number;
  variants: Partial<Record<VariantName, VariantAtSize>>;
  /** Paired per-round ratios of each templated variant to the floor. */
  ratios: Partial<Record<Exclude<VariantName, 'floor'>, Samples>>;
  /** Paired per-round ratios of {@link PAIRS}. */
  pairs: Partial<Record<keyof typeof PAIRS, Samples>>;
  /** Every variant that finished printed the floor's objects (null: nothing to compare). */
  outputsMatch: boolean | null;
  outputNote: string;
}

export interface RenderScaling {
  major: HelmMajor;
  sizes: SizeResult[];
}

export interface ScalingOptions {
  /** Repetitions for a size (its warm-up/check round is extra). */
  planFor(namespaces: number): RepeatPlan;
  /** A single run longer than this is killed. */
  timeoutMs: number;
  /** Outputs of the same variants from another Helm version, to compare by text instead of parsing again. */
  reference?: Map<string, string>;
  /** Receives this run's captured outputs when they matched the floor, keyed `${namespaces}/${variant}`. */
  outputs?: Map<string, string>;
  /** Also time `npm run -s egress -- -f <values.yaml>` in this repository, in the same rounds (Helm 4: the command's helm). */
  egressRepoRoot?: string;
  log?(line: string): void;
}

type Docs = Array<{ template: string; doc: unknown }>;

function docs(stdout: string): Docs {
  return parseManifests(stdout).map((doc) => ({ template: documentInfo(doc)?.template ?? '?', doc }));
}

/** Compares what the variants printed: each templated variant must print the floor's objects, template by template. */
function checkOutputs(
  size: number,
  captured: Partial<Record<VariantName, string>>,
  reference: Map<string, string> | undefined,
): { match: boolean | null; note: string } {
  const floor = captured.floor;
  const templated = TEMPLATED.filter((v) => captured[v] !== undefined);
  if (floor === undefined || templated.length === 0) return { match: null, note: 'nothing to compare' };
  // Identical text to an already-checked output (same variant on the other Helm) is enough.
  const sameAsReference = (v: VariantName) => reference?.get(`${size}/${v}`) === captured[v];
  if (sameAsReference('floor') && templated.every(sameAsReference)) {
    return { match: true, note: 'text identical to the other Helm version (checked there)' };
  }
  const floorDocs = docs(floor);
  const withoutTests = floorDocs.filter((d) => !d.template.includes('/tests/'));
  const byText = new Map<string, boolean>();
  const mismatched = templated.filter((v) => {
    const text = captured[v] as string;
    const key = `${TESTS_OFF.has(v)}:${text}`;
    if (!byText.has(key)) byText.set(key, isDeepStrictEqual(docs(text), TESTS_OFF.has(v) ? withoutTests : floorDocs));
    return !byText.get(key);
  });
  if (mismatched.length > 0) return { match: false, note: `differs from the floor: ${mismatched.join(', ')}` };
  return { match: true, note: `${templated.join(', ')} print the floor's ${floorDocs.length} objects` };
}

/** Measures every size on one Helm version. */
export async function benchRenderScaling(
  major: HelmMajor,
  prepared: readonly PreparedSize[],
  options: ScalingOptions,
): Promise<RenderScaling> {
  const log = options.log ?? (() => undefined);
  const blocked = new Map<VariantName, number>(); // variant → timeout it hit at a smaller size
  const sizes: SizeResult[] = [];
  for (const size of prepared) {
    const names = (Object.keys(size.charts) as VariantName[]).filter((v) => size.charts[v] !== undefined);
    if (options.egressRepoRoot && size.namespaces >= 10) names.push('egress');
    const valuesFor = (v: VariantName) => (v === 'floor' ? undefined : TESTS_OFF.has(v) ? size.testsOffValuesFile : size.valuesFile);
    const runVariant = (v: VariantName, capture: boolean, timeoutMs: number): Promise<ProcessRun> =>
      v === 'egress'
        ? egressCommand(options.egressRepoRoot as string, size.egressValuesFile, size.charts.generated as string, capture, timeoutMs)
        : helmTemplate(major, size.charts[v] as string, valuesFor(v), { capture, timeoutMs });
    const variants: Partial<Record<VariantName, VariantAtSize>> = {};
    const captured: Partial<Record<VariantName, string>> = {};
    let manifestBytes = 0;
    let egressOk = false;

    // Warm-up round: unrecorded, captured, checked; finds the variants that time out.
    for (const v of names) {
      const earlier = blocked.get(v);
      if (earlier !== undefined) {
        variants[v] = { status: 'skipped', lowerBoundMs: earlier };
        continue;
      }
      const run = await runVariant(v, true, v === 'egress' ? options.timeoutMs * 3 : options.timeoutMs);
      if (run.timedOut) {
        variants[v] = { status: 'timeout', lowerBoundMs: options.timeoutMs };
        blocked.set(v, options.timeoutMs);
        log(`  helm${major} n=${size.namespaces} ${VARIANT_LABELS[v]}: killed after ${options.timeoutMs} ms`);
        continue;
      }
      if (v === 'egress') {
        egressOk = true;
        continue;
      }
      captured[v] = run.stdout;
      if (v === 'floor') manifestBytes = Buffer.byteLength(run.stdout);
    }
    const check = checkOutputs(size.namespaces, captured, options.reference);
    // Only checked, matching outputs may stand in for the other Helm version's (a mismatch is checked there again).
    if (check.match) for (const [v, text] of Object.entries(captured)) options.outputs?.set(`${size.namespaces}/${v}`, text);
    const active = names.filter((v) => captured[v] !== undefined || (v === 'egress' && egressOk));

    // Recorded rounds: every active variant once per round, order rotated.
    const rounds = await repeat(options.planFor(size.namespaces), async (round) => {
      const order = active.map((_, i) => active[(i + Math.max(round, 0)) % active.length]);
      const out: Partial<Record<VariantName, ProcessRun>> = {};
      for (const v of order) out[v] = await runVariant(v, false, v === 'egress' ? options.timeoutMs * 6 : options.timeoutMs * 2);
      return out;
    });
    for (const v of active) {
      const runs = rounds.map((r) => r[v] as ProcessRun);
      variants[v] = {
        status: 'ok',
        wallMs: summarize(runs.map((r) => r.wallMs)),
        cpuMs: summarize(runs.map((r) => r.cpuMs)),
        peakRssMiB: summarize(runs.map((r) => r.peakRssKiB / 1024)),
      };
    }
    const ratios: SizeResult['ratios'] = {};
    if (captured.floor !== undefined) {
      for (const v of TEMPLATED) {
        if (captured[v] === undefined) continue;
        ratios[v] = summarize(rounds.map((r) => (r[v] as ProcessRun).wallMs / (r.floor as ProcessRun).wallMs));
      }
    }
    const pairs: SizeResult['pairs'] = {};
    const ran = (v: VariantName) => active.includes(v);
    for (const [name, [a, b]] of Object.entries(PAIRS) as Array<[keyof typeof PAIRS, readonly [VariantName, VariantName]]>) {
      if (!ran(a) || !ran(b)) continue;
      pairs[name] = summarize(rounds.map((r) => (r[a] as ProcessRun).wallMs / (r[b] as ProcessRun).wallMs));
    }
    sizes.push({
      namespaces: size.namespaces,
      documents: size.documents,
      manifestBytes,
      variants,
      ratios,
      pairs,
      outputsMatch: check.match,
      outputNote: check.note,
    });
    const brief = names
      .map((v) => `${VARIANT_LABELS[v]} ${variants[v]?.wallMs ? `${Math.round(variants[v]?.wallMs?.median ?? 0)} ms` : `> ${variants[v]?.lowerBoundMs} ms`}`)
      .join(', ');
    log(`  helm${major} n=${size.namespaces}: ${brief} (${rounds.length} rounds; outputs ${check.match === null ? 'not compared' : check.match ? 'match' : 'DIFFER'})`);
  }
  return { major, sizes };
}

/** `npm run -s egress -- -f <file> --chart <the bench's copy of the chart>` in `repoRoot`; throws unless it exits 0 (a timeout is returned). */
async function egressCommand(repoRoot: string, file: string, chart: string, capture: boolean, timeoutMs: number): Promise<ProcessRun> {
  const run = await spawnMeasured('npm', ['run', '-s', 'egress', '--', '-f', file, '--chart', chart], { cwd: repoRoot, capture, timeoutMs });
  if (run.code !== 0 && !run.timedOut) throw new Error(`npm run egress -- -f ${file} failed (${run.code}):\n${run.stderr}`);
  return run;
}

/**
 * Writes the values files (the default values, test pods on; and with the knob
 * tests.enabled=false) and the static floor of one size under `root`; the
 * templated variants' charts do not depend on the size and are passed in.
 */
export function prepareSize(
  root: string,
  namespaces: number,
  templated: Partial<Record<Exclude<VariantName, 'floor'>, string>>,
  generatedChartDir: string,
): PreparedSize {
  const dir = path.join(root, `n${namespaces}`);
  fs.mkdirSync(dir, { recursive: true });
  const values = scaleValues(namespaces, { tests: true });
  const valuesFile = path.join(dir, 'values.json');
  fs.writeFileSync(valuesFile, JSON.stringify(values));
  const testsOffValuesFile = path.join(dir, 'values-tests-off.json');
  fs.writeFileSync(testsOffValuesFile, JSON.stringify(scaleValues(namespaces, { tests: false })));
  const egressValuesFile = path.join(dir, 'values.yaml');
  fs.writeFileSync(egressValuesFile, dump(values));
  const manifests = concreteManifests(values);
  const floor = path.join(dir, 'floor');
  writeStaticFloor(floor, generatedChartDir, manifests);
  return {
    namespaces,
    valuesFile,
    testsOffValuesFile,
    egressValuesFile,
    charts: { ...templated, floor },
    documents: manifests.reduce((n, t) => n + t.documents.length, 0),
  };
}
