/**
 * What `helmts init` tells a project whose own Jest config or tsconfig.json would make `tsc --noEmit` refuse the scaffold, although
 * `helmts build` type-checks it fine (src/language/program.ts DEFINITION_OPTIONS: helmts compiles and loads
 * definitions itself). TypeScript 7's `tsc --init` writes exactly such a file: module nodenext,
 * verbatimModuleSyntax, exactOptionalPropertyTypes. init does not edit the user's tsconfig; it says what to change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const NODE_MODULES = /^node(16|18|20|next)$/i;

/** Why a Jest config the project already has would not run the scaffolded test (no preset 'helmts'); [] when fine. */
export function jestConfigNotes(root: string): string[] {
  let pkg: { jest?: { preset?: unknown } } = {};
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return [];
  }
  const files = fs.readdirSync(root).filter((f) => /^jest\.config\.(js|cjs|mjs|ts|json)$/.test(f));
  const where = pkg.jest !== undefined ? 'package.json "jest"' : files[0];
  if (!where) return [];
  const uses = pkg.jest !== undefined ? pkg.jest?.preset === 'helmts' : files.some((f) => /helmts/.test(fs.readFileSync(path.join(root, f), 'utf8')));
  if (uses) return [];
  return [
    `note: your Jest config (${where}) does not use helmts' preset, so \`npx jest\` cannot load the scaffolded test`,
    `  (TypeScript, chart definitions and the ESM-only model packages): add "preset": "helmts"${pkg.jest !== undefined ? ' to "jest" in package.json' : ''},`,
    "  or spread require('helmts/jest-preset') into your config.",
  ];
}

/** One line per setting of `<root>/tsconfig.json` that `tsc --noEmit` would trip over in the scaffold; [] when none. */
export function tsconfigNotes(root: string): string[] {
  const file = path.join(root, 'tsconfig.json');
  let options: Record<string, unknown>;
  try {
    const read = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
    options = ((read.config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions ?? {}) as Record<string, unknown>;
  } catch {
    return [];
  }
  let esm = false;
  try {
    esm = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: string }).type === 'module';
  } catch {
    // no package.json: CommonJS
  }
  const nodeModules = [options.module, options.moduleResolution].some((o) => typeof o === 'string' && NODE_MODULES.test(o));
  const problems: string[] = [];
  if (nodeModules && !esm && options.verbatimModuleSyntax === true) {
    problems.push('"verbatimModuleSyntax" with "module": "nodenext" in a CommonJS package (tsc refuses `import` in its .ts files: TS1295)');
  }
  if (nodeModules && esm) problems.push('"module": "nodenext" in a "type": "module" package (tsc wants "./values.js" for "./values": TS2835)');
  if (options.exactOptionalPropertyTypes === true) problems.push('"exactOptionalPropertyTypes" (tsc refuses `resources: v.resources`, an optional value: TS2375)');
  if (problems.length === 0) return [];
  return [
    `note: tsconfig.json has ${problems.join('; and ')}.`,
    '  helmts build checks definitions as helmts compiles them (module preserve, bundler resolution, absent values',
    '  omitted), so the chart builds; for `npx tsc --noEmit` to agree, set "module": "preserve" and',
    '  "moduleResolution": "bundler" and drop "verbatimModuleSyntax" and "exactOptionalPropertyTypes" in tsconfig.json.',
  ];
}
