/** The chart source transform's per-file memo (a watch rebuild re-requires every chart module). */
import { transformChartSource } from '../../../src/generator/transform/chart-transform';

describe('transformChartSource', () => {
  const file = '/virtual/src/charts/memo/chart.ts';

  it('returns the previous output for an unchanged file without compiling it again', () => {
    const first = transformChartSource('export const a = (v: { on: boolean }) => (v.on ? 1 : 2);\n', file);
    expect(transformChartSource('export const a = (v: { on: boolean }) => (v.on ? 1 : 2);\n', file)).toBe(first);
  });

  it('compiles a changed file again', () => {
    const before = transformChartSource('export const b = 1;\n', file);
    const after = transformChartSource('export const b = 2;\n', file);
    expect(after).not.toBe(before);
    expect(after.code).toMatch(/exports\.b = 2/);
  });
});
