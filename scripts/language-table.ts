/** `npm run language-table`: rewrites README.md's language tables from the grammar (src/language/grammar.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withLanguageTables } from '../src/language/readme-table';

const readme = path.join(__dirname, '..', 'README.md');
const before = fs.readFileSync(readme, 'utf8');
const after = withLanguageTables(before);
if (after !== before) fs.writeFileSync(readme, after);
console.log(after === before ? 'README.md language tables are up to date' : 'README.md language tables rewritten');
