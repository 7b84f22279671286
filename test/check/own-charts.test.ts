/**
 * The project's own charts pass `helmts check` (the command a user runs on theirs): schema-drawn values,
 * the TypeScript render against real helm. A counterexample would be written to a temp folder and shown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMain } from '../cli/run-main';

const REPO = path.resolve(__dirname, '..', '..');
let out: string;
beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-own-check-'));
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

async function check(chart: string, helm: 3 | 4, cases: number, seed: number): Promise<{ code: number; text: string }> {
  const r = await runMain(REPO, 'check', chart, '--helm', String(helm), '--cases', String(cases), '--seed', String(seed), '--out', path.join(out, `${chart}-${helm}.yaml`));
  return { code: r.code, text: r.stdout + r.stderr };
}

describe('helmts check on the charts of this repository', () => {
  it.each([
    ['starter', 4, 25, 11],
    ['starter', 3, 10, 12],
    ['helloworld-egress', 4, 20, 13],
  ] as const)('%s agrees with helm %d on %d schema-drawn values files', async (chart, helm, cases, seed) => {
    const r = await check(chart, helm, cases, seed);
    expect({ code: r.code, text: r.text }).toEqual({ code: 0, text: expect.stringMatching(new RegExp(`${chart} agrees with helm ${helm} on ${cases} generated values`)) });
  });
});
