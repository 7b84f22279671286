/**
 * Go-template truthiness, which `if` and `with` use: false, 0, "", nil and
 * empty lists and maps are false. (JavaScript counts `[]` and `{}` as true.)
 */
/** On a concrete map whose null fields were dropped: how many (Helm keeps them, so the map is not empty to Go). */
export const NULL_KEYS = Symbol('helmts.nullKeys');

export function goTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0 || ((value as { [NULL_KEYS]?: number })[NULL_KEYS] ?? 0) > 0;
  return true;
}
