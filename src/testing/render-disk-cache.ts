/**
 * An on-disk cache of `helm template` results, shared by every process that points
 * `HELMTS_RENDER_CACHE` at the same folder (Jest's test files run in separate module registries
 * and worker processes, so the in-memory cache of chart.ts cannot share renders across files).
 * Off unless that variable names a folder; this repository's Jest config sets it to a fresh temp
 * folder per `jest` run (jest.global-setup.js).
 *
 * The key is a SHA-256 over everything the output depends on: the chart's content
 * (`directoryHash`), the content of each values file, the render options that reach helm, the
 * working directory, and the helm binary (its path, size and modification time). Renders that
 * depend on anything else are never cached: a `cluster` or `revision` render (the stub API
 * server), a post-renderer (an external program) and `extraArgs` (flags may read files).
 * Entries are written atomically (temp file + rename); a failure (exit code and stderr) is
 * cached like an output, since it is as deterministic.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { helmBinary } from '../helm/helm-binary';
import { stableStringify } from './fingerprint';
import { usesCluster } from './run-render';
import type { RenderOptions } from './types';

export type DiskEntry = { manifest: string } | { code: number; stderr: string };

function folder(): string | undefined {
  return process.env.HELMTS_RENDER_CACHE || undefined;
}

/** The cache key of a render, or undefined when the render must not be cached (or the cache is off). */
export function diskKey(helmKey: string, options: RenderOptions): string | undefined {
  if (!folder() || usesCluster(options) || options.postRenderer || (options.extraArgs?.length ?? 0) > 0) return undefined;
  const binary = helmBinary(options.helm ?? 4);
  const stat = fs.statSync(binary);
  return createHash('sha256').update(stableStringify({ helmKey, binary, size: stat.size, mtimeMs: stat.mtimeMs })).digest('hex');
}

export function readDisk(key: string): DiskEntry | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(folder()!, `${key}.json`), 'utf8')) as DiskEntry;
  } catch {
    return undefined;
  }
}

/** Writes an entry; the cache only saves work, so a folder that vanished (or is not writable) is ignored. */
export function writeDisk(key: string, entry: DiskEntry): void {
  const dir = folder()!;
  const file = path.join(dir, `${key}.json`);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
