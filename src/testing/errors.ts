/** Errors a render can reject with. All extend {@link ChartRenderError}. */

/** Base class: a render of the chart failed (helm, parsing or schema validation). */
export class ChartRenderError extends Error {
  override name = 'ChartRenderError';
}

/** Helm exited non-zero (template `fail`, values.schema.json rejection, bad values file, ...). */
export class HelmRenderError extends ChartRenderError {
  override name = 'HelmRenderError';
  constructor(
    readonly helmArgs: string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`helm ${helmArgs[0] ?? ''} failed (exit ${exitCode}):\n${stderr.trim()}`);
  }
}

/** Helm's output is not valid YAML 1.1 (for example duplicate keys). */
export class ManifestParseError extends ChartRenderError {
  override name = 'ManifestParseError';
}

/** One failing document of a {@link ManifestValidationError}. */
export interface DocumentProblem {
  /** `Kind/name (template)`. */
  document: string;
  /** Failing path in helm-unittest syntax, e.g. `spec.replicas`. */
  path: string;
  message: string;
}

/** A rendered document violates its kubernetes-models schema. */
export class ManifestValidationError extends ChartRenderError {
  override name = 'ManifestValidationError';
  constructor(readonly problems: DocumentProblem[]) {
    super(
      `${problems.length} schema violation(s) in rendered documents:\n` +
        problems.map((p) => `  ${p.document}: ${p.path || '(root)'} ${p.message}`).join('\n'),
    );
  }
}
