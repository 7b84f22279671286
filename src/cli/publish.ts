/**
 * `helmts package [chart…]` and `helmts push <chart> oci://host/repo`: the
 * generated chart through real `helm package` / `helm push`. The chart version
 * is the definition's (`version` in defineChart). Both first check that
 * charts/<name> is what the definition generates. `push` pulls the same
 * version first: identical content is a no-op, different content is refused
 * (a published version never changes; bump `version`).
 *
 * helm runs with the user's own environment here (registry logins in
 * HELM_REGISTRY_CONFIG / ~/.config/helm), unlike renders, which are isolated.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, EXIT_ENVIRONMENT, environmentError, isEnvironmentCode } from '../io/environment-error';
import { makeTempDir } from '../io/temp-dir';
import { exitCodesHelp, reportError } from './exit-codes';
import { parseArgs } from 'node:util';
import { generateChart } from '../generator';
import { helmBinary, type HelmMajor } from '../helm/helm-binary';
import { ChartSelectionError, loadCharts, messageOf, readProject, someCharts, type FoundChart, type Project } from './project';
import type { CliIo } from './validate-values';

export const packageUsage = `Usage: helmts package [chart…] [options]

Packages each generated chart (all by default) with \`helm package\` into
<name>-<version>.tgz; the version is the one in the chart definition.

Options:
  -d, --destination <dir>  where to write the archives (default: current folder)
  --helm <3|4>             Helm major version (default 4)
  -h, --help               show this help

${exitCodesHelp('0 packaged, 1 no chart in the project, the chart is stale, its\ndefinition failed or helm refused, 2 usage error (no chart of that name)')}`;

export const pushUsage = `Usage: helmts push <chart> oci://<host>/<repository> [options]

Packages the chart and pushes it with \`helm push\`. If the registry already
has this chart version, identical content is left alone and different content
is refused: bump \`version\` in the definition instead.

Options:
  --plain-http   talk HTTP, not HTTPS, to the registry (a local test registry)
  --helm <3|4>   Helm major version (default 4)
  -h, --help     show this help

Log in first with \`helm registry login <host>\` if the registry needs it.

${exitCodesHelp('0 pushed or already there, 1 refused (stale chart, a different\npublished version, helm or the registry failed), 2 usage error')}`;

/** The exit code and message of a failed package or push. */
function failed(command: string, error: unknown, io: CliIo): number {
  if (error instanceof ChartSelectionError) return reportError(command, error, io);
  if (String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`helmts ${command}: ${messageOf(error)}\n\n${command === 'push' ? pushUsage : packageUsage}`);
    return 2;
  }
  const environment = error instanceof EnvironmentError || isEnvironmentCode((error as NodeJS.ErrnoException).code);
  const where = (error as NodeJS.ErrnoException).path ?? io.cwd;
  io.stderr(`helmts ${command}: ${environment ? environmentError(error, `write ${where}`, where).message : messageOf(error)}\n`);
  return environment ? EXIT_ENVIRONMENT : 1;
}

interface Helm {
  code: number;
  stdout: string;
  stderr: string;
}

function helm(major: HelmMajor, args: string[], cwd?: string): Promise<Helm> {
  return new Promise((resolve, reject) =>
    execFile(helmBinary(major), args, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new Error(`cannot run helm (${helmBinary(major)}: not found); install helm or set HELM_BIN (see the README)`));
      }
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    }),
  );
}

/** Throws unless the chart folder holds exactly what the definition generates. */
function assertFresh(project: Project, chart: FoundChart): void {
  const generated = generateChart(chart.definition, { repoRoot: project.root, chartDir: chart.chartDir });
  const stale = generated.files.find(
    (f) => !fs.existsSync(path.join(project.root, f.path)) || fs.readFileSync(path.join(project.root, f.path), 'utf8') !== f.content,
  );
  if (stale) throw new Error(`${chart.chartDir} is not what the definition generates (${stale.path}); run \`helmts build ${chart.definition.name}\` first`);
}

