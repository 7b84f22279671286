/** The parsed output of one render: documents, per-template views and lazily rendered NOTES. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describeDocument, documentInfo, markSkipEmpty, setGroupLabel, setGroupTemplate } from './document-info';
import { evaluatePath } from './path';
import { chartTemplateFiles } from './subcharts';
import type { ChartDocument, DocumentQuery, DocumentSelector, HelmMajor } from './types';

export function matchesSelector(doc: ChartDocument, selector: DocumentSelector): boolean {
  return (
    (selector.kind === undefined || doc.kind === selector.kind) &&
    (selector.apiVersion === undefined || doc.apiVersion === selector.apiVersion) &&
    (selector.name === undefined || doc.metadata?.name === selector.name) &&
    (selector.namespace === undefined || doc.metadata?.namespace === selector.namespace) &&
    (selector.path === undefined || matchesPath(doc, selector.path, selector))
  );
}

function matchesPath(doc: ChartDocument, path: string, selector: DocumentSelector): boolean {
  const matches = evaluatePath(doc, path);
  if (!('value' in selector) || selector.value === undefined) return matches.length > 0;
  return matches.some((m) => isDeepStrictEqual(m.value, selector.value));
}

/**
 * helm-unittest's `documentSelector` over any list of documents: the documents matching `query`.
 * Throws, listing the documents, when none match (unless `skipEmpty`) or several match (unless
 * `matchMany`). A `skipEmpty` selection that is empty makes assertions on it pass vacuously.
 */
export function findDocuments(docs: readonly ChartDocument[], query: DocumentQuery): ChartDocument[] {
  const { matchMany, skipEmpty, ...selector } = query;
  const found = docs.filter((d) => matchesSelector(d, selector));
  const available = (): string => docs.map((d) => `  ${describeDocument(d)}`).join('\n') || '  (none)';
  if (found.length === 0 && !skipEmpty) {
    throw new Error(`No documents match ${describeSelector(selector)} (pass skipEmpty: true to allow none).\nAvailable:\n${available()}`);
  }
  if (found.length > 1 && !matchMany) {
    throw new Error(`${found.length} documents match ${describeSelector(selector)} (pass matchMany: true to select them all).\nAvailable:\n${available()}`);
  }
  setGroupLabel(found, `documents matching ${describeSelector(query)}`);
  if (skipEmpty) markSkipEmpty(found);
  return found;
}

export function describeSelector(selector: DocumentSelector): string {
  const parts = Object.entries(selector)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `{ ${parts.join(', ')} }`;
}

export interface RenderResultInit {
  chartDir: string;
  chartName: string;
  documents: ChartDocument[];
  unvalidated: string[];
  manifest: string;
  helmArgs: string[];
  helm: HelmMajor;
  notes: () => Promise<string>;
  /** For a subchart's view: `charts/<key>`, prefixed to template paths that don't start with `charts/`. */
  templateBase?: string;
  /** Every manifest template the render ran (no helpers, no NOTES.txt), named as in `# Source:`. */
  renderedTemplates?: string[];
}

export class RenderResult {
  /** Every rendered document, in helm's output order. */
  readonly documents: readonly ChartDocument[];
  /** `Kind/name (apiVersion)` of documents no kubernetes-models class validates (or all, with `validate: false`). */
  readonly unvalidated: readonly string[];
  /** Raw `helm template` stdout. */
  readonly manifest: string;
  /** The `helm template` arguments used. */
  readonly helmArgs: readonly string[];
  readonly helm: HelmMajor;
  private readonly chartDir: string;
  private readonly chartName: string;
  private readonly loadNotes: () => Promise<string>;
  private notesPromise?: Promise<string>;
  private readonly init: RenderResultInit;

  constructor(init: RenderResultInit) {
    this.init = init;
    this.documents = Object.freeze(init.documents);
    setGroupLabel(this.documents, 'all documents');
    this.unvalidated = Object.freeze(init.unvalidated);
    this.manifest = init.manifest;
    this.helmArgs = Object.freeze(init.helmArgs);
    this.helm = init.helm;
    this.chartDir = init.chartDir;
    this.chartName = init.chartName;
    this.loadNotes = init.notes;
  }

