/**
 * `loadChart(dir)` → a {@link Chart} whose `render()` runs real `helm template` once per
 * distinct input (chart content, values files content, options) and caches the promise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { renderChanges, withChartCopy } from './chart-copy';
import { recordCoverage, resolveChartDir } from './coverage-hook';
import { ChartRenderError, HelmRenderError } from './errors';
import { diskKey, readDisk, writeDisk } from './render-disk-cache';
import { directoryHash, fileHash, stableStringify } from './fingerprint';
import { inputFiles, templateArgs } from './helm-args';
import { checkRenderOptions, runRender, upgradeArgs, type RenderOutput } from './run-render';
import { renderNotes } from './notes';
import { parseManifests } from './parse-manifests';
import { RenderResult } from './render-result';
import { countDiskHit, countRenderCall, PromiseCache } from './render-stats';
import type { ChartDocument, RenderOptions } from './types';
import { documentInfo, kindName } from './document-info';
import { enabledSubcharts, inEnabledSubchart, needsSubchartQuery } from './enabled-subcharts';
import { isHelper, templateChooser, templateFiles } from './chosen-templates';
import { validateDocuments } from './validate-documents';
import { SubchartView } from './subchart-view';

const manifests = new PromiseCache<RenderOutput>();
const notes = new PromiseCache<string>();
const results = new PromiseCache<RenderResult>();

export class Chart {
  /** Absolute chart directory. */
  readonly dir: string;

  /** Only resolves the path: the chart may be generated later (e.g. in `beforeAll`). */
  constructor(dir: string) {
    this.dir = resolveChartDir(path.resolve(dir));
  }

  /** `name` from Chart.yaml. */
  get name(): string {
    const chartYaml = path.join(this.dir, 'Chart.yaml');
    if (!fs.existsSync(chartYaml)) throw new Error(`${this.dir} is not a chart: it has no Chart.yaml`);
    const meta = parse(fs.readFileSync(chartYaml, 'utf8')) as { name?: unknown } | null;
    if (typeof meta?.name !== 'string') throw new Error(`${chartYaml} has no name`);
    return meta.name;
  }

  /** Cache key of the helm invocation: options that reach helm + chart and values content. */
  private helmKey(options: RenderOptions): string {
    const { validate: _validate, ...helmOptions } = options;
    return stableStringify({
      chart: this.dir,
      chartContent: directoryHash(this.dir),
      inputContent: inputFiles(options).map(fileHash),
      cwd: process.cwd(),
      helm: options.helm ?? 4,
      options: helmOptions,
    });
  }

  /**
   * Renders the chart with real helm. Rejects with a {@link HelmRenderError} when helm fails,
   * a `ManifestParseError` when its output is not YAML 1.1, or a `ManifestValidationError` when
   * a document violates its kubernetes-models schema (unless `validate: false`).
   */
  render(renderOptions: RenderOptions = {}): Promise<RenderResult> {
    let options: RenderOptions, chartName: string, helmKey: string;
    try {
      options = structuredClone(renderOptions); // later mutations of the caller's object do not leak in
      chartName = this.name;
      checkRenderOptions(options);
      helmKey = this.helmKey(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const key = stableStringify({ helmKey, validate: options.validate !== false });
    countRenderCall(results.has(key));
    return results.get(key, async () => {
      const major = options.helm ?? 4;
      const output = await manifests.get(helmKey, async () => {
        const disk = diskKey(helmKey, options);
        const cached = disk ? readDisk(disk) : undefined;
        if (cached) {
          countDiskHit();
          if ('code' in cached) throw new HelmRenderError(templateArgs(this.dir, options), cached.code, cached.stderr);
          recordCoverage(cached.manifest);
          return { manifest: cached.manifest };
        }
        try {
          return await withChartCopy(this.dir, renderChanges(this.dir, options), async (dir) => {
            const rendered = await runRender(dir, options);
            recordCoverage(rendered.manifest);
            if (disk) writeDisk(disk, { manifest: rendered.manifest });
            return rendered;
          });
        } catch (error) {
          if (disk && error instanceof HelmRenderError) writeDisk(disk, { code: error.exitCode, stderr: error.stderr });
          throw error;
        }
      });
      const manifest = output.manifest;
      const documents = parseManifests(manifest);
      let rendered = renderedTemplates(this.dir, options);
      const withOutput = new Set(documents.map((d) => documentInfo(d)?.template ?? ''));
      if (needsSubchartQuery(rendered, withOutput)) {
        const enabled = await enabledSubcharts(this.dir, options);
        rendered = rendered.filter((t) => inEnabledSubchart(t, enabled));
      }
      const unvalidated = options.validate === false ? documents.map(unvalidatedName) : validateDocuments(documents);
      return new RenderResult({
        chartDir: this.dir,
        chartName,
        documents,
        unvalidated,
        manifest,
        helmArgs: (options.revision ?? 1) > 1 ? upgradeArgs(this.dir, options) : templateArgs(this.dir, options),
        helm: major,
        renderedTemplates: rendered,
        notes: () =>
          output.notes !== undefined ? Promise.resolve(output.notes) : notes.get(helmKey, () => renderNotes(this.dir, chartName, options)),
      });
    });
  }

  /**
   * A view that renders subchart `key` (its alias, else its name) inside this chart, with the
   * test's values scoped under the key (`global` stays global) and only its templates rendered.
   */
  subchart(key: string): SubchartView {
    return new SubchartView(this, key);
  }

  /**
   * Resolves with the error message of a render that must fail (helm `fail`, values schema,
   * kubernetes-models schema); rejects when the render succeeds.
   */
  async renderError(options: RenderOptions = {}): Promise<string> {
    let out: RenderResult;
    try {
      out = await this.render(options);
    } catch (error) {
      if (error instanceof ChartRenderError) return error.message;
      throw error;
    }
    throw new Error(`expected the render to fail, but it produced ${out.documents.length} document(s)`);
  }
}

/** The manifest templates a render runs: every template but helpers and NOTES.txt, only the chosen ones with `templates`. */
function renderedTemplates(chartDir: string, options: RenderOptions): string[] {
  const chosen = options.templates ? templateChooser(options.templates) : () => true;
  return templateFiles(chartDir).filter((f) => !isHelper(f) && !/(^|\/)templates\/NOTES\.txt$/.test(f) && chosen(f));
}

function unvalidatedName(doc: ChartDocument): string {
  return `${kindName(doc)} (${doc.apiVersion ?? '<no apiVersion>'})`;
}

/** A chart directory, relative to the current working directory (read lazily, on first render). */
export function loadChart(dir: string): Chart {
  return new Chart(dir);
}
