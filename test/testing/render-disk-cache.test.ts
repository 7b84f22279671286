/** The on-disk render cache (HELMTS_RENDER_CACHE): shared across processes, keyed by content, never for renders that depend on more. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearRenderCache, HelmRenderError, loadChart, renderStats } from '../../src/testing';
import { STRICT_CHART } from './helpers';

let dir: string;
let chartDir: string;
const saved = process.env.HELMTS_RENDER_CACHE;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-disk-cache-test-'));
  chartDir = path.join(dir, 'strict');
  fs.cpSync(STRICT_CHART, chartDir, { recursive: true });
  process.env.HELMTS_RENDER_CACHE = path.join(dir, 'cache');
});
afterAll(() => {
  if (saved === undefined) delete process.env.HELMTS_RENDER_CACHE;
  else process.env.HELMTS_RENDER_CACHE = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the on-disk render cache', () => {
  it('serves a render with the same inputs from disk once the in-memory cache is gone, without a helm process', async () => {
    const first = await loadChart(chartDir).render({ set: { port: 81 } });
    expect(fs.readdirSync(path.join(dir, 'cache')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    clearRenderCache();
    const before = renderStats();
    const again = await loadChart(chartDir).render({ set: { port: 81 } });
    const after = renderStats();
    expect([after.helmRuns - before.helmRuns, after.diskHits - before.diskHits, after.templateRuns - before.templateRuns]).toEqual([0, 1, 1]);
    expect(again.manifest).toBe(first.manifest);
  });

  it('runs helm again when the chart content changes', async () => {
    await loadChart(chartDir).render({ set: { port: 82 } });
    fs.appendFileSync(path.join(chartDir, 'values.yaml'), '\n# changed\n');
    clearRenderCache();
    const before = renderStats().helmRuns;
    await loadChart(chartDir).render({ set: { port: 82 } });
    expect(renderStats().helmRuns - before).toBe(1);
  });

  it('caches a failed render, which still fails with helm’s error', async () => {
    await expect(loadChart(chartDir).render({ set: { mode: 'forbidden' } })).rejects.toBeInstanceOf(HelmRenderError);
    clearRenderCache();
    const before = renderStats();
    await expect(loadChart(chartDir).render({ set: { mode: 'forbidden' } })).toFailTemplate({ errorMessage: 'mode "forbidden" is not supported: use allow or deny' });
    expect(renderStats().helmRuns - before.helmRuns).toBe(0);
    expect(renderStats().diskHits - before.diskHits).toBe(1);
  });

  it('never caches a render with extraArgs', async () => {
    await loadChart(chartDir).render({ set: { port: 83 }, extraArgs: ['--skip-tests'] });
    clearRenderCache();
    const before = renderStats().helmRuns;
    await loadChart(chartDir).render({ set: { port: 83 }, extraArgs: ['--skip-tests'] });
    expect(renderStats().helmRuns - before).toBe(1);
  });
});
