/** The chart language's loader entry point reuses its output for an unchanged file (a watch rebuild re-requires every chart module). */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { lowerChartFile } from '../../../src/language/load';

describe('lowerChartFile', () => {
  const file = path.resolve(__dirname, '..', 'fixtures', 'tiny-values.ts');

  it('returns the previous output for an unchanged file without lowering it again', () => {
    const source = fs.readFileSync(file, 'utf8');
    const first = lowerChartFile(file, source);
    expect(lowerChartFile(file, source)).toBe(first);
  });

  it('lowers a changed text again', () => {
    const source = fs.readFileSync(file, 'utf8');
    const before = lowerChartFile(file, source);
    const after = lowerChartFile(file, `${source}\nexport const b = 2;\n`);
    expect(after).not.toBe(before);
    expect(after.code).toMatch(/exports\.b = 2/);
  });
});
