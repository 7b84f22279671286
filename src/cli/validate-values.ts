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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodesHelp } from './exit-codes';
import { projectRoot, readProject } from './project';
import { formatReportJson, formatReportText, reportFails } from '../values/format-report';
import { validateValuesFiles, ValuesInputError } from '../values/validate-files';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** `# yaml-language-server: $schema=../charts/web/values.override.schema.json` in a values file's first lines. */
const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;

/**
 * The chart a values file is checked against when no --chart is given: the one whose schema the first file's
 * yaml-language-server modeline names (what the editor checks it against), else the project's only generated chart
 * (a folder of its outDir with a values.schema.json). Throws a usage message when there is none or several.
 */
function defaultChart(file: string, cwd: string): string {
  const full = path.resolve(cwd, file);
  let head = '';
  try {
    head = fs.readFileSync(full, 'utf8').split('\n', 5).join('\n');
  } catch {
    // unreadable: reported when it is read
  }
  const schema = MODELINE.exec(head)?.[1];
  if (schema && !/^[a-z][a-z0-9+.-]*:/i.test(schema) && /(^|\/)values(\.override)?\.schema\.json$/.test(schema)) {
    const dir = path.dirname(path.resolve(path.dirname(full), schema));
    if (fs.existsSync(path.join(dir, 'values.schema.json'))) return dir;
  }
  const root = projectRoot(cwd);
  let outDir = 'charts';
  try {
    outDir = readProject(root).outDir;
  } catch {
    // a broken helmts.config.ts: look in the default folder
  }
  const shownOut = path.relative(cwd, path.join(root, outDir)) || '.';
  let charts: string[] = [];
  try {
    charts = fs.readdirSync(path.join(root, outDir)).filter((n) => fs.existsSync(path.join(root, outDir, n, 'values.schema.json'))).sort();
  } catch {
    // no output folder
  }
  if (charts.length === 1) return path.join(root, outDir, charts[0]);
  if (charts.length === 0) throw new Error(`no chart to check ${file} against: ${shownOut}/ has no generated chart; give --chart <chart folder> (or run helmts build)`);
  throw new Error(`${shownOut}/ has ${charts.length} charts (${charts.join(', ')}): give --chart ${shownOut}/<name>, or a $schema modeline in ${file}`);
}

/** Usage text of the command invoked as `name`. */
export function validateUsage(name: string): string {
  return `Usage: ${name} [options] <values.yaml> [more.yaml …]

Merges the files over the chart defaults in order (like helm -f) and checks the
result against the values schema and the chart's semantic rules.

Options:
  --strict         warnings fail too
  --json           print the problems as JSON
  --chart <dir>    chart directory (default: the chart whose schema the first
                   file's yaml-language-server modeline names, else the
                   project's only chart)
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
  let chartDir: string;
  try {
    chartDir = args.chart ?? (args.schema ? path.dirname(args.schema) : defaultChart(args.files[0], io.cwd));
  } catch (error) {
    io.stderr(`${name}: ${(error as Error).message}\n`);
    return 2;
  }
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
