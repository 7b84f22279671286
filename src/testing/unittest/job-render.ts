/**
 * Renders one helm-unittest test with real helm (through the toolkit's cached `Chart.render`) and
 * shapes the output as helm-unittest's `templatesResult` (pkg/unittest/test_job.go `RunV3`):
 * documents per template (parsed as yaml.v3, keyed `chart/templates/x.yaml`), every rendered
 * template (also those with no documents), NOTES.txt as raw text, and a failed render's error
 * attributed to its template (render-error.ts) when helm-unittest would attribute it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HelmRenderError } from '../errors';
import { templateFiles } from '../chosen-templates';
import { enabledSubcharts, inEnabledSubchart, needsSubchartQuery } from '../enabled-subcharts';
import { OFFLINE_KUBE_VERSION } from '../run-render';
import type { Chart } from '../chart';
import type { HelmMajor, RenderOptions } from '../types';
import type { JobRender } from './assertion';
import { parseAllV3 } from './go-yaml-v3';
import { mayBeReordered, rawTemplateTexts } from './raw-order';
import { unittestRenderError } from './render-error';
import { SPLITTER, type SuiteSpec, type TestSpec } from './suite-file';
import { userValues } from './set-values';
import { RAW, type Manifest } from './validate-context';

/** deep_copy.go `getTemplateFileNamePattern`: a suite `templates` entry as an (unanchored) regular expression. */
export function templatePattern(name: string): RegExp {
  const escaped = name
    .replace(/[.+[\]?()|{}^$]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[0-9a-zA-Z_\\-_/\\.]*')
    .replace(/\u0000/g, '[0-9a-zA-Z_\\-/\\.]+');
  return new RegExp(escaped);
}

/** The chart's templates a suite renders (deep_copy.go `filterV3Templates`), relative to the chart. */
export function suiteTemplateFiles(chartDir: string, chartName: string, suite: SuiteSpec): string[] | undefined {
  if (suite.templates.length === 0 && suite.excludeTemplates.length === 0) return undefined;
  const include = suite.templates.length > 0 ? suite.templates : ['**'];
  const full = (n: string) => templatePattern(`${chartName}/${/^(templates|charts|crds|\*\*)/.test(n) ? n : `templates/${n}`}`);
  return templateFiles(chartDir).filter((f) => {
    if (path.posix.basename(f).startsWith('_')) return false;
    const name = `${chartName}/${f}`;
    return include.some((p) => full(p).test(name)) && !suite.excludeTemplates.some((p) => full(p).test(name));
  });
}

/** Values written once per distinct content, so equal values share the render cache. */
function valuesFile(values: unknown): string {
  const text = JSON.stringify(values);
  const dir = path.join(os.tmpdir(), 'helmts-unittest-values');
  const file = path.join(dir, `${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
  return file;
}

/** The toolkit render options of one test (test_job.go `getUserValues`, `releaseV3Option`, `capabilitiesV3`). */
export function renderOptions(suite: SuiteSpec, test: TestSpec, chosen: string[] | undefined, helm: HelmMajor): RenderOptions {
  const values = userValues({ files: [...suite.values, ...test.values], suiteDir: path.dirname(suite.file), sets: [suite.set, test.set] });
  const major = test.capabilities.majorVersion ?? suite.capabilities.majorVersion;
  const minor = test.capabilities.minorVersion ?? suite.capabilities.minorVersion;
  const [, defMajor, defMinor] = /^v(\d+)\.(\d+)/.exec(OFFLINE_KUBE_VERSION[helm]) ?? [];
  const apiVersions = test.capabilities.apiVersions === null ? [] : [...(test.capabilities.apiVersions ?? []), ...(suite.capabilities.apiVersions ?? [])];
  const name = test.release.name ?? suite.release.name;
  const namespace = test.release.namespace ?? suite.release.namespace;
  const revision = test.release.revision ?? suite.release.revision;
  const post = test.postRenderer ?? suite.postRenderer;
  const chart = { version: test.chart.version ?? suite.chart.version, appVersion: test.chart.appVersion ?? suite.chart.appVersion };
  return {
    helm,
    validate: false,
    values: [valuesFile(values)],
    release: { ...(name ? { name } : {}), ...(namespace ? { namespace } : {}), ...(test.release.upgrade || suite.release.upgrade ? { upgrade: true } : {}) },
    ...(revision && revision > 1 ? { revision } : {}),
    ...(major || minor ? { kubeVersion: `v${major ?? defMajor}.${minor ?? defMinor}.0` } : {}),
    ...(apiVersions.length > 0 ? { apiVersions } : {}),
    ...(chart.version || chart.appVersion ? { chart } : {}),
    ...(chosen ? { templates: chosen.length > 0 ? chosen : ['!**'] } : {}),
    ...(suite.includeCrds ? { includeCrds: true } : {}),
    ...(post ? { postRenderer: { command: path.resolve(path.dirname(suite.file), post.cmd), args: post.args } } : {}),
  };
}

/** helm-unittest's `parseYamlFile`: documents of one template's text, empty ones dropped. */
export function parseTemplateText(text: string, where: string): Manifest[] {
  return parseAllV3(text.replace(SPLITTER, '\n---\n'), where).filter(
    (d): d is Manifest => d !== null && typeof d === 'object' && !Array.isArray(d) && Object.keys(d).length > 0,
  );
}

/** Documents of each template in `helm template` output, keyed as in `# Source:`. */
export function documentsBySource(manifest: string): Map<string, Manifest[]> {
  const out = new Map<string, Manifest[]>();
  for (const chunk of manifest.split(/^---\s*$/m)) {
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1]?.trim();
    if (!source) continue;
    const docs = parseTemplateText(chunk, source);
    out.set(source, [...(out.get(source) ?? []), ...docs]);
  }
  return out;
}

export async function renderJob(chart: Chart, suite: SuiteSpec, test: TestSpec, helm: HelmMajor, requireRenderSuccess: boolean): Promise<JobRender> {
  const chartName = chart.name;
  const chosen = suiteTemplateFiles(chart.dir, chartName, suite);
  const options = renderOptions(suite, test, chosen, helm);
  try {
    const out = await chart.render(options);
    const templates = documentsBySource(out.manifest);
    // Every template the engine rendered (helm-unittest's outputOfFiles): the chosen or all, but a disabled subchart's.
    let files = chosen ?? templateFiles(chart.dir).filter((f) => !path.posix.basename(f).startsWith('_'));
    const prefix = `${chartName}/`;
    const withOutput = new Set([...templates.keys()].map((t) => t.slice(prefix.length)));
    if (needsSubchartQuery(files, withOutput)) {
      const enabled = await enabledSubcharts(chart.dir, options);
      files = files.filter((f) => inEnabledSubchart(f, enabled));
    }
    const own = files.map((f) => `${prefix}${f}`);
    // helm template regroups a template's documents by kind; read such templates in their own order.
    const reordered = [...templates].filter(([t, docs]) => t.startsWith(`${chartName}/templates/`) && mayBeReordered(docs)).map(([t]) => t);
    if (reordered.length > 0 && !options.postRenderer) {
      const texts = await rawTemplateTexts(chart.dir, chartName, options, reordered);
      for (const t of reordered) templates.set(t, parseTemplateText(texts[t], t));
    }
    const renderedFiles = [...new Set([...own, ...templates.keys()])];
    for (const f of renderedFiles) {
      if (f.endsWith('/NOTES.txt')) templates.set(f, [{ [RAW]: await out.notes }]);
      else if (/\.(ya?ml|tpl)$/.test(f) && !templates.has(f)) templates.set(f, []);
    }
    return { templates, renderedFiles, renderSucceed: true };
  } catch (error) {
    if (!(error instanceof HelmRenderError)) throw error;
    const extracted = unittestRenderError(error.stderr);
    if (requireRenderSuccess || extracted.file === undefined) {
      return { templates: new Map(), renderedFiles: [], renderSucceed: false, renderError: requireRenderSuccess ? undefined : extracted.text };
    }
    const failed = [{ [RAW]: extracted.text }];
    const templates = new Map<string, Manifest[]>();
    if (path.posix.basename(extracted.file).startsWith('_')) {
      for (const t of suite.templates) templates.set(`${chartName}/${/^(templates|charts|crds|\*\*)/.test(t) ? t : `templates/${t}`}`, failed);
    } else templates.set(extracted.file, failed);
    return { templates, renderedFiles: [...templates.keys()], renderSucceed: false };
  }
}
