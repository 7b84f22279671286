/** Throwaway helmts projects in temp folders, with small chart definitions that import this repository's generator. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GENERATOR = path.resolve(__dirname, '..', '..', 'src', 'generator');

export function tempProject(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "temp-project", "private": true }\n');
  return root;
}

export function writeFile(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/**
 * A one-ConfigMap chart at `<dir>/chart.ts` with its values type at `<dir>/values.ts`; `body` replaces the template,
 * `prelude` is code placed before the chart and `helpers` its helper list.
 */
export function writeChart(
  root: string,
  dir: string,
  name: string,
  options: { greeting?: string; body?: string; prelude?: string; helpers?: string } = {},
): void {
  writeFile(
    root,
    `${dir}/values.ts`,
    `/** Values of ${name}. */\nexport interface Values {\n  /** The greeting stored in the ConfigMap. */\n  greeting: string;\n}\n`,
  );
  writeFile(
    root,
    `${dir}/chart.ts`,
    `import { defineChart, defineComputedHelper, untyped } from ${JSON.stringify(GENERATOR)};
import type { Values } from './values';
${options.prelude ?? ''}
export const chart = defineChart<Values>({
  name: ${JSON.stringify(name)},
  version: '0.1.0',
  appVersion: '1.0.0',
  description: 'A test chart',
  source: ${JSON.stringify(dir)},
  values: { file: ${JSON.stringify(`${dir}/values.ts`)}, type: 'Values' },
  defaults: { greeting: ${JSON.stringify(options.greeting ?? 'hello')} },
  helpers: [${options.helpers ?? ''}],
  templates: {
    'configmap.yaml': ${options.body ?? `(v, b) => untyped({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: b.release.name }, data: { greeting: v.greeting } })`},
  },
});
`,
  );
}

/**
 * `node_modules/helmts` in `root`: a shim onto this repository's sources (generator and testing), as
 * a consumer project reaches the package, plus kubernetes-models, which the scaffold imports.
 */
export function linkHelmtsShim(root: string): void {
  const repo = path.resolve(__dirname, '..', '..');
  const shim = 'node_modules/helmts';
  writeFile(root, `${shim}/package.json`, JSON.stringify({ name: 'helmts', exports: { '.': './index.js', './testing': './testing.js' } }));
  writeFile(root, `${shim}/index.js`, `module.exports = require(${JSON.stringify(path.join(repo, 'src', 'generator'))});\n`);
  writeFile(root, `${shim}/testing.js`, `module.exports = require(${JSON.stringify(path.join(repo, 'src', 'testing'))});\n`);
  // Types, as the packed package has (helmts build type-checks the chart).
  writeFile(root, `${shim}/index.d.ts`, `export * from ${JSON.stringify(path.join(repo, 'src', 'generator'))};\n`);
  writeFile(root, `${shim}/testing.d.ts`, `export * from ${JSON.stringify(path.join(repo, 'src', 'testing'))};\n`);
  fs.symlinkSync(path.join(repo, 'node_modules', 'kubernetes-models'), path.join(root, 'node_modules', 'kubernetes-models'));
}

export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}
