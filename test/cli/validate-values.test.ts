/**
 * The validate-values command: in-process through `runValidateValues` (fast),
 * and as real processes through `bin/helmts.js` and `npm run validate-values`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { runValidateValues } from '../../src/cli/validate-values';

const ROOT = path.join(__dirname, '..', '..');

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-cli-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to `name` in the temp dir. */
function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

/** Runs the command in-process in the temp dir. */
function run(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  // The scratch files carry no $schema modeline and the temp dir is no project: the chart is named.
  const chart = argv.includes('--chart') ? [] : ['--chart', path.join(ROOT, 'charts', 'helloworld-egress')];
  const code = runValidateValues([...chart, ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

/** One problem line of the text report: `file:line:col  path  [warning: ]message  (hint)`. */
interface ProblemLine {
  file: string;
  line: number;
  col: number;
  path: string;
  severity: 'error' | 'warning';
  text: string;
}

/** The problem lines of a text report, read by their fields, not their padding. */
function problemLines(stdout: string): ProblemLine[] {
  return stdout.split('\n').flatMap((line) => {
    const m = /^(\S+?):(\d+):(\d+)\s+(\S+)\s+(warning: )?(.*)$/.exec(line);
    return m ? [{ file: m[1], line: Number(m[2]), col: Number(m[3]), path: m[4], severity: m[5] ? 'warning' : 'error', text: m[6] }] : [];
  });
}

/** The summary line's outcome, files and counts. */
function summary(stdout: string): { outcome: string; files: string; counts: Record<string, number> } | undefined {
  const m = /^(OK|FAILED): (.+) \((.*)\)$/m.exec(stdout);
  if (!m) return undefined;
  const counts = Object.fromEntries([...m[3].matchAll(/(\d+) (error|warning)s?/g)].map((c) => [c[2], Number(c[1])]));
  return { outcome: m[1], files: m[2], counts };
}

/** Runs the CLI from the source (bin/helmts.js would otherwise run a current dist/). */
const FROM_SOURCE = { ...process.env, HELMTS_FROM_SOURCE: '1' };

function spawn(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, encoding: 'utf8', env: FROM_SOURCE }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('validate-values', () => {
  it('prints OK with the error and warning counts for a valid file and exits 0, in words that fit any chart', () => {
    const file = write('ok.yaml', 'namespaces:\n  - {name: default, create: false, sidecar: {egress: [{port: 80, protocol: HTTP, name: h, hosts: ["./*"]}]}}\n');
    const result = run(file);
    expect([result.code, result.stderr, problemLines(result.stdout)]).toEqual([0, '', []]);
    expect(summary(result.stdout)).toEqual({ outcome: 'OK', files: 'ok.yaml', counts: { error: 0, warning: 0 } });
    expect(result.stdout).not.toMatch(/namespace/);
  });

  it('says the same for a chart without namespaces (starter): no helloworld-egress wording', () => {
    const file = write('starter-ok.yaml', 'replicaCount: 2\n');
    const result = run('--chart', path.resolve(__dirname, '..', '..', 'charts', 'starter'), file);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe('OK: starter-ok.yaml (0 errors, 0 warnings)\n');
  });

  it('prints file:line:col, path, message and hint of a quoted port and exits 1', () => {
    const file = write('quoted-port.yaml', 'service:\n  ports:\n    - name: http\n      port: "80"\n      targetPort: 80\n');
    const result = run(file);
    expect(result.code).toBe(1);
    expect(problemLines(result.stdout)).toEqual([
      { file: 'quoted-port.yaml', line: 4, col: 13, path: 'service.ports[0].port', severity: 'error', text: expect.stringMatching(/integer.*"80".*string.*\(.*quotes\)$/) },
    ]);
    expect(summary(result.stdout)).toEqual({ outcome: 'FAILED', files: 'quoted-port.yaml', counts: { error: 1, warning: 0 } });
  });

  it('merges files in order, so a later file can fix an earlier one', () => {
    const broken = write('broken-port.yaml', 'service:\n  ports:\n    - {name: http, port: "80", targetPort: 80}\n');
    const fixed = write('fixed-port.yaml', 'service:\n  ports:\n    - {name: http, port: 80, targetPort: 80}\n');
    expect(run(broken, fixed).code).toBe(0);
  });

  it('exits 0 on a warning and prints it with "warning:"', () => {
    const file = write('warn.yaml', 'service:\n  ports:\n    - {name: http, port: 80, targetPort: 80}\n    - {name: alt, port: 8080, targetPort: 8080}\n');
    const result = run(file);
    expect(result.code).toBe(0);
    expect(problemLines(result.stdout)).toEqual([
      { file: 'warn.yaml', line: 4, col: 43, path: 'service.ports[1].targetPort', severity: 'warning', text: expect.stringMatching(/8080.*app\.containerPort.*80/) },
    ]);
    expect(summary(result.stdout)).toEqual({ outcome: 'OK', files: 'warn.yaml', counts: { error: 0, warning: 1 } });
  });

  it('exits 1 on a warning with --strict', () => {
    const file = write('warn-strict.yaml', 'service:\n  ports:\n    - {name: http, port: 80, targetPort: 80}\n    - {name: alt, port: 8080, targetPort: 8080}\n');
    const result = run('--strict', file);
    expect(result.code).toBe(1);
    expect(summary(result.stdout)).toMatchObject({ outcome: 'FAILED', files: 'warn-strict.yaml', counts: { error: 0, warning: 1 } });
    expect(result.stdout).toContain('--strict');
  });

  it('prints the parser line and column for malformed YAML and exits 1', () => {
    const file = write('malformed.yaml', 'app:\n  replicas: 2\n   name: x\n');
    const result = run(file);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^malformed\.yaml:2:13\s+YAML syntax error: /);
  });

  it('prints the problems as JSON with --json', () => {
    const file = write('json.yaml', 'istio: {sidecarApiVersion: v1}\n');
    const result = run('--json', file);
    expect([result.code, JSON.parse(result.stdout)]).toEqual([
      1,
      {
        ok: false,
        files: ['json.yaml'],
        errors: 1,
        warnings: 0,
        problems: [
          {
            file: 'json.yaml',
            line: 1,
            col: 28,
            path: 'istio.sidecarApiVersion',
            severity: 'error',
            source: 'schema',
            message: expect.stringMatching(/networking\.istio\.io\/v1alpha3.*networking\.istio\.io\/v1beta1.*networking\.istio\.io\/v1\b.*"v1"/),
          },
        ],
      },
    ]);
  });

  it('reads the defaults and the schema of the chart given with --chart', () => {
    fs.mkdirSync(path.join(dir, 'other-chart'), { recursive: true });
    write('other-chart/values.yaml', 'size: 1\n');
    write('other-chart/values.schema.json', JSON.stringify({ type: 'object', properties: { size: { type: 'integer', maximum: 3 } } }));
    const file = write('other.yaml', 'size: 5\n');
    const result = run('--chart', 'other-chart', file);
    expect([result.code, problemLines(result.stdout)]).toEqual([
      1,
      [{ file: 'other.yaml', line: 1, col: 7, path: 'size', severity: 'error', text: expect.stringMatching(/at most 3.*5/) }],
    ]);
  });

  it('validates against the schema given with --schema', () => {
    write('tiny.schema.json', JSON.stringify({ type: 'object', properties: { namespaces: { type: 'array', maxItems: 0 } } }));
    const file = write('any.yaml', 'namespaces: [x]\n');
    const result = run('--schema=tiny.schema.json', file);
    expect([result.code, problemLines(result.stdout)]).toEqual([
      1,
      [{ file: 'any.yaml', line: 1, col: 13, path: 'namespaces', severity: 'error', text: expect.stringMatching(/more than 0 items/) }],
    ]);
  });

  it('prints the usage and exits 2 for an unknown option', () => {
    const result = run('--stritc', 'x.yaml');
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain('--stritc');
    expect(result.stderr).toMatch(/Usage: validate-values/);
  });

  it('exits 2 when no file is given', () => {
    expect(run('--strict')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/no values file/) });
  });

  it('exits 2 with one line and no stack trace for a missing file', () => {
    const result = run('missing.yaml');
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/missing\.yaml.*no such file/)]);
  });
});

