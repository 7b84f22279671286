/** Which files are chart definition source, which chart program each belongs to, and where in them a symbolic value was misused (from the stack). */
import * as path from 'node:path';

const extraDirs = new Set<string>();

/** Also treat files under `dir` as chart source (definitions found through helmts.config.ts). */
export function includeChartSources(dir: string): void {
  extraDirs.add(path.resolve(dir).split(path.sep).join('/').replace(/\/?$/, '/'));
}

/** Whether a file is chart definition source the transform applies to: under `src/charts/`, a test `fixtures/` folder or an included folder. */
export function isChartSource(file: string): boolean {
  const f = file.split(path.sep).join('/');
  if (!/\.tsx?$/.test(f) || f.endsWith('.d.ts') || f.includes('/node_modules/')) return false;
  if (/\/src\/charts\//.test(f) || /\/test\/(.*\/)?fixtures\//.test(f)) return true;
  for (const dir of extraDirs) if (f.startsWith(dir)) return true;
  return false;
}

/**
 * The folder whose `.ts` files are the root files of `file`'s chart program: `src/charts/` (all the project's
 * charts), a folder a `helmts.config.ts` lists, else (a test fixture) the file's own folder.
 */
export function chartRootOf(file: string): string {
  const f = path.resolve(file).split(path.sep).join('/');
  // Every chart of src/charts/ shares one program (one type checker for the whole build).
  const m = /^(.*\/src\/charts)\/[^/]+\//.exec(f);
  if (m) return m[1];
  let best: string | undefined;
  for (const dir of extraDirs) if (f.startsWith(dir) && (!best || dir.length > best.length)) best = dir;
  return best ? best.replace(/\/$/, '') : path.dirname(f);
}

/** `file:line:column` of the innermost chart source frame on the current stack (source-mapped), if any. */
export function chartSourceSite(): string | undefined {
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()\s]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (m && isChartSource(m[1].replace(/^file:\/\//, ''))) return `${path.relative(process.cwd(), m[1].replace(/^file:\/\//, ''))}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/** An error about a chart definition, prefixed with its place in the user's source when the stack shows it. */
export function chartError(message: string): Error {
  const site = chartSourceSite();
  return new Error(site ? `${site}: ${message}` : message);
}
