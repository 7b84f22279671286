/**
 * `helmts import-crd <file|dir>… [--out <dir>]`: typed kubernetes-models
 * classes for every CustomResourceDefinition in the given YAML, so a chart
 * definition can `new Hook({ … })` the way `cdk8s import` allows.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFiles } from '../generator/generated-file';
import { assertDistinctKinds, crdClassFiles, CrdInputError, inputFiles, readCrdFile, type CrdSource } from './crd-import';
import { messageOf } from './project';
import type { CliIo } from './validate-values';

export const DEFAULT_IMPORT_DIR = 'src/imports';

export const importCrdUsage = `Usage: helmts import-crd <file|dir>… [--out <dir>]

Generates typed classes for every CustomResourceDefinition in the YAML files
(a folder: its *.yaml and *.yml files) with kubernetes-models' generator
(@kubernetes-models/crd-generate). Each API group gets its own folder,
<out>/<group>/, replaced as a whole: <group>/<version>/<Kind>.ts holds the
class (new Hook({ spec: … }), validate()), <group>/index.ts exports the
versions. Documents that are not CRDs are skipped; a file without a CRD, or a
CRD version without an OpenAPI schema, stops the import and nothing is written.
Generated classes import @kubernetes-models/base, /validate and /apimachinery
(installed with kubernetes-models).

Options:
  -o, --out <dir>  output folder (default: ${DEFAULT_IMPORT_DIR})
  -h, --help       show this help
`;

export async function runImportCrd(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string', short: 'o' } },
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr(`helmts import-crd: ${messageOf(error)}\n\n${importCrdUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(importCrdUsage);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`helmts import-crd: give at least one CRD file or folder\n\n${importCrdUsage}`);
    return 2;
  }
  const out = parsed.values.out ?? DEFAULT_IMPORT_DIR;
  const command = ['helmts import-crd', ...parsed.positionals, ...(parsed.values.out ? ['--out', out] : [])].join(' ');
  const started = performance.now();
  const crds: CrdSource[] = [];
  try {
    for (const arg of parsed.positionals) {
      for (const file of inputFiles(arg, io.cwd)) {
        const { crds: found, skipped } = readCrdFile(file, io.cwd);
        crds.push(...found);
        for (const s of skipped) io.stdout(`${file}: skipped ${s} (not a CRD)\n`);
      }
    }
    assertDistinctKinds(crds);
  } catch (error) {
    if (!(error instanceof CrdInputError)) throw error;
    io.stderr(`helmts import-crd: ${error.message}\nNothing was written.\n`);
    return 1;
  }
  const files = await crdClassFiles(crds, command);
  const groups = [...new Set(crds.map((c) => c.group))].sort();
  const outDir = path.resolve(io.cwd, out);
  const summary = writeFiles(outDir, groups, files);
  const ms = Math.round(performance.now() - started);
  for (const group of groups) {
    const kinds = crds.filter((c) => c.group === group).flatMap((c) => c.versions.map((v) => `${v}/${c.kind}`));
    io.stdout(`${path.join(out, group)}: ${kinds.join(', ')}\n`);
  }
  const changed = summary.filter((s) => s.changed).length;
  io.stdout(`import-crd: ${crds.length} CRD(s), ${files.length} file(s) (${changed} changed) in ${ms} ms\n`);
  return 0;
}
