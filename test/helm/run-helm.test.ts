/** runHelm gives each helm run a private home and removes it when the run ends. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { runHelm } from '../../src/helm/run-helm';

const homes = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`helmts-home-${process.pid}-`));

describe('runHelm', () => {
  it('leaves no helm home in $TMPDIR once a run has ended, with no exit hook needed (a Jest worker may not run one)', async () => {
    const before = homes();
    const seen: string[] = [];
    const runs = [runHelm(['env'], 4), runHelm(['env'], 3)];
    seen.push(...homes().filter((h) => !before.includes(h)));
    const results = await Promise.all(runs);
    // Each run saw its own home (helm env prints it), and both were there while helm ran.
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(seen).toHaveLength(2);
    const used = results.map((r) => /HELM_CACHE_HOME="([^"]+)\/cache"/.exec(r.stdout)?.[1]);
    expect(used.sort()).toEqual(seen.map((h) => `${os.tmpdir()}/${h}`).sort());
    expect(homes().filter((h) => !before.includes(h))).toEqual([]);
  });
});
