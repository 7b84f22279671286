/** A chart function defined outside the red-team chart's folder (red-team-readme.test.ts imports it through a probe). */
export const firstTwo = (s: string): string => s.slice(0, 2);
