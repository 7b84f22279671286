/**
 * helm-unittest's snapshot files (pkg/unittest/snapshot/cache.go): `<suite dir>/__snapshot__/
 * <suite file>.snap`, a YAML map of test name → { n: snapshot }, where n counts the snapshot
 * comparisons of the test from 1 (test_job.go `orderedSnapshotComparer`) and each snapshot is the
 * yaml.v3 text of the compared value (leading newlines of strings removed).
 *
 * helm-unittest compares that text byte for byte. This runner parses it back (yaml.v3) and
 * compares values, which is the same verdict for the text yaml.v3 writes (its output is a function
 * of the value); a hand re-formatted snapshot of the same value passes here and fails there.
 * `matchRegex` / `notMatchRegex` are matched against the value's YAML text as this runner writes
 * it (the `yaml` library, two-space indent), not yaml.v3's byte for byte. A missing snapshot
 * fails (helm-unittest would write it and pass): this runner never writes snapshot files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { goRegExp } from './go-regexp';
import { isGoFloat, parseV3, unboxFloats } from './go-yaml-v3';
import { deepEqual, type SnapshotComparer } from './validate-context';

type Cached = Record<string, Record<string, unknown>>;

function removeLeadingNewLines(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/^\n+/, '');
  if (Array.isArray(v)) return v.map(removeLeadingNewLines);
  if (v !== null && typeof v === 'object' && !isGoFloat(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, removeLeadingNewLines(x)]));
  return v;
}

export class SnapshotFile {
  readonly file: string;
  private readonly cached: Cached;

  constructor(suiteFile: string) {
    this.file = path.join(path.dirname(suiteFile), '__snapshot__', `${path.basename(suiteFile)}.snap`);
    this.cached = fs.existsSync(this.file) ? ((parseV3(fs.readFileSync(this.file, 'utf8'), this.file) ?? {}) as Cached) : {};
  }

  /** A comparer for one test run: its n-th comparison reads snapshot n of the test. */
  comparer(test: string): SnapshotComparer {
    let counter = 0;
    return {
      compare: (content, options = {}) => {
        counter++;
        const value = removeLeadingNewLines(content);
        if (options.matchRegex || options.notMatchRegex) {
          const text = stringify(unboxFloats(value), { indent: 2, lineWidth: 0, sortMapEntries: true });
          if (options.matchRegex && !goRegExp(options.matchRegex.trim()).test(text)) return { passed: false, message: `pattern '${options.matchRegex}' not found in snapshot` };
          if (options.notMatchRegex && goRegExp(options.notMatchRegex.trim()).test(text)) return { passed: false, message: `pattern '${options.notMatchRegex}' should not be in snapshot` };
          return { passed: true };
        }
        const stored = this.cached[test]?.[String(counter)];
        if (typeof stored !== 'string') return { passed: false, message: `snapshot ${counter} of "${test}" is missing from ${this.file} (helmts does not write snapshots)` };
        const expected = parseV3(stored, `${this.file} ${test} ${counter}`);
        // helm-unittest compares the YAML text (snapshot/cache.go), where a float64 1.0 is written `1`: compare without the int/float distinction.
        return deepEqual(unboxFloats(expected), unboxFloats(value)) ? { passed: true } : { passed: false, message: `does not match snapshot ${counter} of "${test}" in ${this.file}` };
      },
    };
  }
}
