/**
 * The one YAML writer of templates and values.yaml (src/generator/go-yaml-text.ts): every key and string it
 * writes must read back, in real Helm 3 and 4, as the string it was. Each key and string is one that YAML (1.1,
 * go-yaml) would read as something else if written bare: the merge key `<<`, `~`, `null`, booleans, numbers,
 * indicators, `: ` and ` #` inside, surrounding spaces, document markers, NEL / LS / PS, template delimiters.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { goYamlDocument, goYamlString } from '../../src/generator/go-yaml-text';
import { runHelm } from '../../src/helm/run-helm';

jest.setTimeout(60_000);

const WORDS = [
  '<<', '=', '~', 'null', 'Null', 'NULL', '', ' ', 'y', 'Y', 'n', 'N', 'yes', 'No', 'on', 'OFF', 'true', 'False',
  '? a', '?', '- a', '-', '&a', '*a', '!a', '!!str', '%a', '@a', '`a', '#a', 'a #b', 'a: b', 'a:', ':a', ',a', '[a', ']a',
  '{a', '}a', '|a', '>a', "'a", '"a', 'trail ', ' lead', '\ta', 'a\tb', 'a\nb', 'a\n', '\u00a0', '\ufeffa', 'a\u0085b', 'a\u2028b',
  'a\u2029b', '0', '017', '0o17', '0x1F', '0X1f', '0b101', '1_000', '1e3', '.5', '+1', '-1', '1.0', '.inf', '-.Inf', '.NaN',
  '2001-12-14', '12:30', '---', '...', '--- a', '{{ x }}', '}}', 'é', '\u200b', '\u001b', 'a\r',
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-yaml-text-'));
  fs.mkdirSync(path.join(dir, 'c', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(dir, 'c', 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  j: {{ toJson .Values | quote }}\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the YAML writer', () => {
  const keys = Object.fromEntries(WORDS.map((w, i) => [w, `v${i}`]));
  const values = Object.fromEntries(WORDS.map((w, i) => [`k${i}`, w]));
  const written = { keys, values, list: WORDS, nested: [[WORDS[0], { [WORDS[0]]: WORDS[1] }]] };

  it('quotes the merge key << as a key and as a value', () => {
    const text = goYamlString(goYamlDocument({ '<<': 'a', b: '<<', l: ['<<'] }), { lineWidth: 0 });
    expect(text).toBe('"<<": a\nb: "<<"\nl:\n  - "<<"\n');
  });

  it.each([3, 4] as const)('writes every key and string so that Helm %d reads it back as written', async (helm) => {
    const file = path.join(dir, `values-${helm}.yaml`);
    fs.writeFileSync(file, goYamlString(goYamlDocument(written), { lineWidth: 0, indent: 2, indentSeq: true, nullStr: '' }));
    const r = await runHelm(['template', 'r', path.join(dir, 'c'), '-f', file], helm);
    expect(r.stderr).toBe('');
    const read = JSON.parse(JSON.parse(/j: (".*")/.exec(r.stdout)![1])) as typeof written;
    const differences = [
      ...WORDS.filter((w, i) => read.keys[w] !== `v${i}`).map((w) => ({ key: w, read: Object.keys(read.keys).find((k) => !(k in keys)) })),
      ...WORDS.filter((w, i) => read.values[`k${i}`] !== w).map((w, i) => ({ value: w, read: read.values[`k${i}`] })),
      ...WORDS.filter((w, i) => read.list[i] !== w).map((w) => ({ item: w })),
    ];
    expect(differences).toEqual([]);
    expect(read.nested).toEqual(written.nested);
  });
});
