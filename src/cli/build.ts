/**
 * `helmts build [chart…] [--watch]`: generates every chart of the project (or
 * the ones named) from its TypeScript definition into `<outDir>/<name>/`.
 *
 * All charts are generated in memory first; if any definition fails, the
 * command prints its file and message and writes nothing. Each chart folder is
 * then replaced atomically. With `--watch` it keeps running and rebuilds on
 * every save below the definitions' folders and the values types, one line per
 * rebuild; a failing definition is reported and watching goes on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateChart, writeFiles, type GeneratedChart, type WriteSummary } from '../generator';
import { chartTypeErrors } from '../language/load';
import type { CliIo } from './validate-values';
import { DefinitionError, forgetProjectModules, loadCharts, messageOf, readProject, type FoundChart, type Project } from './project';

export const buildUsage = `Usage: helmts build [chart…] [--watch]

Generates each chart of the project from its TypeScript definition into
charts/<name>/ (Chart.yaml, values.yaml, values.schema.json, templates, …).
Definitions are found at src/charts/<folder>/chart.ts, each exporting the
result of defineChart({ … }); a helmts.config.ts may list other files and
another output folder. Nothing is written if any definition fails.

Options:
  -w, --watch  rebuild on every save (one line per rebuild; Ctrl-C stops)
  -h, --help   show this help

Exit codes: 0 built, 1 a definition failed (nothing written), 2 usage error.
`;

interface Built {
  chart: FoundChart;
  generated: GeneratedChart;
}

/** Generates the charts in memory; throws a DefinitionError naming the definition that failed. */
export function generateAll(project: Project, charts: FoundChart[]): Built[] {
  return charts.map((chart) => {
    // A typed chart generator stops on a type error, as tsc would (the chart language's own program, reused).
    const typeErrors = chartTypeErrors(chart.file, project.root);
    if (typeErrors.length > 0) throw new DefinitionError(path.relative(project.root, chart.file), `type errors:\n${typeErrors.join('\n')}`);
    try {
      return { chart, generated: generateChart(chart.definition, { repoRoot: project.root, chartDir: chart.chartDir }) };
    } catch (error) {
      throw new DefinitionError(path.relative(project.root, chart.file), messageOf(error));
    }
  });
}

function writeAll(project: Project, built: Built[]): Array<{ chart: FoundChart; written: WriteSummary[] }> {
  return built.map(({ chart, generated }) => ({ chart, written: writeFiles(project.root, [chart.chartDir], generated.files) }));
}

const ms = (x: number) => `${Math.round(x)} ms`;

/** Builds once; returns the exit code. */
export function buildOnce(cwd: string, names: string[], io: CliIo): number {
  const started = performance.now();
  let project: Project;
  let built: Built[];
  try {
    project = readProject(cwd);
    const charts = loadCharts(project, names);
    if (charts.length === 0) {
      io.stderr(`helmts build: no charts found; create one with \`helmts init <name>\` (definitions live at src/charts/<name>/chart.ts)\n`);
      return 1;
    }
    built = generateAll(project, charts);
  } catch (error) {
    io.stderr(`helmts build: nothing was written.\n${messageOf(error)}\n`);
    return 1;
  }
  for (const { chart, written } of writeAll(project, built)) {
    const changed = written.filter((w) => w.changed);
    io.stdout(`built ${chart.chartDir} (${written.length} files, ${changed.length} changed)\n`);
    for (const w of changed) io.stdout(`  changed ${w.path}\n`);
  }
  io.stdout(`helmts build: ${built.length} chart${built.length === 1 ? '' : 's'} in ${ms(performance.now() - started)}\n`);
  return 0;
}

/** The folders a watch covers: the definitions' folders and the values types' folders. */
function watchRoots(project: Project, charts: FoundChart[]): string[] {
  const dirs = new Set<string>();
  for (const c of charts) {
    dirs.add(path.dirname(c.file));
    dirs.add(path.dirname(path.resolve(project.root, c.definition.values.file)));
  }
  if (project.configFile) dirs.add(path.dirname(project.configFile));
  // Drop folders inside others.
  return [...dirs].filter((d) => ![...dirs].some((o) => o !== d && d.startsWith(o + path.sep))).sort();
}

/** Watches and rebuilds until `signal` aborts; resolves with 0 then. Exported for tests. */
export async function buildWatch(cwd: string, names: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let project: Project;
  let charts: FoundChart[];
  try {
    project = readProject(cwd);
    charts = loadCharts(project, names);
  } catch (error) {
    io.stderr(`helmts build: ${messageOf(error)}\n`);
    return 1;
  }
  const roots = watchRoots(project, charts);
  const rebuild = (changedFile?: string) => {
    const t0 = performance.now();
    let which: string[] = names;
    try {
      for (const root of roots) forgetProjectModules(root);
      const fresh = loadCharts(project, names);
      const own = changedFile ? fresh.filter((c) => changedFile.startsWith(path.dirname(c.file) + path.sep)) : [];
      const targets = own.length > 0 ? own : fresh;
      which = targets.map((c) => c.definition.name);
      const built = generateAll(project, targets);
      for (const { chart, written } of writeAll(project, built)) {
        const changed = written.filter((w) => w.changed).length;
        io.stdout(`${time()} ${chart.definition.name}: ${changed} file${changed === 1 ? '' : 's'} changed in ${ms(performance.now() - t0)}\n`);
      }
    } catch (error) {
      io.stdout(`${time()} ${which.join(', ') || 'build'} failed, nothing written, still watching:\n${messageOf(error)}\n`);
    }
  };
  rebuild();
  io.stdout(`watching ${roots.map((r) => path.relative(project.root, r) || '.').join(', ')} (Ctrl-C stops)\n`);

  let timer: NodeJS.Timeout | undefined;
  let pending: string | undefined;
  const watchers = roots.map((root) =>
    fs.watch(root, { recursive: true }, (_event, file) => {
      const changed = file ? path.join(root, file.toString()) : undefined;
      if (changed && !/\.(ts|mts|cts|js|json|hbs|ya?ml|txt|md)$/.test(changed)) return;
      pending = timer && pending !== changed ? undefined : changed; // several files at once: rebuild all
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        rebuild(pending);
      }, 20);
    }),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  return 0;
}

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

export async function runBuild(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { watch: { type: 'boolean', short: 'w' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr(`helmts build: ${messageOf(error)}\n\n${buildUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(buildUsage);
    return 0;
  }
  return parsed.values.watch ? buildWatch(io.cwd, parsed.positionals, io) : buildOnce(io.cwd, parsed.positionals, io);
}
