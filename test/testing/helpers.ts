/** Shared helpers of the chart-testing toolkit's own tests. */
import * as path from 'node:path';

export const BASIC_CHART = path.join(__dirname, 'fixtures', 'charts', 'basic');
export const STRICT_CHART = path.join(__dirname, 'fixtures', 'charts', 'strict');
export const VALUES_DIR = path.join(__dirname, 'fixtures', 'values');

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Runs an assertion that must fail and returns its message without colours. */
export function failureOf(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.replace(ANSI, '');
  }
  throw new Error('expected the assertion to fail, but it passed');
}

/** Like {@link failureOf} for assertions that must be awaited. */
export async function asyncFailureOf(assertion: () => Promise<unknown>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return (error as Error).message.replace(ANSI, '');
  }
  throw new Error('expected the assertion to fail, but it passed');
}

/** Every failure message of a chart matcher carries these lines. */
export function expectReport(message: string, fields: { path: string; expected: string; actual: string }): void {
  expect(message).toContain(`Path:     ${fields.path}`);
  expect(message).toContain(`Expected: ${fields.expected}`);
  expect(message).toContain(`Actual:   ${fields.actual}`);
}

export const FEATURES_CHART = path.join(__dirname, 'fixtures', 'charts', 'features');
export const POST_RENDERER = path.join(__dirname, 'fixtures', 'bin', 'post-renderer.sh');
