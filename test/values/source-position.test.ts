import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locate } from '../../src/values/source-position';
import { validateValuesFiles } from '../../src/values/validate-files';
import { parseValuesFile } from '../../src/values/values-file';

describe('locate', () => {
  it('points at the value in the second of two files when the second file sets it', () => {
    const first = parseValuesFile('a.yaml', 'app:\n  replicas: 1\n');
    const second = parseValuesFile('b.yaml', '# override\napp:\n  name: x\n  replicas:   "3"\n');
    expect(locate([first, second], { segments: ['app', 'replicas'] })).toEqual({ file: 'b.yaml', line: 4, col: 15 });
  });

  it('points at the first file for a value the second file does not set', () => {
    const first = parseValuesFile('a.yaml', 'app:\n  replicas: 1\n');
    const second = parseValuesFile('b.yaml', 'app:\n  name: x\n');
    expect(locate([first, second], { segments: ['app', 'replicas'] })).toEqual({ file: 'a.yaml', line: 2, col: 13 });
  });

  it('points into the last file that set a list, inside a flow map', () => {
    const first = parseValuesFile('a.yaml', 'ports:\n  - {name: a, port: 1}\n  - {name: b, port: 2}\n');
    const second = parseValuesFile('b.yaml', 'ports:\n  - {name: c, port: "3"}\n');
    expect(locate([first, second], { segments: ['ports', 0, 'port'] })).toEqual({ file: 'b.yaml', line: 2, col: 21 });
  });

  it('points at the key of an unknown key', () => {
    const file = parseValuesFile('a.yaml', 'sidecar:\n  egres: []\n');
    expect(locate([file], { segments: ['sidecar', 'egres'], key: true })).toEqual({ file: 'a.yaml', line: 2, col: 3 });
  });

  it('points a missing key at the null that deleted it', () => {
    const first = parseValuesFile('a.yaml', 'app:\n  name: x\n');
    const second = parseValuesFile('b.yaml', 'app:\n  replicas: 2\n  name: null\n');
    expect(locate([first, second], { segments: ['app', 'name'], missing: true })).toEqual({ file: 'b.yaml', line: 3, col: 3 });
  });

  it('points a missing key nobody set at its parent map in the last file that set the map', () => {
    const first = parseValuesFile('a.yaml', 'namespaces:\n  - name: a\n    create: true\n');
    const second = parseValuesFile('b.yaml', 'namespaces:\n  - name: b\n');
    expect(locate([first, second], { segments: ['namespaces', 0, 'create'], missing: true })).toEqual({ file: 'b.yaml', line: 2, col: 5 });
  });

  it('points a value reached through an alias at the anchored node', () => {
    const file = parseValuesFile('a.yaml', 'base: &b\n  port: 80\nlistener: *b\n');
    expect(locate([file], { segments: ['listener', 'port'] })).toEqual({ file: 'a.yaml', line: 2, col: 9 });
  });
});

describe('validateValuesFiles positions', () => {
  it('reports a port set in the second of two files at its line and column there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-pos-'));
    const chart = path.join(dir, 'chart');
    fs.mkdirSync(chart);
    fs.writeFileSync(path.join(chart, 'values.yaml'), 'port: 1\nname: x\n');
    fs.writeFileSync(
      path.join(dir, 'schema.json'),
      JSON.stringify({ type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } }),
    );
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'name: z\nport: 2\n');
    fs.writeFileSync(path.join(dir, 'b.yaml'), '\n\nport:    "80"\n');
    const report = validateValuesFiles({ files: ['a.yaml', 'b.yaml'], chartDir: 'chart', schemaPath: 'schema.json', cwd: dir });
    expect(report.problems.map(({ file, line, col, path: p }) => ({ file, line, col, path: p }))).toEqual([
      { file: 'b.yaml', line: 3, col: 10, path: 'port' },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
