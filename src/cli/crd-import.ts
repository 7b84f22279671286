/**
 * Typed classes for CustomResourceDefinitions, made by kubernetes-models' own
 * generator (`@kubernetes-models/crd-generate`), laid out one folder per API
 * group: `<out>/<group>/<version>/<Kind>.ts`, `<out>/<group>/index.ts` and the
 * validators in `<out>/<group>/_schemas/`.
 *
 * `readCrds` checks every input before anything is generated (a file that is
 * not YAML, holds no CRD, or a CRD version without an OpenAPI schema stops the
 * import with the file and what is wrong); `crdClassFiles` returns the
 * generated files, each with a header naming the command that regenerates it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { GeneratedFile } from '../generator/generated-file';
import { crdSchemaProblem } from './crd-schema';
import { environmentError, isEnvironmentCode } from '../io/environment-error';
import { withTempDir } from '../io/temp-dir';

/** A bad input: the file (as the user named it) and what is wrong with it. */
export class CrdInputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CrdInputError';
  }
}

/** A file argument that names nothing readable (missing, a dangling link): a usage error (2) as for every command. */
export class CrdArgumentError extends CrdInputError {}

interface CrdVersion {
  name?: unknown;
  schema?: { openAPIV3Schema?: unknown };
}

/** One CRD document, checked: its group, kind and versions all have a schema. */
export interface CrdSource {
  file: string;
  /** `CRD <name> in document <n> (line <l>)`, for messages. */
  where: string;
  group: string;
  kind: string;
  versions: string[];
  /** The CRD document's YAML text, passed verbatim to the generator. */
  yaml: string;
}

const CRD_API_VERSIONS = ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The names Kubernetes' CRD validation accepts for what become folder and file
 * names here (k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation,
 * `ValidateCustomResourceDefinitionSpec` and `…Names`): `spec.group` a DNS-1123
 * subdomain with at least one dot, `spec.names.kind` (lowercased) and every
 * version name DNS-1035 labels. A group such as `../victim` would otherwise
 * become a path out of the output folder.
 */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function groupProblem(group: string): string | undefined {
  if (group.length > 253 || !DNS1123_SUBDOMAIN.test(group)) return 'is not a DNS subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)';
  if (!group.includes('.')) return 'should be a domain with at least one dot (e.g. example.com)';
  return undefined;
}

const labelProblem = (name: string) => (name.length > 63 || !DNS1035_LABEL.test(name) ? 'is not a DNS-1035 label (a lowercase letter, then letters, digits and "-", at most 63 characters)' : undefined);

