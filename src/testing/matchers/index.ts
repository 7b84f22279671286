/** All chart matchers, and `registerMatchers()` which hands them to Jest's `expect.extend`. */
import { decodedQuantityMatchers } from './decoded-quantity-matchers';
import { documentMatchers } from './document-matchers';
import { failMatchers } from './fail-matcher';
import { snapshotMatchers } from './snapshot-matcher';
import { unittestMatchers } from './unittest-matchers';
import { valueMatchers } from './value-matchers';
import './matcher-types';

export const chartMatchers = {
  ...unittestMatchers,
  ...valueMatchers,
  ...decodedQuantityMatchers,
  ...documentMatchers,
  ...snapshotMatchers,
  ...failMatchers,
};

interface ExpectLike {
  extend(matchers: Record<string, unknown>): void;
}

/**
 * Registers the chart matchers with Jest. Importing `src/testing` already does this when a
 * global `expect` exists; call it yourself to register on another `expect` (e.g. `@jest/globals`).
 */
export function registerMatchers(expectFn?: ExpectLike): void {
  const target = expectFn ?? (globalThis as { expect?: ExpectLike }).expect;
  if (!target) throw new Error('registerMatchers(): no global expect; pass the expect to extend');
  target.extend(chartMatchers);
}
