/**
 * One assert of a test, fanned out as helm-unittest's `Assertion.Assert` (pkg/unittest/assertion.go)
 * does: the assert's templates (its `template`, else the test's `templates` / `template`, else
 * every rendered template) are each judged on their own and all must pass; a template that is not
 * rendered fails; `documentSelector` (its `path`/`value`, `matchMany`, `skipEmptyTemplates`) or
 * `documentIndex` choose documents per template first, and an index out of range fails.
 */
import { ASSERT_TYPES, type AssertType } from './assert-types';
import { parseYamlPath, UnsupportedPathError } from './yaml-path';
import { valuesAt, deepEqual, type Manifest, type SnapshotComparer } from './validate-context';
import type { AssertSpec, SelectorSpec } from './suite-file';

export interface JobRender {
  /** Documents of each template the render produced (`chart/templates/x.yaml` → documents). */
  templates: Map<string, Manifest[]>;
  /** Every template helm rendered (also those helm-unittest keeps no documents for). */
  renderedFiles: string[];
  renderSucceed: boolean;
  /** The error no template was named in (failedTemplate then checks it). */
  renderError?: string;
}

export interface AssertScope {
  chartName: string;
  /** The test's `templates`, `template`, `documentIndex`, `documentSelector`. */
  testTemplates?: string[];
  testTemplate?: string;
  testDocumentIndex?: number;
  testSelector?: SelectorSpec;
  /** The suite's `templates` (helm-unittest's defaultTemplatesToAssert; `**` when none). */
  suiteTemplates: string[];
  snapshot: SnapshotComparer;
}

export interface AssertOutcome {
  passed: boolean;
  info: string[];
}

/** deep_copy.go `getTemplateFileName`: names without a known prefix are under `templates/`. */
export function templateFileName(name: string): string {
  return /^(templates|charts|crds|\*\*)/.test(name) ? name : `templates/${name}`;
}

/** The templates an assert checks (test_job.go `determineTemplatesToAssert` / `prefixTemplatesToAssert`). */
export function assertTemplates(a: AssertSpec, scope: AssertScope, render: JobRender): string[] {
  const prefix = (names: string[]) => names.map((n) => `${scope.chartName}/${templateFileName(n)}`);
  if (a.template) return prefix([a.template]);
  if (scope.testTemplates && scope.testTemplates.length > 0) return prefix(scope.testTemplates);
  if (scope.testTemplate) return prefix([scope.testTemplate]);
  if (scope.suiteTemplates.some((t) => t.includes('*'))) return [...render.renderedFiles];
  return prefix(scope.suiteTemplates);
}

/** valueutils/documentselector.go `SelectDocuments`. */
function selectDocuments(selector: SelectorSpec, byTemplate: Map<string, Manifest[] | undefined>): Map<string, Manifest[]> | string {
  const out = new Map<string, Manifest[]>();
  let total = 0;
  for (const [template, manifests] of byTemplate) {
    const found: Manifest[] = [];
    for (const doc of manifests ?? []) {
      let values: unknown[];
      try {
        values = valuesAt(doc, selector.path);
      } catch (error) {
        return (error as Error).message;
      }
      if (values.some((v) => selector.value === undefined || deepEqual(selector.value, v))) {
        if (!selector.matchMany && found.length > 0) return 'multiple indexes found';
        found.push(doc);
      }
    }
    if (found.length === 0 && !selector.skipEmptyTemplates) return 'document not found';
    total += found.length;
    if (!selector.matchMany && total > 1) return 'multiple indexes found';
    if (found.length > 0 || !selector.skipEmptyTemplates) out.set(template, found);
  }
  return out;
}

/** One template of an assert's fan-out: what it rendered (undefined: not rendered) and what the selection chose. */
export interface TemplateGroup {
  template: string;
  rendered: Manifest[] | undefined;
  selected: Manifest[];
}

export interface JudgeInputs {
  type: AssertType;
  params: Record<string, unknown>;
  /** `not` XOR the type's antonym. */
  negative: boolean;
  renderSucceed: boolean;
  renderError?: string;
  snapshot: SnapshotComparer;
}

