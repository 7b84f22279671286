/**
 * `require` of packages exported only for `import`. kubernetes-models 5 and
 * every `@kubernetes-models/*` model on base 6 are ES modules whose `exports`
 * have only `types` and `import` conditions, so Node's CommonJS resolver
 * refuses them (ERR_PACKAGE_PATH_NOT_EXPORTED) although Node 22 and 24 can
 * `require()` an ES module. Chart definitions, the CLI and the test toolkit
 * are CommonJS, so {@link allowRequireOfImportOnlyPackages} installs one
 * synchronous resolve hook (`module.registerHooks`, Node ≥ 22.15): a `require`
 * that fails because the package exports nothing for `require` is resolved
 * again with the `import` condition in place of `require`, and Node loads the
 * ES module it finds (require(esm)). Dual packages, which do export for
 * `require`, are resolved as before. Jest has its own resolver: jest-resolver.ts.
 */
import Module from 'node:module';

/** Errors of a `require` that an `import` of the same specifier may resolve. */
export const EXPORTS_MISS = new Set(['ERR_PACKAGE_PATH_NOT_EXPORTED']);

/** The conditions of a `require` with `import` in place of `require` (undefined when they have no `require`). */
export function importConditions(conditions: readonly string[] | undefined): string[] | undefined {
  if (!conditions?.includes('require')) return undefined;
  return [...new Set(conditions.map((c) => (c === 'require' ? 'import' : c)))];
}

const hooks: Module.RegisterHooksOptions = {
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const conditions = importConditions(context.conditions);
      if (!conditions || !EXPORTS_MISS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      try {
        return nextResolve(specifier, { ...context, conditions });
      } catch (retry) {
        // Exported for import but missing (a kind the package does not have): that error says what is wrong.
        throw EXPORTS_MISS.has((retry as NodeJS.ErrnoException).code ?? '') ? error : retry;
      }
    }
  },
};

/** Set on `node:module`, so the hook is installed once per process even when this module is loaded again. */
const INSTALLED = Symbol.for('helmts.requireImportOnlyPackages');

export function allowRequireOfImportOnlyPackages(): void {
  const shared = Module as unknown as Record<symbol, boolean>;
  if (shared[INSTALLED]) return;
  if (typeof Module.registerHooks !== 'function') {
    throw new Error(`helmts needs Node.js 22.15 or newer (module.registerHooks); this is Node.js ${process.version}`);
  }
  try {
    Module.registerHooks(hooks);
  } catch (error) {
    // Inside a Jest test `node:module` is Jest's, which refuses hooks; there jest-resolver.ts resolves.
    if (process.env.JEST_WORKER_ID !== undefined) return;
    throw error;
  }
  shared[INSTALLED] = true;
}
