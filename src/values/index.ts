/** Validation of chart values files: schema and semantic checks with source positions. */
export { didYouMean } from './did-you-mean';
export { formatProblemLine, formatReportJson, formatReportText, reportFails } from './format-report';
export { coalesceOverDefaults, helmMergedValues, isValuesMap, mergeValuesFiles, type ValuesMap } from './helm-merge';
export { compileSchema } from './compile-schema';
export { formatProblems, schemaProblems } from './schema-problems';
export { resolveRef, schemaAt, type SchemaAt } from './schema-walk';
export { semanticProblems } from './semantic-problems';
export { findNode, locate, type SourcePosition } from './source-position';
export {
  readSchema,
  validateValuesFiles,
  ValuesInputError,
  type LocatedProblem,
  type ProblemSource,
  type ValidateFilesOptions,
  type ValuesReport,
} from './validate-files';
export { parseValuesFile, type TextProblem, type ValuesFile } from './values-file';
export { formatPath, nodeLabel, showValue, type PathSegment, type ProblemLocation, type ValuesProblem } from './values-problem';