/**
 * The verdict of one assert over its templates (assertion.go `evaluateEmptyTemplates`,
 * `evaluateTemplates`, `processTemplate`): every template is validated on its own and all must
 * pass; an unrendered template fails; no template at all validates an empty document list.
 * The toolkit's helm-unittest matchers (src/testing/matchers/unittest-matchers.ts) judge through
 * this function too.
 */
export function judgeTemplates(inputs: JudgeInputs, groups: TemplateGroup[]): AssertOutcome {
  const { type, negative } = inputs;
  const validate = (docs: Manifest[], chosen: Manifest[]) =>
    type.validate({ docs, selected: chosen, negative, snapshot: inputs.snapshot, renderError: inputs.renderError }, inputs.params);
  if (groups.length === 0) {
    if (type.requireRenderSuccess !== inputs.renderSucceed) return { passed: false, info: ['Error: rendered manifest is empty'] };
    return validate([], []);
  }
  let passed = true;
  const info: string[] = [];
  for (const { template: t, rendered, selected } of [...groups].sort((a, b) => (a.template < b.template ? -1 : a.template > b.template ? 1 : 0))) {
    let verdict: AssertOutcome;
    if (rendered === undefined && type.requireRenderSuccess) verdict = { passed: false, info: [`template "${t}" not exists or not selected in test suite`] };
    else if (type.requireRenderSuccess !== inputs.renderSucceed) {
      verdict = { passed: false, info: [rendered?.length ? `Error: Invalid rendering: ${String(rendered[0].raw)}` : 'Error: rendered manifest is empty'] };
    } else verdict = validate(rendered ?? [], selected);
    if (!verdict.passed) info.push(`Template: ${t}`, ...verdict.info);
    passed = passed && verdict.passed;
  }
  return { passed, info };
}

/** The first path of the assert (or its document selector) that uses a yaml-jsonpath construct helmts refuses. */
function refusedPath(a: AssertSpec, scope: AssertScope): string | undefined {
  const paths = [a.params.path, ...(Array.isArray(a.params.paths) ? a.params.paths : []), (a.documentSelector ?? scope.testSelector)?.path];
  for (const p of paths) {
    if (typeof p !== 'string') continue;
    try {
      parseYamlPath(p);
    } catch (error) {
      if (error instanceof UnsupportedPathError) return error.message;
    }
  }
  return undefined;
}

export function runAssert(a: AssertSpec, scope: AssertScope, render: JobRender): AssertOutcome {
  const type = ASSERT_TYPES[a.type];
  if (a.unsupported || !type) return { passed: false, info: [`unsupported: ${a.unsupported ?? a.type}`] };
  const refused = refusedPath(a, scope);
  if (refused) return { passed: false, info: [`unsupported: ${refused}`] };
  const byTemplate = new Map<string, Manifest[] | undefined>();
  for (const t of assertTemplates(a, scope, render)) byTemplate.set(t, render.templates.get(t));
  const selector = a.documentSelector ?? scope.testSelector;
  const index = scope.testDocumentIndex ?? a.documentIndex;
  let selected: Map<string, Manifest[]>;
  if (selector && selector.path !== '') {
    const s = selectDocuments(selector, byTemplate);
    if (typeof s === 'string') return { passed: false, info: ['Error:', s] };
    selected = s;
  } else if (index !== undefined && index !== -1) {
    selected = new Map();
    for (const [t, docs] of byTemplate) {
      if (index >= (docs ?? []).length) return { passed: false, info: ['Error:', `document index ${index} is out of range`] };
      selected.set(t, [(docs ?? [])[index]]);
    }
  } else selected = new Map([...byTemplate].map(([t, d]) => [t, d ?? []]));
  if (scope.testSelector?.skipEmptyTemplates && selected.size === 0) return { passed: true, info: ['skipped: no template selected (skipEmptyTemplates)'] };
  const groups = [...selected].map(([template, chosen]) => ({ template, rendered: render.templates.get(template), selected: chosen }));
  return judgeTemplates({ type, params: a.params, negative: a.not !== type.antonym, renderSucceed: render.renderSucceed, renderError: render.renderError, snapshot: scope.snapshot }, groups);
}
