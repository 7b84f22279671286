import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertUniquePaths, writeFiles } from '../../src/generator';

describe('writeFiles', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'write-files-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('refuses two files at one path', () => {
    expect(() =>
      assertUniquePaths([
        { path: 'out/a.yaml', content: '1' },
        { path: 'out/./a.yaml', content: '2' },
      ]),
    ).toThrow('two generated files at out/a.yaml');
  });

  it('replaces the owned folder, removing files that are no longer generated', () => {
    fs.mkdirSync(path.join(root, 'out'));
    fs.writeFileSync(path.join(root, 'out', 'stale.yaml'), 'old');
    writeFiles(root, ['out'], [{ path: 'out/new.yaml', content: 'new' }]);
    expect(fs.readdirSync(path.join(root, 'out'))).toEqual(['new.yaml']);
  });

  it('leaves the previous output untouched when a file lies outside the owned folders', () => {
    fs.mkdirSync(path.join(root, 'out'));
    fs.writeFileSync(path.join(root, 'out', 'keep.yaml'), 'keep');
    expect(() =>
      writeFiles(root, ['out'], [
        { path: 'out/a.yaml', content: 'a' },
        { path: 'elsewhere/b.yaml', content: 'b' },
      ]),
    ).toThrow('elsewhere/b.yaml is outside the generated folders');
    expect(fs.readdirSync(path.join(root, 'out'))).toEqual(['keep.yaml']);
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('reports which files changed', () => {
    fs.mkdirSync(path.join(root, 'out'));
    fs.writeFileSync(path.join(root, 'out', 'same.yaml'), 'same');
    const summary = writeFiles(root, ['out'], [
      { path: 'out/same.yaml', content: 'same' },
      { path: 'out/other.yaml', content: 'other' },
    ]);
    expect(summary.map((s) => [s.path, s.changed])).toEqual([
      ['out/same.yaml', false],
      ['out/other.yaml', true],
    ]);
  });
});
