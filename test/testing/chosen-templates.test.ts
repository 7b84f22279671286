import { loadChart } from '../../src/testing';
import { templateFiles, unchosenTemplates } from '../../src/testing/chosen-templates';
import { FEATURES_CHART } from './helpers';

const chart = loadChart(FEATURES_CHART);
const broken = { set: { broken: true } };

describe('render({ templates }) renders only the chosen templates', () => {
  it('lists template files and keeps helpers, with globs and exclusions', () => {
    expect(templateFiles(FEATURES_CHART)).toEqual([
      'templates/NOTES.txt',
      'templates/_helpers.tpl',
      'templates/broken.yaml',
      'templates/configmap.yaml',
      'templates/deployment.yaml',
      'templates/empty.yaml',
      'templates/secret.yaml',
      'templates/tests/test-connection.yaml',
    ]);
    expect(unchosenTemplates(FEATURES_CHART, ['deployment.yaml', 'tests/*'])).toEqual([
      'templates/NOTES.txt',
      'templates/broken.yaml',
      'templates/configmap.yaml',
      'templates/empty.yaml',
      'templates/secret.yaml',
    ]);
    expect(unchosenTemplates(FEATURES_CHART, ['templates/*.yaml', '!broken.yaml', '!empty.yaml', '!secret.yaml'])).toEqual([
      'templates/NOTES.txt',
      'templates/broken.yaml',
      'templates/empty.yaml',
      'templates/secret.yaml',
      'templates/tests/test-connection.yaml',
    ]);
    expect(unchosenTemplates(FEATURES_CHART, ['**', '!**/test-*'])).toEqual(['templates/tests/test-connection.yaml']);
    expect(unchosenTemplates(FEATURES_CHART, ['NOTES.txt', 'configmap.yaml'])).not.toContain('templates/NOTES.txt');
  });

  it('a failing unrelated template fails the whole render, but not a render of chosen templates', async () => {
    await expect(chart.render(broken)).toFailTemplate({ errorMessage: 'broken.yaml fails whenever .Values.broken is true' });
    // --show-only does not help: helm still runs broken.yaml.
    await expect(chart.render({ ...broken, extraArgs: ['--show-only', 'templates/deployment.yaml'] })).toFailTemplate({ errorMessage: 'broken.yaml fails whenever .Values.broken is true' });
    const out = await chart.render({ ...broken, templates: ['deployment.yaml', 'tests/*'] });
    expect(out.templates).toEqual(['templates/deployment.yaml', 'templates/tests/test-connection.yaml']);
    // The helper from _helpers.tpl still works.
    expect(out.template('templates/deployment.yaml')).toHaveValue('metadata.name', 'release-name-features');
    expect(out.template('templates/tests/test-connection.yaml')).toHaveValue('metadata.name', 'release-name-features-test');
  });

  it.each([3, 4] as const)('exclusions drop templates on Helm %i', async (helm) => {
    const out = await chart.render({ ...broken, helm, templates: ['*.yaml', 'tests/*', '!broken.yaml', '!tests/*'] });
    expect(out.templates).toEqual(['templates/secret.yaml', 'templates/configmap.yaml', 'templates/deployment.yaml']);
  });

  it('a pattern that matches no template is a clear error, and the chart itself is untouched', async () => {
    await expect(chart.render({ templates: ['deploymnet.yaml'] })).rejects.toThrow(
      /templates: "deploymnet.yaml" matches no template of .*features.*Templates: templates\/NOTES.txt, templates\/broken.yaml, templates\/configmap.yaml/,
    );
    await expect(chart.render({ templates: ['!broken.yaml'] })).rejects.toThrow(/chooses nothing/);
    expect(templateFiles(FEATURES_CHART)).toContain('templates/broken.yaml');
  });
});
