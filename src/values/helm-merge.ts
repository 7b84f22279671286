/**
 * The values Helm validates and renders for `helm template <chart> -f a.yaml -f b.yaml`,
 * computed the way Helm 3 and Helm 4 compute them (checked against both):
 *
 * 1. The `-f` files are merged in order (Helm's `mergeMaps`): a later file wins;
 *    maps merge key by key, recursively; lists, scalars and `null` replace.
 * 2. The result is coalesced over the chart's `values.yaml` (Helm's
 *    `coalesceValues`): a key the user left out takes the default; maps merge
 *    recursively; a user `null` deletes a key **the defaults have**. A `null`
 *    for a key without a default stays `null` (and then fails the schema),
 *    and nothing inside a list is coalesced.
 */
export type ValuesMap = Record<string, unknown>;

/** A plain YAML/JSON map (not a list, not null). */
export function isValuesMap(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}

/** Helm's merge of two `-f` files: `over` wins; maps merge recursively; `null` is an ordinary value. */
export function mergeValuesFiles(base: ValuesMap, over: ValuesMap): ValuesMap {
  const out: ValuesMap = clone(base);
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isValuesMap(value) && isValuesMap(current) ? mergeValuesFiles(current, value) : clone(value);
  }
  return out;
}

/** Helm's coalesce of user values over chart defaults: `null` deletes a defaulted key; missing keys take the default. */
export function coalesceOverDefaults(user: ValuesMap, defaults: ValuesMap): ValuesMap {
  const out: ValuesMap = clone(user);
  for (const [key, fallback] of Object.entries(defaults)) {
    if (!(key in out)) out[key] = clone(fallback);
    else if (out[key] === null) delete out[key];
    else if (isValuesMap(out[key]) && isValuesMap(fallback)) out[key] = coalesceOverDefaults(out[key] as ValuesMap, fallback);
  }
  return out;
}

/** The values Helm renders with: `files` merged in order, then coalesced over `defaults`. Inputs are not modified. */
export function helmMergedValues(defaults: ValuesMap, files: ValuesMap[]): ValuesMap {
  const user = files.reduce<ValuesMap>((acc, file) => mergeValuesFiles(acc, file), {});
  return coalesceOverDefaults(user, defaults);
}
