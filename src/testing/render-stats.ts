/**
 * Counters and caches shared by every chart in this module instance. Under Jest each test file
 * has its own module registry, so caches and counters are per test file.
 */
import * as fs from 'node:fs';
import { runHelm, type HelmResult } from '../helm/run-helm';
import { ChartRenderError } from './errors';
import type { HelmMajor } from './types';

export interface RenderStats {
  /** Helm processes started by the toolkit. */
  helmRuns: number;
  /** Distinct `helm template` renders (one per distinct chart content + options), from helm or from the on-disk cache. */
  templateRuns: number;
  /** Of `templateRuns`, how many were read from the on-disk cache (`HELMTS_RENDER_CACHE`, render-disk-cache.ts) instead of running helm. */
  diskHits: number;
  /** Helm processes that rendered NOTES.txt (lazily, on first `await out.notes`). */
  notesRuns: number;
  /** Calls of `chart.render()` / `chart.renderError()`. */
  renderCalls: number;
  /** Of those, how many were answered from the cache. */
  cacheHits: number;
}

const stats: RenderStats = { helmRuns: 0, templateRuns: 0, diskHits: 0, notesRuns: 0, renderCalls: 0, cacheHits: 0 };
const caches: Map<string, Promise<unknown>>[] = [];

/** A snapshot of the counters. */
export function renderStats(): RenderStats {
  return { ...stats };
}

/** Sets every counter back to 0 (caches are kept). */
export function resetRenderStats(): void {
  for (const key of Object.keys(stats) as (keyof RenderStats)[]) stats[key] = 0;
}

/** Forgets every cached render, so the next render of any input runs helm again. */
export function clearRenderCache(): void {
  for (const cache of caches) cache.clear();
}

export function countDiskHit(): void {
  stats.templateRuns++;
  stats.diskHits++;
}

export function countRenderCall(hit: boolean): void {
  stats.renderCalls++;
  if (hit) stats.cacheHits++;
}

/** Runs helm, counting the process as a template or notes run. */
export async function runCountedHelm(
  kind: 'template' | 'notes',
  args: string[],
  major: HelmMajor,
  env?: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<HelmResult> {
  stats.helmRuns++;
  if (kind === 'template') stats.templateRuns++;
  else stats.notesRuns++;
  // Jest gives each test file its own counters; HELMTS_HELM_LOG collects a whole run's helm processes in one file.
  if (process.env.HELMTS_HELM_LOG) fs.appendFileSync(process.env.HELMTS_HELM_LOG, `${kind} helm${major}\n`);
  return runHelm(args, major, undefined, env, timeoutMs);
}

/** A promise cache registered with {@link clearRenderCache}. */
export class PromiseCache<T> {
  private readonly map = new Map<string, Promise<T>>();
  constructor() {
    caches.push(this.map as Map<string, Promise<unknown>>);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /**
   * The cached promise for `key`, or the one `make` creates. Rejections that are chart errors
   * (deterministic for the input) stay cached; anything else (e.g. helm failing to start) is
   * evicted so the next call retries.
   */
  get(key: string, make: () => Promise<T>): Promise<T> {
    let promise = this.map.get(key);
    if (!promise) {
      promise = make();
      this.map.set(key, promise);
      promise.catch((error: unknown) => {
        if (!(error instanceof ChartRenderError) && this.map.get(key) === promise) this.map.delete(key);
      });
    }
    return promise;
  }
}
