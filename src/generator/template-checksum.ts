/**
 * The checksum-annotation idiom, typed: `b.checksumOf(configmap)` in a
 * Deployment's pod annotations restarts the pods when the ConfigMap changes.
 * The author passes the template function itself (the one placed in the
 * chart's `templates`), never a path string, so a renamed template cannot
 * leave a stale path behind.
 *
 * - Emitted: `sha256sum (include (print $.Template.BasePath "/configmap.yaml") $)`,
 *   the digest of the other template's text as Helm renders it.
 * - Concretely (the TypeScript render): the SHA-256 of that template's
 *   objects as JSON. It changes exactly when those objects change, but it is
 *   not Helm's digest (Helm hashes the rendered YAML text, which TypeScript
 *   does not produce), so `helmts check` accepts any SHA-256 from Helm in its
 *   place (`isConcreteChecksum`); the tests check that both change together.
 */
import { createHash } from 'node:crypto';
import { chartError } from '../language/chart-files';
import { registerToken } from './symbolic';

type AnyTemplate = (values: never, builtIns: never) => unknown;

function templateName(templates: Record<string, unknown>, template: AnyTemplate): string {
  const found = Object.entries(templates).find(([, fn]) => fn === template);
  if (!found) {
    throw chartError(
      `checksumOf(): the function is not one of the chart's templates (${Object.keys(templates).join(', ')}); ` +
        "pass the function placed in templates: { 'configmap.yaml': configmap }",
    );
  }
  return found[0];
}

/** `b.checksumOf` while the templates are emitted. */
export function symbolicChecksum(templates: Record<string, unknown>): (template: AnyTemplate) => string {
  return (template) => {
    const name = templateName(templates, template);
    const include = { kind: 'call' as const, fn: `include (print $.Template.BasePath ${JSON.stringify(`/${name}`)}) $`, args: [] };
    return registerToken({ kind: 'call', fn: 'sha256sum', args: [include] }, 'string');
  };
}

/** The digests the TypeScript render produced (`helmts check` accepts Helm's digest in their place). */
const produced = new Set<string>();

/** Whether `value` is a digest `checksumOf` gave in the TypeScript render (it stands for Helm's, which differs). */
export function isConcreteChecksum(value: unknown): boolean {
  return typeof value === 'string' && produced.has(value);
}

/** `b.checksumOf` for the TypeScript render: SHA-256 of the other template's objects (`render`) as JSON. */
export function concreteChecksum(templates: Record<string, unknown>, render: (template: AnyTemplate) => unknown): (template: AnyTemplate) => string {
  return (template) => {
    templateName(templates, template);
    const digest = createHash('sha256').update(JSON.stringify(render(template)), 'utf8').digest('hex');
    produced.add(digest);
    return digest;
  };
}
