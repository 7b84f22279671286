import { loadChart, renderStats } from '../../src/testing';
import { notesViaInstall } from '../../src/testing/notes';
import { asyncFailureOf, BASIC_CHART, failureOf, STRICT_CHART } from './helpers';

const chart = loadChart(BASIC_CHART);

const expectedNotes = (release: string, namespace: string): string =>
  [
    `Release ${release} in namespace ${namespace} (chart basic-0.1.0).`,
    'Template: basic/templates/NOTES.txt',
    'Replicas: 2',
    '  - http-a on 8080',
    '  - http-b on 9090',
    'helm.sh/chart: basic-0.1.0',
    'app.kubernetes.io/name: basic',
    `app.kubernetes.io/instance: ${release}`,
    'app.kubernetes.io/version: "1.0.0"',
    '',
  ].join('\n');

describe('NOTES.txt', () => {
  it('renders lazily, once, through helm 4 install --dry-run=client', async () => {
    const options = { set: { replicas: 2 }, release: { name: 'n4', namespace: 'notes' } };
    expect(notesViaInstall(options)).toBe(true);
    const before = renderStats().notesRuns;
    const out = await chart.render(options);
    expect(renderStats().notesRuns).toBe(before); // rendering did not touch NOTES
    expect(await out.notes).toBe(expectedNotes('n4', 'notes'));
    expect(await out.notes).toBe(expectedNotes('n4', 'notes'));
    expect(await (await chart.render({ ...options, validate: false })).notes).toBe(expectedNotes('n4', 'notes'));
    expect(renderStats().notesRuns - before).toBe(1);
  });

  it('renders identically on helm 3 and with template-only flags (wrapper template)', async () => {
    const helm3 = { helm: 3 as const, set: { replicas: 2 }, release: { name: 'n3', namespace: 'notes' } };
    expect(notesViaInstall(helm3)).toBe(false);
    expect(await (await chart.render(helm3)).notes).toBe(expectedNotes('n3', 'notes'));
    const helm4 = { kubeVersion: '1.30.0', set: { replicas: 2 }, release: { name: 'n3', namespace: 'notes' } };
    expect(notesViaInstall(helm4)).toBe(false);
    expect(await (await chart.render(helm4)).notes).toBe(expectedNotes('n3', 'notes'));
  });

  it('is empty for a chart without NOTES.txt', async () => {
    const out = await loadChart(STRICT_CHART).render({ set: { port: 80 } });
    expect(await out.notes).toBe('');
  });

  it('toEqualRaw / toMatchRaw: equalRaw / matchRegexRaw', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'n4', namespace: 'notes' } });
    const notes = await out.notes;
    expect(notes).toEqualRaw(expectedNotes('n4', 'notes'));
    expect(notes).toMatchRaw(/http-b on 9090/);
    expect(notes).not.toMatchRaw(/http-c/);
    await expect(out.notes).toMatchRaw('Replicas: 2');

    const eqMsg = failureOf(() => expect(notes).toEqualRaw('Release n4'));
    expect(eqMsg).toContain('helm-unittest `equalRaw` {"value":"Release n4"}');
    expect(eqMsg).toContain('Template: templates/NOTES.txt');
    expect(eqMsg).toContain('Expected to equal "Release n4"');
    expect(eqMsg).toContain('Actual: "Release n4 in namespace notes');
    const reMsg = await asyncFailureOf(() => expect(out.notes).toMatchRaw(/Replicas: 3/));
    expect(reMsg).toContain('Expected to match /Replicas: 3/');
    expect(reMsg).toContain('Actual: "Release n4');
  });
});
