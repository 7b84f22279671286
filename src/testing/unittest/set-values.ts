/**
 * A suite's `values` files and `set` entries merged into the one values map helm-unittest renders
 * with (pkg/unittest/test_job.go `getUserValues`): every values file (relative to the suite file,
 * read as yaml.v3), then the suite's `set`, then the test's `set`, each merged over the previous
 * result with Helm's `chartutil.MergeTables` (the newer map wins key by key, maps merge
 * recursively, lists and scalars replace). A `set` path is built by helm-unittest's own
 * `BuildValueOfSetPath` (pkg/unittest/valueutils/valueutils.go), not by Helm's `--set` parser:
 * the value keeps its YAML type, `a[1]: x` builds `{ a: [null, x] }` (which replaces the whole
 * list), and `a.[b.c]` escapes dots in a key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isGoFloat, parseV3 } from './go-yaml-v3';

export type Values = Record<string, unknown>;

function isTable(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isGoFloat(v);
}

/** Helm's `MergeTables(dst, src)` (pkg/chart/common/util/coalesce.go, merge mode): `dst` wins. */
export function mergeTables(dst: Values, src: Values): Values {
  for (const [key, value] of Object.entries(src)) {
    if (!(key in dst)) dst[key] = value;
    else if (isTable(value) && isTable(dst[key])) mergeTables(dst[key] as Values, value);
  }
  return dst;
}

type Cursor = string | number;

/** helm-unittest's `traverseSetPath`: the keys and list indices of a `set` path. */
export function setPathCursors(setPath: string): Cursor[] {
  if (setPath === '') throw new Error('set path is empty');
  const cursors: Cursor[] = [];
  let state: 'key' | 'index' | 'denotation' | 'escaping' = 'key';
  let buffered = '';
  let i = 0;
  for (;;) {
    let k = '';
    while (i < setPath.length && !'.[],{}='.includes(setPath[i])) k += setPath[i++];
    const last = i < setPath.length ? setPath[i++] : undefined;
    if (last !== undefined && ',{}='.includes(last)) throw new Error(`set path ${JSON.stringify(setPath)}: invalid token found ${last}`);
    if (last === undefined) {
      if (k.length > 0 && state === 'key') cursors.push(k);
      else if (!(k.length === 0 && state === 'denotation')) throw new Error(`set path ${JSON.stringify(setPath)}: unexpected end of`);
      return cursors;
    }
    if (state === 'index') {
      if (last !== ']' || !/^[0-9]+$/.test(k)) throw new Error(`set path ${JSON.stringify(setPath)}: missing index value`);
      cursors.push(Number(k));
      state = 'denotation';
    } else if (state === 'denotation') {
      if (last === '.') state = 'key';
      else if (last === '[') state = 'index';
      else throw new Error(`set path ${JSON.stringify(setPath)}: invalid denotation token ${last}`);
    } else if (state === 'key') {
      if (last === '.') cursors.push(k);
      else if (last === '[' && k.length === 0) {
        buffered = '';
        state = 'escaping';
      } else if (last === '[') {
        cursors.push(k);
        state = 'index';
      } else throw new Error(`set path ${JSON.stringify(setPath)}: invalid key ${last}`);
    } else if (last === '.') buffered += `${k}.`;
    else if (last === ']') {
      cursors.push(buffered + k);
      state = 'denotation';
    } else throw new Error(`set path ${JSON.stringify(setPath)}: invalid escaping token ${last}`);
  }
}

/** helm-unittest's `BuildValueOfSetPath(value, path)`. */
export function buildSetValue(value: unknown, setPath: string): Values {
  const cursors = setPathCursors(setPath);
  const root: Values = {};
  let current: Values | unknown[] = root;
  cursors.forEach((cursor, depth) => {
    const nextCursor = cursors[depth + 1];
    const next: unknown =
      depth === cursors.length - 1 ? value : typeof nextCursor === 'number' ? new Array(nextCursor + 1).fill(null) : {};
    if (typeof cursor === 'string') {
      if (Array.isArray(current)) throw new Error(`set path ${JSON.stringify(setPath)}: key ${cursor} inside a list`);
      current[cursor] = next;
    } else {
      if (!Array.isArray(current)) throw new Error(`set path ${JSON.stringify(setPath)}: index ${cursor} on a map`);
      current[cursor] = next;
    }
    current = next as Values | unknown[];
  });
  return root;
}

export interface ValuesInputs {
  /** Values files as written in the suite, relative to `suiteDir` unless absolute. */
  files: string[];
  suiteDir: string;
  /** The suite's `set`, then the test's. */
  sets: Values[];
}

/** The merged user values of one test, as helm-unittest computes them. */
export function userValues(inputs: ValuesInputs): Values {
  let base: Values = {};
  for (const file of inputs.files) {
    const full = path.isAbsolute(file) ? file : path.join(inputs.suiteDir, file);
    const text = fs.readFileSync(full, 'utf8');
    const parsed = parseV3(text, full) ?? {};
    if (!isTable(parsed)) throw new Error(`failed to parse ${file}: not a map`);
    base = mergeTables(structuredClone(parsed), base);
  }
  for (const set of inputs.sets) {
    for (const [setPath, value] of Object.entries(set)) base = mergeTables(buildSetValue(structuredClone(value), setPath), base);
  }
  return base;
}