describe('helmts', () => {
  it('prints its usage and exits 2 for an unknown command', async () => {
    let stderr = '';
    const code = await main(['lint'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('"lint"');
    expect(stderr).toContain('validate');
  });

  it('validates values/seed.yaml as a process through bin/helmts.js', async () => {
    const result = await spawn(process.execPath, [path.join(ROOT, 'bin', 'helmts.js'), 'validate', 'values/seed.yaml'], ROOT);
    expect([result.code, result.stderr, problemLines(result.stdout)]).toEqual([0, '', []]);
    expect(summary(result.stdout)).toEqual({ outcome: 'OK', files: 'values/seed.yaml', counts: { error: 0, warning: 0 } });
  }, 20000);

  it('exits 1 as a process for invalid values, printing the problem', async () => {
    const file = write('process-bad.yaml', 'app: {replicas: "2"}\n');
    const result = await spawn(process.execPath, [path.join(ROOT, 'bin', 'helmts.js'), 'validate', '--chart', path.join(ROOT, 'charts', 'helloworld-egress'), file], dir);
    expect([result.code, problemLines(result.stdout)]).toEqual([
      1,
      [{ file: 'process-bad.yaml', line: 1, col: 17, path: 'app.replicas', severity: 'error', text: expect.stringMatching(/integer.*"2".*string/) }],
    ]);
  }, 20000);

  it('resolves file names from the directory npm run validate-values was started in', async () => {
    const result = await spawn('npm', ['run', '-s', '--prefix', ROOT, 'validate-values', '--', 'seed.yaml'], path.join(ROOT, 'values'));
    expect([result.code, problemLines(result.stdout)]).toEqual([0, []]);
    expect(summary(result.stdout)).toEqual({ outcome: 'OK', files: 'seed.yaml', counts: { error: 0, warning: 0 } });
  }, 20000);
});
