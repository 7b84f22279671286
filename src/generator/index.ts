/** The generator library: typed chart definitions in, Helm charts out. Knows nothing of any one chart. */
export { defineChart, type ChartDefinition, type TemplateFn } from './chart-definition';
export { cond, defineComputedHelper, defineHelper, merge, replace, trimSuffix, trunc, when, type BuiltIns, type ComputedHelper, type Helper } from './combinators';
export { concreteBuiltIns, renderConcrete, type ConcreteTemplate } from './concrete';
export { concreteFiles, type ChartFiles, type FileGroup } from './chart-files';
export { emitTemplates, generateChart, chartSchema, type GeneratedChart, type GenerateOptions } from './generate-chart';
export { dependencyEntries, dependencyKey, withDependencySchemas, type ChartDependency } from './chart-dependencies';
export { writeFiles, assertUniquePaths, OutputPathError, type GeneratedFile, type WriteOptions, type WriteSummary } from './generated-file';
export { CHART_NAME, CHART_NAME_RULE, chartNameProblem } from './chart-name';
export { goTruthy } from './go-truthy';
export { untyped, DocumentKindError } from './document-kind';
export type { JsonSchema } from './json-schema';
export { schemaLeaves, type ValuesLeaf } from './schema-leaves';
export { assertUnique, type UniqueCheck } from './unique-checks';
export { COVERAGE_MARK, coverageHits, coverageReport, type CoverageBranch, type CoverageReport } from './coverage';
export { b64enc, contains, hasPrefix, hasSuffix, lower, orDefault, required, sha256sum, sortedEntries, toJson, upper } from './vocabulary';
export { ChartSourceError } from './transform/runtime';
export { registerChartTransform } from './transform/register';
