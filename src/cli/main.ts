/**
 * `helmts <command> …`: the command-line entry. Commands are looked up by
 * name and loaded on demand, so each starts only what it needs.
 *
 * Before a command runs, interrupted writes of earlier helmts processes in the
 * project are settled (src/io/folder-transaction.ts). An error that reaches
 * the top is reported by `reportError` (exit-codes.ts): one message, never a
 * stack trace unless helmts itself is at fault (70).
 *
 * Exit codes: whatever the command returns (see exit-codes.ts); 2 for a
 * missing or unknown command.
 */
import * as path from 'node:path';
import { environmentError, EXIT_ENVIRONMENT } from '../io/environment-error';
import { recoverInterrupted } from '../io/folder-transaction';
import { installInterruptHandlers, yieldToSignals } from '../io/interrupts';
import { exitCodesHelp, reportError } from './exit-codes';
import { projectRoot } from './project';
import type { CliIo } from './validate-values';

interface Command {
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

// require, not import(): loads on demand and works under tsx's require hook and compiled alike.
const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'generate the charts from their TypeScript definitions (--watch rebuilds on save)',
    run: async (argv, io) => (require('./build') as typeof import('./build')).runBuild(argv, io),
  },
  check: {
    summary: 'differential self-check: schema-drawn values, TypeScript render vs real helm template',
    run: async (argv, io) => (require('./check') as typeof import('./check')).runCheck(argv, io),
  },
  'import-crd': {
    summary: 'generate typed classes for CustomResourceDefinitions (kubernetes-models crd-generate)',
    run: async (argv, io) => (require('./import-crd') as typeof import('./import-crd')).runImportCrd(argv, io),
  },
  init: {
    summary: 'scaffold a new typed chart with its Values, defaults and a test',
    run: async (argv, io) => (require('./init') as typeof import('./init')).runInit(argv, io),
  },
  package: {
    summary: 'package generated charts with helm package (version from the definition)',
    run: async (argv, io) => (require('./publish') as typeof import('./publish')).runPackage(argv, io),
  },
  push: {
    summary: 'push a chart to an OCI registry; refuses to change a published version',
    run: async (argv, io) => (require('./publish') as typeof import('./publish')).runPush(argv, io),
  },
  test: {
    summary: 'run a chart\'s helm-unittest suites (--unittest) on real Helm 4 or 3',
    run: async (argv, io) => (require('./test') as typeof import('./test')).runTestCommand(argv, io),
  },
  validate: {
    summary: 'check values files against a chart\'s schema and semantic rules',
    run: async (argv, io) =>
      (require('./validate-values') as typeof import('./validate-values')).runValidateValues(argv, io, 'helmts validate'),
  },
};

/** Under `npm run validate-values` the process starts in the package root; file names are relative to where npm was run (`INIT_CWD`). */
const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: (process.env.npm_lifecycle_event === 'validate-values' && process.env.INIT_CWD) || process.cwd(),
};

/** The top-level usage text. */
export function mainUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: helmts <command> [options]   (helmts --version prints the version)\n\nCommands:\n${lines.join('\n')}\n\n${exitCodesHelp('0 done, 1 input refused or a check failed, 2 usage error')}`;
}

const RECOVERED: Record<string, string> = {
  'kept-new': 'its write had completed; removed the previous copy',
  'restored-old': 'put the previous folder back',
  'kept-old': 'kept the previous content; removed the half-written copy',
  'removed-new': 'removed what the interrupted `helmts init` had created',
  'kept-changed': 'kept what the interrupted `helmts init` had created, because files in it changed since',
};

/** Settles interrupted writes of earlier helmts processes in the project of `cwd`; returns an exit code when that failed. */
function settleInterruptedWrites(io: CliIo): number | undefined {
  const root = projectRoot(io.cwd);
  try {
    for (const r of recoverInterrupted(root)) {
      const changed = r.changed?.length ? ` (${r.changed.slice(0, 5).join(', ')}${r.changed.length > 5 ? ', …' : ''}); it is yours now` : '';
      io.stderr(`helmts: an earlier helmts was interrupted while writing ${path.join(path.relative(io.cwd, root), r.target) || r.target}: ${RECOVERED[r.outcome]}${changed}\n`);
    }
  } catch (error) {
    io.stderr(`helmts: ${environmentError(error, `settle an interrupted write in ${root}`, root).message}\n`);
    return EXIT_ENVIRONMENT;
  }
  return undefined;
}

/** Runs `helmts <argv…>`; resolves with the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(mainUsage());
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout(mainUsage());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    const pkg = require(path.join(__dirname, '..', '..', 'package.json')) as { version: string };
    io.stdout(`helmts ${pkg.version} (Node.js ${process.version})\n`);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`helmts: unknown command "${name}"\n\n${mainUsage()}`);
    return 2;
  }
  if (!rest.includes('--help') && !rest.includes('-h')) {
    const failed = settleInterruptedWrites(io);
    if (failed !== undefined) return failed;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportError(name, error, io);
  }
}

/** Runs `main` on the process arguments and sets the exit code; an unexpected exception is an internal error (70). */
export function runMain(argv: string[] = process.argv.slice(2)): void {
  installInterruptHandlers();
  // `helmts … | head`: a closed pipe ends the output quietly, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(process.exitCode ?? 0));
  main(argv).then(
    async (code) => {
      // A signal that arrived during the last synchronous step is handled now (and ends the process by it).
      await yieldToSignals();
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(argv[0] ?? '', error, processIo);
    },
  );
}

if (require.main === module) runMain();
