/**
 * The size of a release as Helm stores it. Helm's storage driver
 * (`pkg/storage/driver/util.go`, `encodeRelease`) JSON-encodes the whole
 * release (chart files, values, rendered manifest, hooks, NOTES), gzips it at
 * best compression and base64-encodes it into the `release` key of a Secret
 * (the default driver) or ConfigMap; Kubernetes rejects either past 1 MiB.
 */
import * as zlib from 'node:zlib';
import { runHelm } from './run-helm';
import type { HelmMajor } from './helm-binary';

/** Kubernetes' size limit of a Secret's (and ConfigMap's) data. */
export const RELEASE_OBJECT_LIMIT = 1024 * 1024;

export interface ReleasePayload {
  /** Bytes of the release JSON. */
  json: number;
  /** Bytes after gzip at best compression (Go's `gzip.BestCompression`; zlib level 9 here). */
  gzip: number;
  /** Bytes stored in the Secret: the base64 of the gzip. This is what the 1 MiB limit applies to. */
  stored: number;
}

/** Sizes of a release JSON (as `helm install --dry-run -o json` prints it) once encoded for storage. */
export function releasePayload(releaseJson: string): ReleasePayload {
  const json = Buffer.from(releaseJson.trimEnd(), 'utf8');
  const gzip = zlib.gzipSync(json, { level: 9 }).length;
  return { json: json.length, gzip, stored: 4 * Math.ceil(gzip / 3) };
}

/**
 * The release JSON real helm builds for `helm install <release> <chart> -f …`,
 * without a cluster (`--dry-run=client`): the same object the storage driver
 * would encode.
 */
export async function dryRunRelease(chartDir: string, valuesFiles: string[], major: HelmMajor = 4): Promise<string> {
  const args = ['install', 'payload', chartDir, '--dry-run=client', '-o', 'json', ...valuesFiles.flatMap((f) => ['-f', f])];
  const r = await runHelm(args, major);
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed (exit ${r.code}):\n${r.stderr}`);
  return r.stdout;
}
