import { parseValuesFile } from '../../src/values/values-file';

describe('parseValuesFile', () => {
  it('reads yes as true and 0120 as 80, as Helm does (YAML 1.1)', () => {
    expect(parseValuesFile('a.yaml', 'create: yes\nport: 0120\n').values).toEqual({ create: true, port: 80 });
  });

  it('reads e80, 12:30 and a date as strings and 0o17 as 15, as Helm (go-yaml v2) does', () => {
    expect(parseValuesFile('a.yaml', 'name: e80\nat: 12:30\non: 2001-12-14\nmode: 0o17\n').values).toEqual({
      name: 'e80',
      at: '12:30',
      true: '2001-12-14',
      mode: 15,
    });
  });

  it('reads an empty file as no values', () => {
    expect(parseValuesFile('a.yaml', '# only a comment\n')).toMatchObject({ values: {}, textProblems: [] });
  });

  it('reports a syntax error at the parser line and column', () => {
    const file = parseValuesFile('a.yaml', 'app:\n  name: x\n  ports: [1, 2\n');
    expect(file.textProblems).toEqual([
      {
        line: 4,
        col: 1,
        message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
        severity: 'error',
      },
    ]);
  });

  it('reports a top-level list as an error at its first item', () => {
    expect(parseValuesFile('a.yaml', '# list\n- a\n').textProblems).toEqual([
      {
        line: 2,
        col: 1,
        message: 'a values file must be a map of keys; this one is a list',
        hint: 'start with top-level keys such as "namespaces:"',
        severity: 'error',
      },
    ]);
  });

  it('warns about a duplicate key and keeps the last value, as Helm does', () => {
    const file = parseValuesFile('a.yaml', 'app:\n  replicas: 7\n  replicas: 9\n');
    expect(file.values).toEqual({ app: { replicas: 9 } });
    expect(file.textProblems).toEqual([
      expect.objectContaining({ line: 3, col: 3, severity: 'warning', message: 'duplicate key "replicas": Helm uses the last one and ignores the earlier' }),
    ]);
  });
});
