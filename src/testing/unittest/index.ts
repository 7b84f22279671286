/** Runs existing helm-unittest suites (`tests/*_test.yaml`) on real Helm 4 and 3. */
export { runUnittestSuites, runTest, suiteFiles, DEFAULT_SUITE_FILES, type AssertResult, type TestResult, type RunOptions, type Status } from './run-suites';
export { describeUnittestSuites } from './jest';
export { formatReport, totals, type Totals } from './report';
export { readSuiteFile, type SuiteSpec, type TestSpec, type AssertSpec } from './suite-file';
export { unittestRenderError, helm3Form } from './render-error';
