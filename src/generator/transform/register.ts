/**
 * Loads chart definition files through the chart language in Node (plain `require`, or tsx, whose `.ts` hook
 * this wraps): call `registerChartTransform()` before the first chart module is required. Importing the
 * generator does it (so `helmts build` does), and so does `src/charts/index.ts`. It also lets `require` load
 * the ESM-only model packages (src/loading/require-esm.ts). Jest goes through src/loading/jest-transform.ts
 * instead. Both call the language's one entry point, `lowerChartFile` (src/language/load.ts).
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import { allowRequireOfImportOnlyPackages } from '../../loading/require-esm';
import { isChartSource, lowerChartFile } from '../../language/load';

type Loader = (module: Module & { _compile(code: string, file: string): void }, file: string) => void;
let registered = false;

export function registerChartTransform(): void {
  if (registered) return;
  registered = true;
  allowRequireOfImportOnlyPackages();
  const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
  // Without a TypeScript loader yet (compiled CLI), install tsx's first: other .ts files go to it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!extensions['.ts']) (require('tsx/cjs/api') as { register(): () => void }).register();
  const previous = extensions['.ts'];
  extensions['.ts'] = (module, file) => {
    if (!isChartSource(file)) return previous ? previous(module, file) : undefined;
    const { code } = lowerChartFile(file, fs.readFileSync(file, 'utf8'));
    module._compile(code, file);
  };
  process.setSourceMapsEnabled?.(true);
}

registerChartTransform();
