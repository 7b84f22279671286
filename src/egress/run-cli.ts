/**
 * `npm run egress -- …`: argument handling and output for the egress analyzer.
 * Exit codes: 0 success (and all --expect entries match), 1 an expectation differs,
 * 2 a user mistake (one line on stderr, never a stack trace).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeEgressReport } from './analyze';
import type { EgressReport } from './egress-report';
import { compareExpectations, parseExpectations } from './expectations';
import { formatWorkloadSection } from './format-text';
import { parseIstioVersion } from './istio-version';
import { InputError, parseManifestYaml, parseYamlDocument, readInput } from './load-manifests';
import { DEFAULT_ISTIO_VERSION, DEFAULT_MESH_MODE, DEFAULT_ROOT_NAMESPACE, type Manifest, type OutboundMode } from './types';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): string;
  /** Renders a chart: `helm template egress-check <chart> -f …`. */
  renderChart(chartDir: string, valueFiles: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export const DEFAULT_CHART = 'charts/helloworld-egress';

export const USAGE = `usage: npm run egress -- (--manifests <file|-> … | -f <values.yaml> … [--chart <dir>])
         [--mesh-mode ALLOW_ANY|REGISTRY_ONLY] [--root-namespace <ns>] [--istio-version <x.y>]
         [--external-probe <host:port> …] [--json] [--expect <expectations.yaml>]`;

const OPTIONS = {
  manifests: { type: 'string', multiple: true },
  values: { type: 'string', short: 'f', multiple: true },
  chart: { type: 'string' },
  'mesh-mode': { type: 'string' },
  'root-namespace': { type: 'string' },
  'istio-version': { type: 'string' },
  json: { type: 'boolean' },
  expect: { type: 'string' },
  'external-probe': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0]);
  }
}

function meshModeOf(value: string | undefined): OutboundMode {
  if (value === undefined) return DEFAULT_MESH_MODE;
  if (value === 'ALLOW_ANY' || value === 'REGISTRY_ONLY') return value;
  throw new InputError(`--mesh-mode must be ALLOW_ANY or REGISTRY_ONLY, not "${value}"`);
}

async function loadManifests(args: ReturnType<typeof parseCliArgs>, io: CliIo): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  let stdinUsed = false;
  for (const file of args.manifests ?? []) {
    if (file === '-') {
      if (stdinUsed) throw new InputError('--manifests - (stdin) can be given only once');
      stdinUsed = true;
    }
    manifests.push(...parseManifestYaml(readInput(file, () => io.readStdin()), file === '-' ? '<stdin>' : file));
  }
  if (args.values || args.chart) {
    const chart = args.chart ?? DEFAULT_CHART;
    if (!fs.existsSync(path.join(chart, 'Chart.yaml'))) throw new InputError(`chart not found: ${chart} (no Chart.yaml)`);
    for (const v of args.values ?? []) readInput(v);
    const r = await io.renderChart(chart, args.values ?? []);
    if (r.code !== 0) {
      const line = r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${r.code}`;
      throw new InputError(`helm template ${chart} failed: ${line.trim()}`);
    }
    manifests.push(...parseManifestYaml(r.stdout, `helm template ${chart}`));
  }
  return manifests;
}

function printText(report: EgressReport, header: string, io: CliIo): void {
  const lines = [header, closedWorld(report), ''];
  for (const w of report.workloads) lines.push(...formatWorkloadSection(w, report.probesFrom(w.workload)));
  if (report.workloads.length === 0) lines.push('(no workloads in the input)', '');
  io.stdout(lines.join('\n'));
}

function closedWorld(report: EgressReport): string {
  return (
    `Closed world: only the ${report.serviceCount} Service(s) in the input exist; a real cluster also has ` +
    `kubernetes, kube-dns, istiod, gateways… which a "*/*" import would add (and can turn a reset into a 502).`
  );
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (!args.manifests && !args.values && !args.chart) throw new InputError(`nothing to analyse: give --manifests or -f\n${USAGE}`);
  const meshMode = meshModeOf(args['mesh-mode']);
  const istioVersion = args['istio-version'] ?? DEFAULT_ISTIO_VERSION;
  try {
    parseIstioVersion(istioVersion);
  } catch (e) {
    throw new InputError(`--istio-version: ${(e as Error).message}`);
  }
  const rootNamespace = args['root-namespace'] ?? DEFAULT_ROOT_NAMESPACE;
  const expectations = args.expect
    ? parseExpectations(parseYamlDocument(readInput(args.expect), args.expect), args.expect)
    : null;
  const manifests = await loadManifests(args, io);

  const report = analyzeEgressReport(manifests, { meshMode, rootNamespace, istioVersion, externalProbes: args['external-probe'] ?? [] });
  const header = `Istio ${parseIstioVersion(istioVersion).text} · mesh outboundTrafficPolicy ${meshMode} · root namespace ${rootNamespace}`;
  if (args.json) {
    report.writeJson((chunk) => io.stdout(chunk));
    io.stdout('\n');
    io.stderr(`egress: ${closedWorld(report)}\n`);
  } else {
    printText(report, header, io);
  }
  for (const w of report.warnings) io.stderr(`egress: warning: ${w}\n`);

  if (!expectations) return 0;
  const mismatches = compareExpectations(report, expectations);
  for (const m of mismatches) {
    io.stderr(`MISMATCH ${m.from} → ${m.to}: expected ${m.outcome}, predicted ${m.predicted ?? 'nothing'} (${m.reason})\n`);
  }
  io.stderr(
    mismatches.length === 0
      ? `egress: all ${expectations.length} expectation(s) match\n`
      : `egress: ${mismatches.length} of ${expectations.length} expectation(s) differ\n`,
  );
  return mismatches.length === 0 ? 0 : 1;
}

/** Runs the CLI and resolves with its exit code; never throws. */
export async function runEgressCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`egress: ${e.message}\n`);
      return 2;
    }
    io.stderr(`egress: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 3;
  }
}
