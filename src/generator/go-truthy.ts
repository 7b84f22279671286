/**
 * Go-template truthiness, which `if` and `with` use: false, 0, "", nil and
 * empty lists and maps are false. (JavaScript counts `[]` and `{}` as true.)
 */
export function goTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}
