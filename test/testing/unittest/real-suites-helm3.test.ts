/** The public charts' helm-unittest suites on Helm 3.17 (see real-suites.ts), and the RELEASE-NAME proof. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runUnittestSuites } from '../../../src/testing/unittest';
import { APIVERSIONS_ARTEFACT, CHARTS, ROOT, describeRealSuites, failing } from './real-suites';

describeRealSuites(3);

it('should pass every jenkins and flux2 assert on Helm 3 once RELEASE-NAME is written as release-name, except the APIVersions artefact', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-release-name-'));
  try {
    const keys: string[] = [];
    for (const { chart, files } of CHARTS.slice(0, 2)) {
      const copy = path.join(tmp, chart);
      fs.cpSync(path.join(ROOT, chart), copy, { recursive: true });
      for (const dir of ['unittests', 'tests', 'unittests/__snapshot__', 'tests/__snapshot__']) {
        const d = path.join(copy, dir);
        if (!fs.existsSync(d)) continue;
        for (const f of fs.readdirSync(d).filter((n) => /\.(yaml|snap)$/.test(n))) {
          const file = path.join(d, f);
          fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('RELEASE-NAME', 'release-name'));
        }
      }
      keys.push(...failing(await runUnittestSuites(copy, { helm: 3, files })).map((f) => f.key));
    }
    expect(keys).toEqual([APIVERSIONS_ARTEFACT]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}, 120_000);
