/**
 * `npm run egress -- …`: argument handling and output for the egress analyzer.
 * Exit codes: 0 success (and all --expect entries match), 1 an expectation differs,
 * 2 a user mistake (one line on stderr, never a stack trace).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { EgressReport } from './egress-report';
import { compareExpectations, parseExpectations } from './expectations';
import { parseIstioVersion, versionFeatures } from './istio-version';
import { sidecarValidationProblems } from './sidecar-validation';
import { duplicateObjects, originOf } from './object-identity';
import { admissionRefusals } from './admission';
import { InputError, parseManifestYaml, parseYamlDocument, readInput } from './load-manifests';
import { SUMMARY_THRESHOLD, selectedProbeCount, writeJson, writeText, type ReportFilter, type Write } from './report-output';
import { DEFAULT_ISTIO_VERSION, DEFAULT_MESH_MODE, DEFAULT_ROOT_NAMESPACE, type Manifest, type OutboundMode } from './types';

export interface CliIo {
  /** Writes a chunk of standard output; a returned promise is awaited before the next chunk (backpressure). */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  readStdin(): string;
  /** Renders a chart: `helm template egress-check <chart> -f … --no-hooks` (hooks such as test pods are not workloads; src/cli/egress-render.ts). */
  renderChart(chartDir: string, valueFiles: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export const DEFAULT_CHART = 'charts/helloworld-egress';

export const USAGE = `usage: npm run egress -- (--manifests <file|-> … | -f <values.yaml> … [--chart <dir>])
         [--mesh-mode ALLOW_ANY|REGISTRY_ONLY] [--root-namespace <ns>] [--istio-version <x.y>]
         [--from <ns>]… [--to <ns>]… [--full | --summary] [--external-probe <host:port>]… [--probe <url>]…
         [--resolves <host>]… [--revision <name>]… [--ignore-kind <Kind.group>]… [--namespace <ns>] [--json] [--expect <expectations.yaml>]
--probe adds a request (http(s)://host[:port][/path]; to = the URL with its port). --resolves asserts that a
name (or *.suffix) resolves in the cluster's DNS; --revision names an installed control-plane revision
besides "default"; --ignore-kind declares a kind the analyzer does not read harmless (no unknowns from it);
--namespace is where objects without metadata.namespace go (kubectl apply -n; default "default").
Text output lists every probe up to ${SUMMARY_THRESHOLD} rows and summarizes larger outputs per workload
(--full: every row; --summary: always summarize). --from / --to keep the workloads / destinations in
the given namespaces (repeatable; --to also takes an external host name, e.g. api.github.com); --json
streams {"workloads","probes"} with the same filters.`;

const OPTIONS = {
  manifests: { type: 'string', multiple: true },
  values: { type: 'string', short: 'f', multiple: true },
  chart: { type: 'string' },
  'mesh-mode': { type: 'string' },
  'root-namespace': { type: 'string' },
  'istio-version': { type: 'string' },
  json: { type: 'boolean' },
  from: { type: 'string', multiple: true },
  to: { type: 'string', multiple: true },
  full: { type: 'boolean' },
  summary: { type: 'boolean' },
  expect: { type: 'string' },
  'external-probe': { type: 'string', multiple: true },
  probe: { type: 'string', multiple: true },
  resolves: { type: 'string', multiple: true },
  revision: { type: 'string', multiple: true },
  'ignore-kind': { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0]);
  }
}

function meshModeOf(value: string | undefined): OutboundMode | undefined {
  if (value === undefined) return undefined;
  if (value === 'ALLOW_ANY' || value === 'REGISTRY_ONLY') return value;
  throw new InputError(`--mesh-mode must be ALLOW_ANY or REGISTRY_ONLY, not "${value}"`);
}

/** Starts `helm template` for `-f` / `--chart` (returns null without them); runs while the analyzer loads. */
function startRender(args: ReturnType<typeof parseCliArgs>, io: CliIo) {
  if (!args.values && !args.chart) return null;
  const chart = args.chart ?? DEFAULT_CHART;
  if (!fs.existsSync(path.join(chart, 'Chart.yaml'))) throw new InputError(`chart not found: ${chart} (no Chart.yaml)`);
  for (const v of args.values ?? []) readInput(v);
  return { chart, result: io.renderChart(chart, args.values ?? []) };
}

