/**
 * The metrics-server port (examples/metrics-server/, a new user's helmts project: `helmts build` with a
 * helmts.config.ts, `import … from 'helmts'`) against the upstream chart it was ported from (vendored unchanged in
 * test/fixtures/upstream/metrics-server): `helm template` of both, on the upstream default values and on every
 * values file of test/examples/metrics-server-values/ (three of them upstream's own ci/ files), on Helm 4 and 3, must
 * give the same objects, matched by kind, namespace and name and compared as `helmts check` compares them (a key whose
 * value is null, {} or [] counts as absent).
 *
 * The port is partial: the objects it does not render yet are listed in NOT_PORTED (with why in
 * examples/metrics-server/PORT-NOTES.md), and the test fails if upstream renders any other object the port lacks,
 * or if the port starts rendering a listed one (then the list must shrink).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { withoutEmptyKeys, firstDifference } from '../../src/check/differential';
import type { HelmMajor } from '../../src/helm/helm-binary';
import { runHelm } from '../../src/helm/run-helm';
import { parseManifests } from '../../src/testing/parse-manifests';
import { runMain as run } from '../cli/run-main';
import { linkHelmtsShim, tempProject, writeFile } from '../cli/temp-project';

const REPO = path.resolve(__dirname, '..', '..');
const UPSTREAM = path.join(REPO, 'test', 'fixtures', 'upstream', 'metrics-server');
const VALUES = path.join(__dirname, 'metrics-server-values');
const FILES = fs.readdirSync(VALUES).filter((f) => f.endsWith('.yaml')).sort();

/** Objects upstream renders that the port does not (yet), by kind/name: see examples/metrics-server/PORT-NOTES.md. */
const NOT_PORTED = new Set<string>([]);

let root: string;
let ported: string;
beforeAll(async () => {
  root = tempProject('helmts-metrics-server-');
  linkHelmtsShim(root);
  // The ServiceMonitor's model package, as the user installs it beside kubernetes-models.
  fs.symlinkSync(path.join(REPO, 'node_modules', '@kubernetes-models'), path.join(root, 'node_modules', '@kubernetes-models'));
  fs.cpSync(path.join(REPO, 'examples', 'metrics-server'), path.join(root, 'examples', 'metrics-server'), { recursive: true });
  writeFile(root, 'helmts.config.ts', "export default { charts: ['examples/metrics-server/chart.ts'] };\n");
  // As the user runs it: a helmts process in the project.
  const built = spawnSync(process.execPath, [path.join(REPO, 'bin', 'helmts.js'), 'build'], { cwd: root, encoding: 'utf8' });
  expect({ code: built.status, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
  ported = path.join(root, 'charts', 'metrics-server');
}, 180_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
const keyOf = (d: Doc) => `${d.kind}/${d.metadata.namespace ? `${d.metadata.namespace}/` : ''}${d.metadata.name}`;

async function objects(chart: string, file: string | undefined, helm: HelmMajor): Promise<Map<string, Doc>> {
  const r = await runHelm(['template', 'rel', chart, '-n', 'ns', ...(file ? ['-f', file] : [])], helm);
  if (r.code !== 0) throw new Error(`helm ${helm} template ${chart} ${file ?? ''}: ${r.stderr}`);
  const docs = (parseManifests(r.stdout) as Doc[]).filter((d) => d && typeof d === 'object');
  return new Map(docs.map((d) => [keyOf(d), d]));
}

const notPorted = (key: string) => NOT_PORTED.has(key.replace(/^(\w+)\/(?:[^/]+\/)?([^/]+)$/, '$1/$2').replace(/\/rel-metrics-server$|\/rel$|\/my-metrics$|\/rel-ms$/, '/metrics-server'));

describe('metrics-server: the port renders what the upstream chart renders', () => {
  it('has at least 10 values files, each valid for the port (helmts validate)', async () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
    for (const file of FILES) {
      const r = await run(root, 'validate', path.join(VALUES, file), '--chart', ported);
      expect({ file, code: r.code, out: r.stdout }).toEqual({ file, code: 0, out: expect.stringMatching(/^OK: /m) });
    }
  }, 120_000);

  it('keeps upstream\'s defaults for every key it has', () => {
    const upstream = parse(fs.readFileSync(path.join(UPSTREAM, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const own = parse(fs.readFileSync(path.join(ported, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const pick = (from: unknown, like: unknown): unknown =>
      like && typeof like === 'object' && !Array.isArray(like) && from && typeof from === 'object'
        ? Object.fromEntries(Object.keys(like).map((k) => [k, pick((from as Record<string, unknown>)[k], (like as Record<string, unknown>)[k])]))
        : from;
    expect(own).toEqual(pick(upstream, own));
  });

  const cases = [undefined, ...FILES].flatMap((file) => ([4, 3] as HelmMajor[]).map((helm) => ({ file, helm, label: file ?? 'the default values' })));
  it.each(cases)('on $label, Helm $helm: the same objects', async ({ file, helm }) => {
    const values = file && path.join(VALUES, file);
    const [want, got] = await Promise.all([objects(UPSTREAM, values, helm), objects(ported, values, helm)]);
    const missing = [...want.keys()].filter((k) => !got.has(k));
    expect({ missing: missing.filter((k) => !notPorted(k)), extra: [...got.keys()].filter((k) => !want.has(k)) }).toEqual({ missing: [], extra: [] });
    for (const [key, doc] of got) {
      const difference = firstDifference(withoutEmptyKeys(doc), withoutEmptyKeys(want.get(key)));
      expect({ key, difference }).toEqual({ key, difference: undefined });
    }
  }, 60_000);
});