/** The first `$ref` in a schema (Kubernetes refuses it in CRDs; the generator cannot follow it), as a JSON path. */
function findRef(node: unknown, at = 'openAPIV3Schema'): string | undefined {
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) {
      const found = findRef(v, `${at}[${i}]`);
      if (found) return found;
    }
  } else if (isRecord(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref') return `${at}.$ref`;
      const found = findRef(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The YAML files an argument names: the file itself, or a folder's *.yaml / *.yml files, sorted. */
export function inputFiles(arg: string, cwd: string): string[] {
  const full = path.resolve(cwd, arg);
  if (!fs.existsSync(full)) throw new CrdArgumentError(arg, 'no such file or folder');
  if (!fs.statSync(full).isDirectory()) return [arg];
  const files = fs
    .readdirSync(full)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(arg, f));
  if (files.length === 0) throw new CrdInputError(arg, 'folder holds no .yaml or .yml file');
  return files;
}

/** Parses and checks the CRDs in one file; documents that are not CRDs are skipped, but a file must hold at least one CRD. */
export function readCrdFile(file: string, cwd: string): { crds: CrdSource[]; skipped: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    if (isEnvironmentCode((error as NodeJS.ErrnoException).code)) throw environmentError(error, `read ${file}`, path.resolve(cwd, file));
    throw new CrdArgumentError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) throw new CrdInputError(file, 'is not a YAML stream');
  const crds: CrdSource[] = [];
  const skipped: string[] = [];
  docs.forEach((doc, index) => {
    const start = lines.linePos(doc.range[0]).line;
    const where = `document ${index + 1} (line ${start})`;
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      throw new CrdInputError(file, `line ${e.linePos?.[0].line ?? start}: invalid YAML: ${e.message.split('\n')[0]}`);
    }
    const obj: unknown = doc.toJSON();
    if (obj == null) return;
    if (!isRecord(obj)) throw new CrdInputError(file, `${where} is not a Kubernetes object (a YAML mapping)`);
    if (obj.kind !== 'CustomResourceDefinition' || !CRD_API_VERSIONS.includes(String(obj.apiVersion))) {
      skipped.push(`${where}: ${String(obj.apiVersion ?? '(no apiVersion)')} ${String(obj.kind ?? '(no kind)')}`);
      return;
    }
    const name = isRecord(obj.metadata) ? String(obj.metadata.name) : '(unnamed)';
    const spec = isRecord(obj.spec) ? obj.spec : {};
    const group = spec.group;
    const kind = isRecord(spec.names) ? spec.names.kind : undefined;
    if (typeof group !== 'string' || group === '') throw new CrdInputError(file, `CRD ${name} in ${where} has no spec.group`);
    if (typeof kind !== 'string' || kind === '') throw new CrdInputError(file, `CRD ${name} in ${where} has no spec.names.kind`);
    const badGroup = groupProblem(group);
    if (badGroup) throw new CrdInputError(file, `CRD ${name} in ${where}: spec.group ${JSON.stringify(group)} ${badGroup}; Kubernetes refuses it, and it names the output folder`);
    const badKind = labelProblem(kind.toLowerCase());
    if (badKind) throw new CrdInputError(file, `CRD ${name} in ${where}: spec.names.kind ${JSON.stringify(kind)} lowercased ${badKind}; Kubernetes refuses it, and it names the class file`);
    const site = `CRD ${name} in ${where}`;
    const legacy = isRecord(spec.validation) && spec.validation.openAPIV3Schema !== undefined;
    const versions = Array.isArray(spec.versions) && spec.versions.length > 0 ? (spec.versions as CrdVersion[]) : undefined;
    if (!versions) {
      if (typeof spec.version !== 'string' || !legacy) {
        throw new CrdInputError(file, `CRD ${name} in ${where} has no spec.versions with an openAPIV3Schema`);
      }
      const bad = labelProblem(spec.version);
      if (bad) throw new CrdInputError(file, `${site}: spec.version ${JSON.stringify(spec.version)} ${bad}`);
      const ref = findRef(isRecord(spec.validation) ? spec.validation.openAPIV3Schema : undefined);
      if (ref) throw new CrdInputError(file, `${site}: spec.validation.${ref} is not allowed in a CRD schema (Kubernetes refuses $ref); inline the referenced schema`);
      const shape = crdSchemaProblem((spec.validation as Record<string, unknown>).openAPIV3Schema, 'spec.validation.openAPIV3Schema');
      if (shape) throw new CrdInputError(file, `${site}: ${shape}; the API server would refuse this CRD`);
      crds.push({ file, where: site, group, kind, versions: [spec.version], yaml: String(doc) });
      return;
    }
    versions.forEach((v, i) => {
      const bad = typeof v.name === 'string' ? labelProblem(v.name) : 'is missing';
      if (bad) throw new CrdInputError(file, `${site}: spec.versions[${i}].name ${JSON.stringify(v.name ?? null)} ${bad}`);
      const ref = findRef(v.schema?.openAPIV3Schema);
      if (ref) throw new CrdInputError(file, `${site}: spec.versions[${i}].schema.${ref} is not allowed in a CRD schema (Kubernetes refuses $ref); inline the referenced schema`);
      const shape = v.schema?.openAPIV3Schema === undefined ? undefined : crdSchemaProblem(v.schema.openAPIV3Schema, `spec.versions[${i}].schema.openAPIV3Schema`);
      if (shape) throw new CrdInputError(file, `${site}: ${shape}; the API server would refuse this CRD`);
      if (!isRecord(v.schema?.openAPIV3Schema) && !legacy) {
        throw new CrdInputError(
          file,
          `CRD ${name} in ${where}: version ${String(v.name)} has no schema (spec.versions[${i}].schema.openAPIV3Schema); typed classes are generated from it`,
        );
      }
    });
    crds.push({ file, where: site, group, kind, versions: versions.map((v) => String(v.name)), yaml: String(doc) });
  });
  if (crds.length === 0) {
    const found = skipped.length > 0 ? `found ${skipped.join('; ')}` : 'the file is empty';
    throw new CrdInputError(
      file,
      `holds no CustomResourceDefinition (${found}); import-crd reads CRD manifests (apiVersion apiextensions.k8s.io/v1, kind CustomResourceDefinition)`,
    );
  }
  return { crds, skipped };
}

