/** Content fingerprints of folders, to prove a step left files byte-for-byte unchanged. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** sha256 over every file below `dir` (sorted relative path + content); `missing` if `dir` does not exist. */
export function treeHash(dir: string): string {
  if (!fs.existsSync(dir)) return 'missing';
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else hash.update(`${child}\0`).update(fs.readFileSync(path.join(dir, child))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}
