/** The README's language tables are the grammar (src/language/grammar.ts): a stale README fails here. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GRAMMAR } from '../../src/language/grammar';
import { withLanguageTables } from '../../src/language/readme-table';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe("the README's language tables", () => {
  it('are what the grammar gives (run `npm run language-table` after changing src/language/grammar.ts)', () => {
    expect(withLanguageTables(readme)).toBe(readme);
  });

  it('list every row of the grammar, traced and refused', () => {
    for (const row of GRAMMAR) expect(readme).toContain(row.construct.replace(/\|/g, '\\|'));
    expect(GRAMMAR.filter((r) => r.status === 'refused').every((r) => readme.includes(`\`${r.id}\``))).toBe(true);
  });
});
