/** The README's language tables, made from the grammar (grammar.ts): what is traced, and what is refused. */
import { GRAMMAR } from './grammar';

export const TABLE_START = '<!-- language-table:start (generated from src/language/grammar.ts by `npm run language-table`) -->';
export const TABLE_END = '<!-- language-table:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function languageTables(): string {
  const traced = GRAMMAR.flatMap((r) => (r.status === 'traced' ? [`| ${cell(r.construct)} | ${cell(r.go)}${r.concrete ? ` (TypeScript: ${cell(r.concrete)})` : ''} |`] : []));
  const refused = GRAMMAR.flatMap((r) => (r.status === 'refused' ? [`| ${cell(r.construct)} | ${cell(r.advice)} | \`${r.id}\` |`] : []));
  return [
    '| You write (on values) | Template |',
    '|---|---|',
    ...traced,
    '',
    'Refused, with what to write instead (the build error names the row):',
    '',
    '| You write (on values) | Instead | Row |',
    '|---|---|---|',
    ...refused,
  ].join('\n');
}

/** `readme` with the text between the markers replaced by the tables. */
export function withLanguageTables(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${languageTables()}\n${readme.slice(end)}`;
}
