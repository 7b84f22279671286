import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SnapshotState } from 'jest-snapshot';
import { chartMatchers, loadChart, snapshotValue } from '../../src/testing';
import { BASIC_CHART } from './helpers';

const chart = loadChart(BASIC_CHART);
const ignore = ['metadata.labels["helm.sh/chart"]', 'metadata.labels["app.kubernetes.io/version"]'];

/** Calls the matcher against a private snapshot file, so failures do not touch this file's snapshots. */
function matchPrivately(state: SnapshotState, received: unknown, options = {}): jest.CustomMatcherResult {
  const context = { snapshotState: state, currentTestName: 'chart snapshot', isNot: false, promise: '' };
  return chartMatchers.toMatchChartSnapshot.call(context as never, received, options);
}

describe('toMatchChartSnapshot', () => {
  it('matches the stored Jest snapshot (a template output and a path)', async () => {
    const out = await chart.render({ set: { namespaces: ['apps'] }, release: { name: 'snap', namespace: 'apps' } });
    expect(out.template('templates/deployment.yaml')).toMatchChartSnapshot({ ignore });
    expect(out.document({ kind: 'Service' })).toMatchChartSnapshot({ path: 'spec.ports' });
  });

  it('snapshots a whole render as its documents grouped by template, ignored paths removed', async () => {
    const out = await chart.render({ set: { namespaces: ['apps'] }, release: { name: 'snap', namespace: 'apps' } });
    const value = snapshotValue(out, { ignore }) as Record<string, Array<{ kind: string; metadata: { name: string; labels?: object } }>>;
    const byTemplate = Object.fromEntries(Object.entries(value).map(([t, docs]) => [t, docs.map((d) => `${d.kind}/${d.metadata.name}`)]));
    expect(byTemplate).toEqual({
      'templates/namespaces.yaml': ['Namespace/apps'],
      'templates/echo.yaml': ['ConfigMap/snap-echo'],
      'templates/service.yaml': ['Service/snap-web'],
      'templates/deployment.yaml': ['Deployment/snap-web'],
      'templates/sidecars.yaml': ['Sidecar/sidecar-apps'],
    });
    expect(value['templates/service.yaml'][0].metadata.labels).toEqual({ 'app.kubernetes.io/name': 'basic', 'app.kubernetes.io/instance': 'snap' });
    for (const docs of Object.values(value))
      for (const doc of docs) {
        expect(doc.metadata.labels ?? {}).not.toHaveProperty(['helm.sh/chart']);
        expect(doc.metadata.labels ?? {}).not.toHaveProperty(['app.kubernetes.io/version']);
      }
  });

  it('removes ignored paths before snapshotting', async () => {
    const a = await chart.render({ release: { name: 'snap' } });
    const b = await chart.render({ release: { name: 'snap' }, chart: { version: '7.7.7', appVersion: '7.7' } });
    const value = snapshotValue(a.document({ kind: 'Deployment' }), { ignore }) as { metadata: { labels: object } };
    expect(value.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'basic', 'app.kubernetes.io/instance': 'snap' });
    expect(snapshotValue(b, { ignore })).toEqual(snapshotValue(a, { ignore }));
    expect(snapshotValue(b)).not.toEqual(snapshotValue(a));
    expect(a.document({ kind: 'Deployment' })).toHaveValue('metadata.labels["helm.sh/chart"]', 'basic-0.1.0'); // original untouched
  });

  it('fails in CI when the snapshot is missing, and on a changed render', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-snap-'));
    const snapshotPath = path.join(dir, '__snapshots__', 'private.snap');
    const options = (updateSnapshot: 'none' | 'new') => ({
      updateSnapshot,
      rootDir: dir,
      snapshotFormat: { escapeString: false, printBasicPrototype: false },
    });
    try {
      const base = (await chart.render({ set: { replicas: 1 } })).template('templates/deployment.yaml');
      const ci = matchPrivately(new SnapshotState(snapshotPath, options('none')), base, { ignore });
      expect(ci.pass).toBe(false);
      expect(ci.message()).toContain('New snapshot was not written');

      const recording = new SnapshotState(snapshotPath, options('new'));
      expect(matchPrivately(recording, base, { ignore }).pass).toBe(true);
      recording.save();

      const relabelled = (await chart.render({ set: { replicas: 1 }, chart: { version: '2.0.0' } })).template('templates/deployment.yaml');
      expect(matchPrivately(new SnapshotState(snapshotPath, options('none')), relabelled, { ignore }).pass).toBe(true);

      const changed = (await chart.render({ set: { replicas: 3 } })).template('templates/deployment.yaml');
      const failed = matchPrivately(new SnapshotState(snapshotPath, options('none')), changed, { ignore });
      expect(failed.pass).toBe(false);
      expect(failed.message()).toMatch(/- +"replicas": 1,/);
      expect(failed.message()).toMatch(/\+ +"replicas": 3,/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
