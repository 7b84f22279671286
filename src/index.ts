/**
 * The helmts package: `defineChart` and the combinators for chart
 * definitions, `defineConfig` for a helmts.config.ts. The Jest toolkit is
 * `helmts/testing`.
 */
export * from './generator';
export { defineConfig, type HelmtsConfig } from './cli/project';
