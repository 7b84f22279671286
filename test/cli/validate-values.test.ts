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
  const code = runValidateValues(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

function spawn(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('validate-values', () => {
  it('prints OK with the namespace count for a valid file and exits 0', () => {
    const file = write('ok.yaml', 'namespaces:\n  - {name: default, create: false, sidecar: {egress: [{port: 80, protocol: HTTP, name: h, hosts: ["./*"]}]}}\n');
    expect(run(file)).toEqual({ code: 0, stdout: 'OK: ok.yaml (1 namespace, 0 warnings)\n', stderr: '' });
  });

  it('prints file:line:col, path, message and hint of a quoted port and exits 1', () => {
    const file = write('quoted-port.yaml', 'service:\n  ports:\n    - name: http\n      port: "80"\n      targetPort: 80\n');
    expect(run(file)).toEqual({
      code: 1,
      stdout:
        'quoted-port.yaml:4:13  service.ports[0].port  port must be an integer 1–65535; got "80" (a string)  (remove the quotes)\n' +
        'FAILED: quoted-port.yaml (1 error, 0 warnings)\n',
      stderr: '',
    });
  });

  it('merges files in order, so a later file can fix an earlier one', () => {
    const broken = write('broken-port.yaml', 'service:\n  ports:\n    - {name: http, port: "80", targetPort: 80}\n');
    const fixed = write('fixed-port.yaml', 'service:\n  ports:\n    - {name: http, port: 80, targetPort: 80}\n');
    expect(run(broken, fixed).code).toBe(0);
  });

  it('exits 0 on a warning and prints it with "warning:"', () => {
    const file = write('warn.yaml', 'service:\n  ports:\n    - {name: http, port: 80, targetPort: 80}\n    - {name: alt, port: 8080, targetPort: 8080}\n');
    expect(run(file)).toEqual({
      code: 0,
      stdout:
        'warn.yaml:4:43  service.ports[1].targetPort  warning: targetPort 8080 is not app.containerPort (80): the Service forwards to a port the container does not listen on  (set targetPort: 80, or change app.containerPort)\n' +
        'OK: warn.yaml (2 namespaces, 1 warning)\n',
      stderr: '',
    });
  });

  it('exits 1 on a warning with --strict', () => {
    const file = write('warn-strict.yaml', 'service:\n  ports:\n    - {name: http, port: 80, targetPort: 80}\n    - {name: alt, port: 8080, targetPort: 8080}\n');
    const result = run('--strict', file);
    expect([result.code, result.stdout.split('\n').at(-2)]).toEqual([1, 'FAILED: warn-strict.yaml (0 errors, 1 warning; --strict fails on warnings)']);
  });

  it('prints the parser line and column for malformed YAML and exits 1', () => {
    const file = write('malformed.yaml', 'app:\n  replicas: 2\n   name: x\n');
    const result = run(file);
    expect([result.code, result.stdout.split('\n')[0]]).toEqual([1, 'malformed.yaml:2:13  YAML syntax error: Nested mappings are not allowed in compact mappings']);
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
            message: 'sidecarApiVersion must be one of networking.istio.io/v1alpha3, networking.istio.io/v1beta1, networking.istio.io/v1; got "v1" (a string)',
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
    expect(run('--chart', 'other-chart', file).stdout.split('\n')[0]).toBe(
      'other.yaml:1:7  size  size must be an integer of at most 3; got 5  (use a value of at most 3)',
    );
  });

  it('validates against the schema given with --schema', () => {
    write('tiny.schema.json', JSON.stringify({ type: 'object', additionalProperties: false }));
    const file = write('any.yaml', 'namespaces: []\n');
    expect(run('--schema=tiny.schema.json', file).code).toBe(1);
  });

  it('prints the usage and exits 2 for an unknown option', () => {
    const result = run('--stritc', 'x.yaml');
    expect([result.code, result.stdout, result.stderr.split('\n')[0], result.stderr]).toEqual([
      2,
      '',
      'validate-values: unknown option --stritc',
      expect.stringContaining('Usage: validate-values [options] <values.yaml>'),
    ]);
  });

  it('exits 2 when no file is given', () => {
    expect(run('--strict')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^validate-values: no values file given\n/) });
  });

  it('exits 2 with one line and no stack trace for a missing file', () => {
    expect(run('missing.yaml')).toEqual({ code: 2, stdout: '', stderr: 'validate-values: cannot read values file missing.yaml: no such file\n' });
  });
});

describe('helmts', () => {
  it('prints its usage and exits 2 for an unknown command', async () => {
    let stderr = '';
    const code = await main(['lint'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir });
    expect([code, stderr.split('\n')[0], stderr]).toEqual([2, 'helmts: unknown command "lint"', expect.stringContaining('validate')]);
  });

  it('validates values/seed.yaml as a process through bin/helmts.js', async () => {
    const result = await spawn(process.execPath, [path.join(ROOT, 'bin', 'helmts.js'), 'validate', 'values/seed.yaml'], ROOT);
    expect(result).toEqual({ code: 0, stdout: 'OK: values/seed.yaml (2 namespaces, 0 warnings)\n', stderr: '' });
  }, 20000);

  it('exits 1 as a process for invalid values, printing the problem', async () => {
    const file = write('process-bad.yaml', 'app: {replicas: "2"}\n');
    const result = await spawn(process.execPath, [path.join(ROOT, 'bin', 'helmts.js'), 'validate', file], dir);
    expect([result.code, result.stdout.split('\n')[0]]).toEqual([1, 'process-bad.yaml:1:17  app.replicas  replicas must be an integer 0–1000; got "2" (a string)  (remove the quotes)']);
  }, 20000);

  it('resolves file names from the directory npm run validate-values was started in', async () => {
    const result = await spawn('npm', ['run', '-s', '--prefix', ROOT, 'validate-values', '--', 'seed.yaml'], path.join(ROOT, 'values'));
    expect(result).toMatchObject({ code: 0, stdout: 'OK: seed.yaml (2 namespaces, 0 warnings)\n' });
  }, 20000);
});
