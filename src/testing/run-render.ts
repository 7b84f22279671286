/**
 * Runs the helm process of one render and returns what `helm template` would print. Three routes:
 *
 * 1. `helm template` — the default, offline.
 * 2. `cluster: [...]` — `helm template --dry-run=server` against the stub API server
 *    (cluster-stub.ts) through a temporary kubeconfig, so `lookup` returns the declared objects.
 *    Helm 3.17 then still renders client-only (default capabilities) but lets `lookup` reach the
 *    cluster; Helm 4 also reads the capabilities from the stub (its `/version` defaults to the
 *    Kubernetes version Helm assumes offline) and maps every rendered kind through discovery
 *    (`apiResources` adds CRD kinds). `--disable-openapi-validation` is passed: the stub serves
 *    no OpenAPI schema.
 * 3. `revision: N` (N > 1) — `helm upgrade --dry-run=server --output json` over a release at
 *    revision N-1 held by Helm's memory storage driver (`HELM_DRIVER=memory`,
 *    `HELM_MEMORY_DRIVER_DATA`), against the stub (which answers the capability queries and any
 *    `lookup`). The manifest and hooks of the printed release are joined exactly as
 *    `helm template` joins them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { withStubCluster, type StubCluster } from './cluster-stub';
import { HelmRenderError } from './errors';
import { postRendererArgs, postRendererEnv } from './post-renderer';
import { releaseName, releaseNamespace, setFlag, templateArgs, valueArgs } from './helm-args';
import { runCountedHelm } from './render-stats';
import type { HelmMajor, RenderOptions } from './types';

/** A helm process talking to the stub is stopped after this long (the stub answers at once). */
export const STUB_RENDER_TIMEOUT_MS = 60_000;

/** `.Capabilities.KubeVersion` of `helm template` without a cluster (Helm 4.1.4, Helm 3.17.2). */
export const OFFLINE_KUBE_VERSION: Record<HelmMajor, string> = { 4: 'v1.35.0', 3: 'v1.32.0', '3-latest': 'v1.33.0' };

/** Whether the render talks to the stub API server. */
export function usesCluster(options: RenderOptions): boolean {
  return options.cluster !== undefined || (options.revision ?? 1) > 1;
}

export function stubCluster(options: RenderOptions, major: HelmMajor): StubCluster {
  return {
    objects: options.cluster ?? [],
    defaultNamespace: releaseNamespace(options),
    kubeVersion: options.kubeVersion ?? OFFLINE_KUBE_VERSION[major],
    apiResources: options.apiResources ?? [],
    apiVersions: options.apiVersions ?? [],
  };
}

/** Checks the options of a render; throws a clear error for combinations helm cannot run. */
export function checkRenderOptions(options: RenderOptions): void {
  // Every `set` entry first: a key or value helm would not read as written is refused here, naming it.
  for (const [key, value] of Object.entries(options.set ?? {})) setFlag(key, value);
  const revision = options.revision;
  if (revision !== undefined && (!Number.isSafeInteger(revision) || revision < 1)) {
    throw new Error(`revision must be an integer >= 1 (got ${JSON.stringify(revision)})`);
  }
  if ((revision ?? 1) > 1 && (options.includeCrds || options.release?.upgrade === false)) {
    throw new Error('revision > 1 renders a `helm upgrade` (always an upgrade, CRDs never in the manifest): drop includeCrds / release.upgrade: false');
  }
}

export interface RenderOutput {
  /** What `helm template` prints. */
  manifest: string;
  /** The rendered NOTES.txt, when the route printed it (the `revision` route). */
  notes?: string;
}

/** The stdout `helm template` would print for this render of the chart in `dir`. */
export async function runRender(dir: string, options: RenderOptions): Promise<RenderOutput> {
  const major = options.helm ?? 4;
  if (!usesCluster(options)) {
    const args = templateArgs(dir, options);
    const r = await runCountedHelm('template', args, major, postRendererEnv(options, major));
    if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
    return { manifest: r.stdout };
  }
  return withStubCluster(stubCluster(options, major), async (kubeconfig, stubEnv) => {
    const env = { ...stubEnv, ...postRendererEnv(options, major) };
    if ((options.revision ?? 1) <= 1) {
      const args = [...templateArgs(dir, options), '--kubeconfig', kubeconfig];
      const r = await runCountedHelm('template', args, major, env, STUB_RENDER_TIMEOUT_MS);
      if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
      return { manifest: r.stdout };
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-releases-'));
    try {
      const releases = path.join(tmp, 'releases.yaml');
      fs.writeFileSync(releases, stringify([previousRelease(dir, options)]));
      const args = [...upgradeArgs(dir, options), '--kubeconfig', kubeconfig];
      const memory = { HELM_DRIVER: 'memory', HELM_MEMORY_DRIVER_DATA: releases };
      const r = await runCountedHelm('template', args, major, { ...env, ...memory }, STUB_RENDER_TIMEOUT_MS);
      if (r.code !== 0) throw new HelmRenderError(args, r.code, r.stderr);
      const release = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as ReleaseJson;
      return { manifest: templateOutput(release), notes: release.info?.notes ?? '' };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}

/** `helm upgrade` arguments of a `revision` render (also shown as `out.helmArgs`). */
export function upgradeArgs(dir: string, options: RenderOptions, cwd = process.cwd()): string[] {
  return [
    'upgrade', releaseName(options), dir,
    '--namespace', releaseNamespace(options),
    '--dry-run=server', '--disable-openapi-validation', '--output', 'json',
    ...valueArgs(options, cwd),
    ...postRendererArgs(options, options.helm ?? 4, cwd),
    ...(options.extraArgs ?? []),
  ];
}

function previousRelease(dir: string, options: RenderOptions): unknown {
  return {
    name: releaseName(options),
    namespace: releaseNamespace(options),
    version: (options.revision ?? 2) - 1,
    info: { status: 'deployed' },
    chart: { metadata: { name: path.basename(dir), version: '0.0.0' } },
    manifest: '',
  };
}

interface ReleaseJson {
  info?: { notes?: string };
  manifest?: string;
  hooks?: { path: string; manifest: string }[];
}

/** The release's manifest and hooks, joined as `helm template` prints them. */
export function templateOutput(release: ReleaseJson): string {
  let out = `${(release.manifest ?? '').trim()}\n`;
  for (const hook of release.hooks ?? []) out += `---\n# Source: ${hook.path}\n${hook.manifest}\n`;
  return out;
}
