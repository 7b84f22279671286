/**
 * Helm's merge of values files over chart defaults (`helm -f a.yaml -f b.yaml`):
 * maps merge key by key, recursively; lists and scalars replace; a `null`
 * deletes the key it sets.
 */
export type ValuesMap = Record<string, unknown>;

function isMap(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `overlay` merged over `base`; neither input is modified. */
export function coalesceValues(base: ValuesMap, overlay: ValuesMap): ValuesMap {
  const out: ValuesMap = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = coalesceValues(out[key] as ValuesMap, value);
    else out[key] = value;
  }
  return out;
}

/** Defaults, then each layer in order. */
export function coalesceAll(defaults: ValuesMap, layers: ValuesMap[]): ValuesMap {
  return layers.reduce(coalesceValues, defaults);
}
