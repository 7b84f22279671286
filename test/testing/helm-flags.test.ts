import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadChart, renderStats } from '../../src/testing';
import { templateArgs } from '../../src/testing/helm-args';
import { postRendererPluginName } from '../../src/testing/post-renderer';
import { FEATURES_CHART, POST_RENDERER, VALUES_DIR } from './helpers';

const chart = loadChart(FEATURES_CHART);
const configFile = path.join(VALUES_DIR, 'config.txt');

describe('helm flags: skipSchemaValidation, setFile, postRenderer, extraArgs', () => {
  it('puts each flag on the helm command line', () => {
    const args = templateArgs('/c', {
      skipSchemaValidation: true,
      setFile: { config: 'dir/a,b.txt' },
      postRenderer: { command: 'bin/pr.sh', args: ['X', 'Y'] },
      extraArgs: ['--skip-tests'],
      helm: 3,
    }, '/cwd');
    expect(args.slice(5)).toEqual([
      '--set-file', 'config=/cwd/dir/a\\,b.txt',
      '--skip-schema-validation',
      '--post-renderer', '/cwd/bin/pr.sh', '--post-renderer-args', 'X', '--post-renderer-args', 'Y',
      '--skip-tests',
    ]);
    // Helm 4 only runs post-renderer plugins: the generated plugin's name is on the command line.
    expect(templateArgs('/c', { postRenderer: { command: 'bin/pr.sh' } }, '/cwd').slice(5)).toEqual([
      '--post-renderer', postRendererPluginName('/cwd/bin/pr.sh'),
    ]);
  });

  it('skipSchemaValidation lets helm render values that values.schema.json rejects', async () => {
    await expect(chart.render({ set: { port: 70000 } })).toFailTemplateMatching(/port/);
    const out = await chart.render({ set: { port: 70000 }, skipSchemaValidation: true });
    expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data.port', '70000');
  });

  it.each([3, 4] as const)('setFile passes a file content as a value on Helm %i', async (helm) => {
    const out = await chart.render({ setFile: { config: path.relative(process.cwd(), configFile) }, helm });
    expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data.config', 'line one\nline two, with a comma\n');
  });

  it.each([3, 4] as const)('postRenderer rewrites the manifests on Helm %i, with its arguments', async (helm) => {
    const plain = await chart.render({ helm, postRenderer: { command: POST_RENDERER } });
    expect(plain.document({ kind: 'ConfigMap' })).toHaveValue('data.marker', 'BARTEST');
    const withArg = await chart.render({ helm, postRenderer: { command: POST_RENDERER, args: ['BAZ'] } });
    expect(withArg.document({ kind: 'ConfigMap' })).toHaveValue('data.marker', 'BAZ');
    expect((await chart.render({ helm })).document({ kind: 'ConfigMap' })).toHaveValue('data.marker', 'FOOTEST');
  });

  it.each([3, 4] as const)('revision renders a real helm upgrade over revision N-1 on Helm %i', async (helm) => {
    const first = await chart.render({ helm, release: { name: 'r', namespace: 'apps' } });
    expect(first.document({ kind: 'ConfigMap' })).toHaveValue('data', expect.objectContaining({ revision: '1', isUpgrade: 'false' }));
    const out = await chart.render({ helm, revision: 3, release: { name: 'r', namespace: 'apps' }, set: { port: 9000 } });
    expect(out.helmArgs.slice(0, 3)).toEqual(['upgrade', 'r', FEATURES_CHART]);
    expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data', expect.objectContaining({ revision: '3', isUpgrade: 'true', port: '9000' }));
    // Same documents as helm template, hooks included.
    expect(out.documents.map((d) => `${d.kind}/${d.metadata?.name}`)).toEqual(first.documents.map((d) => `${d.kind}/${d.metadata?.name}`));
    expect(out.template('templates/tests/test-connection.yaml')).toHaveDocuments(1);
    expect(await out.notes).toBe('Release r is at revision 3.\n');
    expect(await first.notes).toBe('Release r is at revision 1.\n');
  });

  it('rejects a revision that is not a positive integer', async () => {
    await expect(chart.render({ revision: 0 })).rejects.toThrow(/revision must be an integer >= 1/);
    await expect(chart.render({ revision: 2, includeCrds: true })).rejects.toThrow(/drop includeCrds/);
  });

  it('extraArgs reach helm verbatim', async () => {
    const all = await chart.render({});
    expect(all.templates).toContain('templates/tests/test-connection.yaml');
    const out = await chart.render({ extraArgs: ['--skip-tests'] });
    expect(out.templates).not.toContain('templates/tests/test-connection.yaml');
    expect(out.helmArgs).toContain('--skip-tests');
    await expect(chart.render({ extraArgs: ['--no-such-flag'] })).toFailTemplateMatching(/unknown flag: --no-such-flag/);
  });

  it('each flag and the content of every file it names are part of the render cache key', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-flags-'));
    try {
      const file = path.join(tmp, 'config.txt');
      fs.writeFileSync(file, 'first');
      const base = { set: { port: 9000 } };
      const variants = [
        base,
        { ...base, skipSchemaValidation: true },
        { ...base, setFile: { config: file } },
        { ...base, postRenderer: { command: POST_RENDERER } },
        { ...base, postRenderer: { command: POST_RENDERER, args: ['Q'] } },
        { ...base, extraArgs: ['--skip-tests'] },
        { ...base, revision: 2 },
      ];
      const before = renderStats().templateRuns;
      for (const v of variants) await chart.render(v);
      for (const v of variants) await chart.render(v);
      expect(renderStats().templateRuns - before).toBe(variants.length);

      fs.writeFileSync(file, 'second, longer');
      const out = await chart.render({ ...base, setFile: { config: file } });
      expect(renderStats().templateRuns - before).toBe(variants.length + 1);
      expect(out.document({ kind: 'ConfigMap' })).toHaveValue('data.config', 'second, longer');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
