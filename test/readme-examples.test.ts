/**
 * The TypeScript examples of README.md compile as shown, as a user's project would compile them: every ```ts block
 * is its own module beside this repository's node_modules, `helmts` and `helmts/testing` resolve to the package's
 * entry points (src/index.ts, src/testing/index.ts, what `exports` names once built), strict type checking, no
 * error allowed. An example that imports from the repository's own folders (`./src/generator`) is refused: a user
 * imports the package.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function examples(): Array<{ line: number; code: string }> {
  const out: Array<{ line: number; code: string }> = [];
  const re = /^```ts\n([\s\S]*?)^```$/gm;
  for (const m of README.matchAll(re)) out.push({ line: README.slice(0, m.index).split('\n').length + 1, code: m[1] });
  return out;
}

function typeErrors(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['jest', 'node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    paths: { helmts: [path.join(ROOT, 'src/index.ts')], 'helmts/testing': [path.join(ROOT, 'src/testing/index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => f in files || fileExists.call(host, f);
  host.readFile = (f) => files[f] ?? readFile.call(host, f);
  host.getSourceFile = (f, v, onError, create) => (f in files ? ts.createSourceFile(f, files[f], v, true) : getSourceFile.call(host, f, v, onError, create));
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || d.file.fileName in files)
    .map((d) => {
      const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('README.md examples', () => {
  const blocks = examples();

  it('has TypeScript examples, each importing helmts as a package', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const { line, code } of blocks) {
      expect({ line, localImports: code.match(/from '\.{1,2}\/[^']*'/g) ?? [] }).toEqual({ line, localImports: [] });
    }
    expect(blocks.filter((b) => /from 'helmts(\/testing)?'/.test(b.code)).length).toBe(blocks.length);
  });

  it('compiles as shown, with strict type checking (and a type error put into one is reported)', () => {
    // Each block is a module of its own (a file of the user's project), at the repository root. One program checks
    // them all, with a copy of the first one spoiled so that a check that reports nothing fails here.
    const files = Object.fromEntries(blocks.map(({ line, code }) => [path.join(ROOT, `readme-example-line-${line}.ts`), code]));
    const spoiled = blocks.find((b) => b.code.includes("from 'helmts'"))!.code.replace(/v\.dnsNames\[0\]/, 'v.missingField');
    const errors = typeErrors({ ...files, [path.join(ROOT, 'readme-example-spoiled.ts')]: spoiled });
    expect(errors.filter((e) => !e.startsWith('readme-example-spoiled.ts'))).toEqual([]);
    expect(errors.join('\n')).toMatch(/^readme-example-spoiled\.ts:\d+: Property 'missingField' does not exist/m);
  }, 120_000);
});
