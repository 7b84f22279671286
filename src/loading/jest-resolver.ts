/**
 * The Jest resolver of helmts (`helmts/jest-preset`). Jest resolves a
 * `require` with the `require` condition, which the ESM-only model packages
 * (kubernetes-models 5, `@kubernetes-models/*` on base 6) do not export; like
 * require-esm.ts does for Node, a `require` that finds nothing exported is
 * resolved again with `import` in place of `require`, and jest-transform.ts
 * compiles the ES module it finds to CommonJS. Every other request resolves
 * as Jest's default resolver resolves it.
 */
import { importConditions } from './require-esm';

interface ResolverOptions {
  conditions?: readonly string[];
  defaultResolver: (request: string, options: ResolverOptions) => string;
  [key: string]: unknown;
}

function resolve(request: string, options: ResolverOptions): string {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    const conditions = importConditions(options.conditions);
    // Only package requests ("name/sub"), not relative or absolute paths, can be an exports miss.
    if (!conditions || /^[./]/.test(request)) throw error;
    try {
      return options.defaultResolver(request, { ...options, conditions });
    } catch {
      throw error;
    }
  }
}

export = resolve;