async function loadManifests(
  args: ReturnType<typeof parseCliArgs>,
  io: CliIo,
  render: ReturnType<typeof startRender>,
  warn: (message: string) => void,
): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  let stdinUsed = false;
  for (const file of args.manifests ?? []) {
    if (file === '-') {
      if (stdinUsed) throw new InputError('--manifests - (stdin) can be given only once');
      stdinUsed = true;
    }
    manifests.push(...parseManifestYaml(readInput(file, () => io.readStdin()), file === '-' ? '<stdin>' : file, warn));
  }
  if (render) {
    const r = await render.result;
    if (r.code !== 0) {
      const line = r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${r.code}`;
      throw new InputError(`helm template ${render.chart} failed: ${line.trim()}`);
    }
    manifests.push(...parseManifestYaml(r.stdout, `helm template ${render.chart}`, warn));
  }
  return manifests;
}

function closedWorld(report: EgressReport): string {
  return (
    `Closed world: only the ${report.serviceCount} Service(s) in the input exist; a real cluster also has ` +
    `kubernetes, kube-dns, istiod, gateways… which a "*/*" import would add (and can turn a reset into a 502).`
  );
}

const UNREAD_KIND = / object\(s\) not read: /;

/**
 * Warnings on stderr: first one line per kind the analyzer does not read (always all of them),
 * then the others, past 10 the first 10 and how many more (a 1,000-namespace input can have thousands).
 */
function printWarnings(warnings: readonly string[], io: CliIo): void {
  const kinds = warnings.filter((w) => UNREAD_KIND.test(w));
  const rest = warnings.filter((w) => !UNREAD_KIND.test(w));
  for (const w of [...kinds, ...rest.slice(0, 10)]) io.stderr(`egress: warning: ${w}\n`);
  if (rest.length > 10) io.stderr(`egress: … and ${rest.length - 10} more warning(s)\n`);
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
  const rootNamespaceOption = args['root-namespace'];
  if (args.full && args.summary) throw new InputError('--full and --summary exclude each other');
  const filter: ReportFilter = { from: args.from ?? [], to: args.to ?? [] };
  const render = startRender(args, io);
  // Loaded now, while helm renders (it takes a few hundred ms).
  const { analyzeEgressReport } = require('./analyze') as typeof import('./analyze');
  const expectations = args.expect
    ? parseExpectations(parseYamlDocument(readInput(args.expect), args.expect), args.expect)
    : null;
  const inputWarnings: string[] = [];
  const manifests = await loadManifests(args, io, render, (w) => inputWarnings.push(w));
  // Istio refuses a Sidecar with an invalid host as a whole: no verdict about a configuration that cannot exist.
  const invalid = sidecarValidationProblems(manifests, versionFeatures(parseIstioVersion(istioVersion)));
  if (invalid.length > 0) {
    const more = invalid.length > 5 ? `\n… and ${invalid.length - 5} more` : '';
    throw new InputError(
      `Istio's validation (ValidateSidecar) would refuse ${invalid.length === 1 ? 'this Sidecar host' : 'these Sidecar hosts'}, and with it the whole Sidecar:\n` +
        `${invalid.slice(0, 5).join('\n')}${more}\nfix the hosts (namespace/dnsName: "*", ".", or a namespace; "*", "*.suffix" or a name with a dot)`,
    );
  }
  // Other objects admission refuses (admission.ts) would not exist either.
  // Istio's webhook refusals stop the CLI (as invalid Sidecar hosts do); Kubernetes objects the API
  // server refuses (a workload without a pod template) are left out by the analysis with a warning.
  const refused = admissionRefusals(manifests, versionFeatures(parseIstioVersion(istioVersion))).filter((r) => String(r.manifest.apiVersion).includes('istio.io/'));
  if (refused.length > 0) {
    const more = refused.length > 5 ? `\n… and ${refused.length - 5} more` : '';
    throw new InputError(
      `Istio's validation would refuse ${refused.length === 1 ? 'this object' : 'these objects'}, so ${refused.length === 1 ? 'it' : 'they'} would not exist:\n` +
        `${refused.slice(0, 5).map((r) => `${originOf(r.manifest) ?? ''}${originOf(r.manifest) ? ': ' : ''}${r.problem}`).join('\n')}${more}\nfix or remove ${refused.length === 1 ? 'it' : 'them'}`,
    );
  }
  printWarnings(inputWarnings, io);
  const defaultNamespace = args.namespace ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(defaultNamespace)) throw new InputError(`--namespace "${defaultNamespace}" is not a namespace name (lower-case letters, digits and "-", at most 63)`);
  const duplicates = duplicateObjects(manifests, defaultNamespace);
  if (duplicates.length > 0) {
    throw new InputError(
      `${duplicates.map((d) => `${d.identity} is given ${d.where.length} times (${d.where.join(', ')})`).slice(0, 5).join('\n')}` +
        `${duplicates.length > 5 ? `\n… and ${duplicates.length - 5} more` : ''}\n` +
        'Kubernetes holds one object per kind, namespace and name (kubectl apply keeps the last copy, helm install refuses the release): remove or rename the copies',
    );
  }

  // The input's mesh config ConfigMap decides the mesh mode and root namespace unless an option
  // does; an option that contradicts it is refused (which one the cluster runs is not known).
  const { readControlPlaneConfig } = require('./control-plane-config') as typeof import('./control-plane-config');
  const cpMesh = readControlPlaneConfig(manifests).mesh;
  if (cpMesh && meshMode !== undefined && meshMode !== cpMesh.mode) {
    throw new InputError(`--mesh-mode ${meshMode} contradicts ${cpMesh.source} of the input (outboundTrafficPolicy ${cpMesh.mode}${cpMesh.modeSet ? '' : ", Istio's default"}): drop the option or fix the ConfigMap`);
  }
  if (cpMesh && rootNamespaceOption !== undefined && rootNamespaceOption !== (cpMesh.rootNamespace ?? DEFAULT_ROOT_NAMESPACE)) {
    throw new InputError(`--root-namespace ${rootNamespaceOption} contradicts ${cpMesh.source} of the input (rootNamespace ${cpMesh.rootNamespace ?? DEFAULT_ROOT_NAMESPACE}): drop the option or fix the ConfigMap`);
  }
  const report = analyzeEgressReport(manifests, {
    meshMode,
    rootNamespace: rootNamespaceOption,
    istioVersion,
    externalProbes: args['external-probe'] ?? [],
    requests: (args.probe ?? []).map((url) => ({ url })),
    resolvableHosts: args.resolves ?? [],
    revisions: args.revision ?? [],
    ignoreKinds: args['ignore-kind'] ?? [],
    defaultNamespace,
  });
  const from = report.mesh.source === 'options' || report.mesh.source === 'defaults' ? '' : ` (${report.mesh.source})`;
  const header = `Istio ${parseIstioVersion(istioVersion).text} · mesh outboundTrafficPolicy ${report.mesh.mode}${from} · root namespace ${report.mesh.rootNamespace}`;
  const write: Write = (chunk) => io.stdout(chunk);
  if (args.json) {
    await writeJson(report, filter, write);
    io.stderr(`egress: ${closedWorld(report)}\n`);
  } else {
    const rows = selectedProbeCount(report, filter);
    const mode = args.full ? 'full' : args.summary || rows > SUMMARY_THRESHOLD ? 'summary' : 'full';
    const lines = [header, closedWorld(report)];
    if (mode === 'summary') {
      lines.push(`Summary of ${rows} probe(s) from ${report.workloads.length} workload(s): per outcome and port, the destination namespaces (--full lists every row${args.summary ? '' : `; summarized above ${SUMMARY_THRESHOLD} rows`}).`);
    }
    await writeText(report, filter, mode, [...lines, ''], write);
  }
  printWarnings(report.warnings, io);
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
