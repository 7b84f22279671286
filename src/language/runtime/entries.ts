/**
 * The functions the chart language analysed as entries (template functions, helper bodies, notes), with the
 * refusals their analysis found. The lowering registers each when its module loads; the build runs only
 * registered functions, and stops with every refusal of an entry before running it.
 */
import { ChartLanguageError, type LanguageDiagnostic } from '../diagnostics';

const analysed = new WeakMap<object, readonly LanguageDiagnostic[]>();
const spans = new WeakMap<object, string>();

/** Called by lowered code: `fn` (written at `span`, `file:firstLine-lastLine`) was analysed, with these refusals. Returns `fn`. */
export function entry<F extends object>(fn: F, diagnostics: LanguageDiagnostic[], span: string, name?: string): F {
  analysed.set(fn, diagnostics);
  spans.set(fn, span);
  if (name && typeof fn === 'function' && !(fn as { name?: string }).name) Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** The refusals of an analysed function, or undefined when the chart language never analysed it. */
export function analysisOf(fn: unknown): readonly LanguageDiagnostic[] | undefined {
  return typeof fn === 'function' ? analysed.get(fn) : undefined;
}

/** Where an analysed function is written: `file:firstLine-lastLine`. */
export function spanOf(fn: unknown): string | undefined {
  return typeof fn === 'function' ? spans.get(fn) : undefined;
}

/** Stops before `fn` runs symbolically when its analysis refused something, or when it was never analysed. */
export function assertAnalysed(fn: unknown, what: string): void {
  const diagnostics = analysisOf(fn);
  if (diagnostics === undefined) {
    throw new Error(
      `${what} is not a function the chart language analysed: define it in a chart source file (src/charts/<name>/, a folder helmts.config.ts lists, or a test fixtures/ folder) ` +
        'with its first parameter typed as the chart\'s Values (or as a defineHelper body), and load the chart through helmts (helmts build, or Jest with the helmts preset)',
    );
  }
  if (diagnostics.length > 0) throw new ChartLanguageError(diagnostics);
}
