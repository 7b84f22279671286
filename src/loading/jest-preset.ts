/**
 * The Jest settings helmts projects need (`preset: 'helmts'`, from the
 * package's jest-preset.js): Node test environment, TypeScript and chart
 * definitions through jest-transform.ts, ESM-only packages through
 * jest-resolver.ts and compiled, not ignored, by the transform.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PresetPaths {
  /** Module path of the transformer (jest-transform.js, or a shim loading the TypeScript source). */
  transform: string;
  /** Module path of the resolver. */
  resolver: string;
  /** Module path of the type check run before the tests (jest-typecheck.js); none: no type check. */
  typeCheck?: string;
}

function isModulePackage(dir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
  } catch {
    return false;
  }
}

/** The packages (`name`, `@scope/name`) of `"type": "module"` installed in these node_modules folders and one level below them. */
export function esmPackageNames(nodeModulesDirs: readonly string[]): string[] {
  const names = new Set<string>();
  const scan = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const packages = entry.name.startsWith('@')
        ? (fs.readdirSync(path.join(dir, entry.name)).map((n) => [`${entry.name}/${n}`, path.join(dir, entry.name, n)]) as Array<[string, string]>)
        : [[entry.name, path.join(dir, entry.name)] as [string, string]];
      for (const [name, pkg] of packages) {
        if (isModulePackage(pkg)) names.add(name);
        if (depth === 0) scan(path.join(pkg, 'node_modules'), 1);
      }
    }
  };
  for (const dir of new Set(nodeModulesDirs)) scan(dir, 0);
  return [...names].sort();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * node_modules files Jest leaves untransformed: all but the `.js`/`.mjs` files of the packages in `esm`
 * (the package is the folder after the last `/node_modules/`). Node decides ESM by the package's `"type"`;
 * Jest cannot, so the ESM packages are listed when the config is read.
 */
export function transformIgnorePattern(esm: readonly string[]): string {
  if (esm.length === 0) return '/node_modules/';
  return `/node_modules/(?!(?:${esm.map(escape).join('|')})/[^]*\\.m?js$)(?!.*/node_modules/)`;
}

/** The node_modules folders from `dir` up to the file system root. */
export function nodeModulesAbove(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (path.basename(d) !== 'node_modules') out.push(path.join(d, 'node_modules'));
    if (path.dirname(d) === d) return out;
  }
}

export function jestPreset(paths: PresetPaths, transformerConfig: Record<string, string> = {}, from: string[] = [process.cwd()]) {
  const esm = esmPackageNames(from.flatMap(nodeModulesAbove).filter((d) => fs.existsSync(d)));
  return {
    testEnvironment: 'node',
    transform: { '\\.[cm]?[jt]sx?$': [paths.transform, transformerConfig] },
    transformIgnorePatterns: [transformIgnorePattern(esm)],
    resolver: paths.resolver,
    // The project's type errors stop the run before any test (the transformer strips types file by file).
    ...(paths.typeCheck ? { globalSetup: paths.typeCheck } : {}),
  };
}
