/** The committed starter chart is exactly what the TypeScript generates, and holds no hand-written Go. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { starter } from '../../../src/charts';
import { generateChart } from '../../../src/generator';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(`${dir}/${e.name}`) : [`${dir}/${e.name}`]))
    .sort();
}

describe('the generated starter chart', () => {
  const generated = generateChart(starter, { repoRoot });

  it('matches the committed charts/starter file for file (run `npm run build-chart` if not)', () => {
    expect(generated.files.map((f) => f.path).sort()).toEqual(listFiles('charts/starter'));
    for (const file of generated.files) {
      expect({ path: file.path, content: fs.readFileSync(path.join(repoRoot, file.path), 'utf8') }).toEqual({ path: file.path, content: file.content });
    }
  });

  it('uses no hand-written Go helper', () => {
    expect(starter.helpers!.filter((h) => 'goBody' in h).map((h) => h.helperName)).toEqual([]);
  });

  it('writes the templates helm create writes, NOTES.txt included', () => {
    expect(listFiles('charts/starter/templates')).toEqual(
      ['NOTES.txt', '_helpers.tpl', 'deployment.yaml', 'hpa.yaml', 'httproute.yaml', 'ingress.yaml', 'service.yaml', 'serviceaccount.yaml', 'tests/test-connection.yaml']
        .map((f) => `charts/starter/templates/${f}`)
        .sort(),
    );
  });
});