async function packageChart(project: Project, chart: FoundChart, destination: string, major: HelmMajor): Promise<string> {
  assertFresh(project, chart);
  fs.mkdirSync(destination, { recursive: true });
  const r = await helm(major, ['package', path.join(project.root, chart.chartDir), '--destination', destination]);
  if (r.code !== 0) throw new Error(`helm package ${chart.chartDir} failed:\n${r.stderr.trim()}`);
  return path.join(destination, `${chart.definition.name}-${chart.definition.version}.tgz`);
}

function helmOption(value: string | undefined): HelmMajor {
  const major = Number(value ?? '4');
  if (major !== 3 && major !== 4) throw Object.assign(new Error(`--helm must be 3 or 4, not ${value}`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
  return major;
}

export async function runPackage(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { destination: { type: 'string', short: 'd' }, helm: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) return io.stdout(packageUsage), 0;
    const major = helmOption(values.helm);
    const project = readProject(io.cwd);
    const charts = someCharts(loadCharts(project, positionals));
    for (const chart of charts) {
      const file = await packageChart(project, chart, path.resolve(io.cwd, values.destination ?? '.'), major);
      io.stdout(`packaged ${path.relative(io.cwd, file) || file}\n`);
    }
    return 0;
  } catch (error) {
    return failed('package', error, io);
  }
}

function untar(archive: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('tar', ['-xzf', archive, '-C', dir], (error, _stdout, stderr) =>
      error ? reject(new Error(`could not unpack ${archive}: ${stderr || error.message}`)) : resolve(),
    ),
  );
}

/** Every file under `dir`, relative, with its content. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    out.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
  }
  return out;
}

export async function runPush(argv: string[], io: CliIo): Promise<number> {
  const tmp = makeTempDir('push');
  const work = tmp.path;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { 'plain-http': { type: 'boolean' }, helm: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) return io.stdout(pushUsage), 0;
    const [name, target, ...extra] = positionals;
    if (!name || !target || extra.length > 0 || !target.startsWith('oci://')) {
      io.stderr(`helmts push: give a chart and an oci:// repository\n\n${pushUsage}`);
      return 2;
    }
    const major = helmOption(values.helm);
    const registry = target.replace(/\/+$/, '');
    const plain = values['plain-http'] ? ['--plain-http'] : [];
    const project = readProject(io.cwd);
    const [chart] = loadCharts(project, [name]);
    const { version } = chart.definition;
    const ref = `${registry}/${name}:${version}`;
    const archive = await packageChart(project, chart, path.join(work, 'local'), major);

    const pulled = await helm(major, ['pull', `${registry}/${name}`, '--version', version, '--untar', '--untardir', path.join(work, 'remote'), ...plain]);
    if (pulled.code === 0) {
      fs.mkdirSync(path.join(work, 'mine'));
      await untar(archive, path.join(work, 'mine'));
      const mine = readTree(path.join(work, 'mine', name));
      const theirs = readTree(path.join(work, 'remote', name));
      const differs = [...new Set([...mine.keys(), ...theirs.keys()])].sort().filter((f) => mine.get(f) !== theirs.get(f));
      if (differs.length === 0) {
        io.stdout(`${ref} is already in the registry with the same content; nothing pushed\n`);
        return 0;
      }
      io.stderr(
        `helmts push: ${ref} is already in the registry with different content (${differs.slice(0, 5).join(', ')}); ` +
          `a published version must not change: bump version in ${path.relative(project.root, chart.file)} and run \`helmts build ${name}\`\n`,
      );
      return 1;
    }
    if (!/not found|404|manifest unknown|name unknown/i.test(pulled.stderr)) {
      throw new Error(`could not ask ${registry} for ${name} ${version}:\n${pulled.stderr.trim()}`);
    }
    const pushed = await helm(major, ['push', archive, registry, ...plain]);
    if (pushed.code !== 0) throw new Error(`helm push failed:\n${pushed.stderr.trim()}`);
    const digest = /Digest:\s*(\S+)/.exec(pushed.stdout + pushed.stderr)?.[1];
    io.stdout(`pushed ${ref}${digest ? ` (${digest})` : ''}\n`);
    return 0;
  } catch (error) {
    return failed('push', error, io);
  } finally {
    tmp.remove();
  }
}