  /** The same render, with template paths resolved inside subchart `charts/<key>`. */
  scopedTo(templateBase: string): RenderResult {
    return new RenderResult({ ...this.init, documents: [...this.documents], templateBase });
  }

  /** Documents matching `selector` (possibly none). */
  select(selector: DocumentSelector): ChartDocument[] {
    const docs = this.documents.filter((d) => matchesSelector(d, selector));
    setGroupLabel(docs, `documents matching ${describeSelector(selector)}`);
    return docs;
  }

  /**
   * helm-unittest's `documentSelector`: documents matching kind/name/… and `path`/`value`; throws
   * when none match (unless `skipEmpty`) or several do (unless `matchMany`).
   */
  find(query: DocumentQuery): ChartDocument[] {
    return findDocuments(this.documents, query);
  }

  /** The one document matching `selector`; throws listing the available documents otherwise. */
  document(selector: DocumentSelector): ChartDocument {
    const docs = this.select(selector);
    if (docs.length === 1) return docs[0];
    const available = this.documents.map((d) => `  ${describeDocument(d)}`).join('\n') || '  (none)';
    throw new Error(
      `${docs.length === 0 ? 'No' : docs.length} documents match ${describeSelector(selector)}` +
        `${docs.length > 1 ? ' (expected exactly one; add name/namespace)' : ''}.\nAvailable kind/name pairs:\n${available}`,
    );
  }

  /**
   * Documents rendered from one template, e.g. `templates/namespace.yaml` (a leading
   * `<chart>/` is accepted), or a subchart's `charts/<alias or name>/templates/x.yaml`, packaged
   * (`.tgz`) or not. Throws when the chart has no such template file.
   */
  template(templatePath: string): ChartDocument[] {
    let found = templatePath.replace(/^\.\//, '');
    if (found.startsWith(`${this.chartName}/`) && !fs.existsSync(path.join(this.chartDir, found))) {
      found = found.slice(this.chartName.length + 1);
    }
    const base = this.init.templateBase;
    if (base && !found.startsWith('charts/')) found = `${base}/${found}`;
    const onDisk = fs.statSync(path.join(this.chartDir, found), { throwIfNoEntry: false })?.isFile();
    if (!onDisk && !(found.startsWith('charts/') && chartTemplateFiles(this.chartDir).includes(found))) {
      throw new Error(`The chart has no template ${JSON.stringify(templatePath)}. Templates with output: ${this.templates.join(', ') || '(none)'}`);
    }
    const docs = this.documents.filter((d) => documentInfo(d)?.template === found);
    setGroupLabel(docs, `documents of ${found}`);
    setGroupTemplate(docs, found);
    return docs;
  }

  /**
   * The templates a helm-unittest assert without `template:` checks on this render, each on its
   * own (a suite whose `templates` lists them all): every manifest template the render ran
   * (helpers and NOTES.txt aside; only the chosen ones with `templates:`; a subchart view's own;
   * a disabled subchart's not, enabled-subcharts.ts), also those that rendered nothing.
   */
  get fanOutTemplates(): string[] {
    const base = this.init.templateBase;
    const all = this.init.renderedTemplates ?? this.templates;
    return base ? all.filter((t) => t.startsWith(`${base}/`)) : all;
  }

  /** Templates that produced at least one document. */
  get templates(): string[] {
    return [...new Set(this.documents.map((d) => documentInfo(d)?.template ?? '<unknown template>'))];
  }

  /**
   * The rendered templates/NOTES.txt ('' when the chart has none). Rendered on first access
   * (one extra helm process per distinct render), then cached: `expect(await out.notes)...`.
   */
  get notes(): Promise<string> {
    this.notesPromise ??= this.loadNotes();
    return this.notesPromise;
  }
}
