/**
 * `npm run validate-values -- a.yaml [b.yaml …]` and `helmts validate a.yaml [b.yaml …]`:
 * merges the files over the chart defaults in order (like `helm -f a.yaml -f b.yaml`),
 * validates the result against the values schema and the semantic checks, and
 * prints each problem as `file:line:col  path  message  (hint)`.
 *
 * Exit codes: 0 valid (warnings allowed unless --strict); 1 invalid values
 * (schema or semantic errors, malformed YAML, or warnings with --strict);
 * 2 usage error (unknown option, no files, unreadable file or schema).
 */
import * as path from 'node:path';
import { exitCodesHelp } from './exit-codes';
import { formatReportJson, formatReportText, reportFails } from '../values/format-report';
import { validateValuesFiles, ValuesInputError } from '../values/validate-files';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_CHART = path.join(REPO_ROOT, 'charts', 'helloworld-egress');

/** Usage text of the command invoked as `name`. */
export function validateUsage(name: string): string {
  return `Usage: ${name} [options] <values.yaml> [more.yaml …]

Merges the files over the chart defaults in order (like helm -f) and checks the
result against the values schema and the chart's semantic rules.

Options:
  --strict         warnings fail too
  --json           print the problems as JSON
  --chart <dir>    chart directory (default: charts/helloworld-egress)
  --schema <file>  JSON schema (default: <chart>/values.schema.json)
  -h, --help       show this help

${exitCodesHelp('0 valid, 1 invalid values or malformed YAML, 2 usage error or a file\nthat cannot be read')}`;
}

interface Parsed {
  files: string[];
  strict: boolean;
  json: boolean;
  chart?: string;
  schema?: string;
  help: boolean;
}

/** Parses the arguments; throws a message for a usage error. */
function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { files: [], strict: false, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.files.push(...argv.slice(i + 1));
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--strict' && inline === undefined) parsed.strict = true;
    else if (flag === '--json' && inline === undefined) parsed.json = true;
    else if ((flag === '-h' || flag === '--help') && inline === undefined) parsed.help = true;
    else if (flag === '--chart' || flag === '--schema') {
      const value = inline ?? argv[++i];
      if (!value) throw new Error(`${flag} needs a value`);
      parsed[flag === '--chart' ? 'chart' : 'schema'] = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${arg}`);
    else parsed.files.push(arg);
  }
  if (!parsed.help && parsed.files.length === 0) throw new Error('no values file given');
  return parsed;
}

/** Runs the command with `argv` (the arguments after the command name); returns the exit code. */
export function runValidateValues(argv: string[], io: CliIo, name = 'validate-values'): number {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(`${name}: ${(error as Error).message}\n\n${validateUsage(name)}`);
    return 2;
  }
  if (args.help) {
    io.stdout(validateUsage(name));
    return 0;
  }
  const chartDir = args.chart ?? DEFAULT_CHART;
  const schemaPath = args.schema ?? path.join(chartDir, 'values.schema.json');
  try {
    const report = validateValuesFiles({ files: args.files, chartDir, schemaPath, cwd: io.cwd });
    io.stdout(args.json ? formatReportJson(report, args.strict) : formatReportText(report, args.strict));
    return reportFails(report, args.strict) ? 1 : 0;
  } catch (error) {
    if (error instanceof ValuesInputError) {
      io.stderr(`${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