/** Refuses two CRDs that define the same group/version/kind. */
export function assertDistinctKinds(crds: CrdSource[]): void {
  const seen = new Map<string, string>();
  for (const c of crds) {
    for (const v of c.versions) {
      const key = `${c.group}/${v}/${c.kind}`;
      const first = seen.get(key);
      if (first !== undefined) throw new CrdInputError(c.file, `defines ${key} again (already defined in ${first}); import each kind once`);
      seen.set(key, c.file);
    }
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(prefix, e.name);
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

/** Runs crd-generate for one group's CRDs in a scratch folder and returns its files (paths as the generator names them). */
async function runGenerator(yamlDocs: string[]): Promise<GeneratedFile[]> {
  // require, not import(): its CommonJS build runs on Node 20 (the .mjs build's directory
  // imports of ajv fail under Node's ESM resolver); loaded here, off the other commands' path.
  const { generate } = require('@kubernetes-models/crd-generate') as typeof import('@kubernetes-models/crd-generate');
  return withTempDir('crd', async (scratch) => {
    const log = console.log;
    try {
      // The generator prints "Writing: <file>" for its scratch files; those are not the user's files.
      console.log = () => undefined;
      await generate({ input: yamlDocs.join('\n---\n'), outputPath: scratch });
      return listFiles(scratch)
        .sort()
        .map((p) => ({ path: p, content: fs.readFileSync(path.join(scratch, p), 'utf8') }));
    } finally {
      console.log = log;
    }
  });
}

/** The generator's files for one group; a CRD it cannot generate from is named with its file. */
async function generateGroup(group: string, crds: CrdSource[]): Promise<GeneratedFile[]> {
  try {
    return await runGenerator(crds.map((c) => c.yaml));
  } catch (error) {
    if (isEnvironmentCode((error as NodeJS.ErrnoException).code)) throw error;
    // Find the CRD that fails on its own, to name its file.
    for (const c of crds) {
      try {
        await runGenerator([c.yaml]);
      } catch (alone) {
        throw new CrdInputError(c.file, `${c.where}: crd-generate cannot make classes from its schema: ${(alone as Error).message.split('\n')[0]}; check spec.versions[].schema.openAPIV3Schema against the Kubernetes structural schema rules`);
      }
    }
    throw new CrdInputError(crds[0].file, `the CRDs of group ${group} together cannot be generated: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * A kind named `Index` (any case; a valid Kubernetes kind) gets `<version>/Index.ts`, which on macOS and Windows is
 * the same file as the generator's barrel `<version>/index.ts`. The kind is a third party's name and cannot change,
 * so the barrel does: it becomes `<version>/_index.ts` and `<group>/index.ts` re-exports the version from there
 * (importing the version folder itself then needs `…/<version>/_index`; a kind's own file is unchanged).
 */
export function renameIndexBarrels(files: GeneratedFile[]): GeneratedFile[] {
  const clashing = new Set(
    files.filter((f) => /^[^/]+\/[^/]+\/index\.ts$/i.test(f.path) && path.posix.basename(f.path) !== 'index.ts').map((f) => path.posix.dirname(f.path)),
  );
  if (clashing.size === 0) return files;
  return files.map((f) => {
    const dir = path.posix.dirname(f.path);
    if (clashing.has(dir) && path.posix.basename(f.path) === 'index.ts') return { ...f, path: `${dir}/_index.ts` };
    if (/^[^/]+\/index\.ts$/.test(f.path)) {
      let content = f.content;
      for (const d of clashing) if (path.posix.dirname(d) === path.posix.dirname(f.path)) content = content.replaceAll(`"./${path.posix.basename(d)}/index"`, `"./${path.posix.basename(d)}/_index"`);
      return { ...f, content };
    }
    return f;
  });
}

/**
 * The generated files for `crds`, paths relative to the output folder. Per
 * group: the generator's `<group>/…` files as they are, its `_schemas/*.js`
 * validators (ajv standalone code, ES module syntax) moved into
 * `<group>/_schemas/` as `.ts` files, so tsc, tsx and ts-jest compile them in
 * CommonJS and ESM projects alike, without `allowJs`.
 */
export async function crdClassFiles(crds: CrdSource[], command: string): Promise<GeneratedFile[]> {
  const header = `// Generated by \`${command}\` with @kubernetes-models/crd-generate. Do not edit; re-run the command to regenerate.\n`;
  const groups = [...new Set(crds.map((c) => c.group))].sort();
  const out: GeneratedFile[] = [];
  for (const group of groups) {
    const files = renameIndexBarrels(await generateGroup(group, crds.filter((c) => c.group === group)));
    for (const f of files) {
      if (f.path === 'index.ts' || f.path.endsWith('.d.ts')) continue;
      if (f.path.startsWith('_schemas/') && f.path.endsWith('.js')) {
        const name = path.posix.basename(f.path, '.js');
        out.push({ path: `${group}/_schemas/${name}.ts`, content: `${header}// @ts-nocheck: ajv standalone validation code\n${f.content}` });
      } else if (f.path.startsWith(`${group}/`)) {
        // <group>/<version>/<Kind>.ts sits one level closer to its validator than in the generator's layout.
        out.push({ path: f.path, content: header + f.content.replaceAll('"../../_schemas/', '"../_schemas/') });
      } else {
        throw new CrdInputError(crds.find((c) => c.group === group)!.file, `crd-generate wrote an unexpected file ${f.path} for group ${group}; helmts writes only under <out>/${group}/`);
      }
    }
  }
  return out;
}
