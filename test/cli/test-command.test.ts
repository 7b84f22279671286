/** `helmts test --unittest`: exit codes and the report, on a temp copy of the fan-out fixture chart with one suite. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTestCommand } from '../../src/cli/test';

const FAN_OUT = path.join(__dirname, '..', 'testing', 'fixtures', 'charts', 'fan-out');
let chart: string;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runTestCommand(args, { cwd: process.cwd(), stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

beforeAll(() => {
  chart = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-test-cmd-')), 'fan-out');
  fs.cpSync(FAN_OUT, chart, { recursive: true });
  fs.mkdirSync(path.join(chart, 'tests'));
  fs.writeFileSync(path.join(chart, 'tests', 'ok_test.yaml'), 'suite: ok\ntemplates: [configmap.yaml]\ntests:\n  - it: is a ConfigMap\n    asserts: [{ isKind: { of: ConfigMap } }]\n');
  fs.writeFileSync(path.join(chart, 'tests', 'bad_test.yaml'), 'suite: bad\ntemplates: [configmap.yaml]\ntests:\n  - it: is a Secret\n    asserts: [{ isKind: { of: Secret } }, { isFancy: {} }]\n');
});
afterAll(() => fs.rmSync(path.dirname(chart), { recursive: true, force: true }));

describe('helmts test --unittest', () => {
  it('exits 0 when every assert passes, on Helm 4 and 3', async () => {
    for (const helm of ['4', '3']) {
      const r = await cli(['--unittest', chart, '-f', 'tests/ok_test.yaml', '--helm', helm]);
      expect([r.code, r.out]).toEqual([0, expect.stringContaining('Tests: 1, asserts: 1: 1 passed, 0 failed, 0 unsupported, 0 skipped')]);
    }
  });

  it('exits 1 and names each failing and unsupported assert by suite, test, index and type', async () => {
    const r = await cli(['--unittest', chart, '-f', 'tests/bad_test.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('tests/bad_test.yaml  (suite: bad)');
    expect(r.out).toContain('asserts[0] isKind: FAIL');
    expect(r.out).toContain('asserts[1] isFancy: UNSUPPORTED');
  });

  it('exits 2 on bad usage: no --unittest, no chart, no suite file, an unknown helm line', async () => {
    expect((await cli([chart])).code).toBe(2);
    expect((await cli(['--unittest'])).code).toBe(2);
    expect((await cli(['--unittest', chart, '-f', 'nope/*.yaml'])).err).toContain('no suite file matches nope/*.yaml');
    expect((await cli(['--unittest', chart, '--helm', '5'])).code).toBe(2);
  });
});
