/**
 * Splits `helm template` output into documents, parsed as Kubernetes' go-yaml reads them
 * (YAML 1.1: `on`/`yes`/`no` are booleans, `010` is octal; NEL, LS and PS are line breaks; see kube-yaml.ts), each tagged with its source
 * template from Helm's `# Source: <chart>/templates/x.yaml` comment.
 */
import { parseAllDocuments } from 'yaml';
import { goYamlBreaks } from '../values/go-yaml';
import { kubeYamlOptions } from './kube-yaml';
import { deepFreeze, setDocumentInfo } from './document-info';
import { ManifestParseError } from './errors';
import type { ChartDocument } from './types';

const SOURCE = /^# Source: (.+)$/m;

/** `chart/templates/x.yaml` → `templates/x.yaml`; `chart/charts/sub/templates/y.yaml` keeps `charts/sub/...`. */
export function templatePathFromSource(source: string): string {
  const slash = source.indexOf('/');
  return slash < 0 ? source : source.slice(slash + 1);
}

export function parseManifests(output: string): ChartDocument[] {
  const stdout = goYamlBreaks(output);
  const docs: ChartDocument[] = [];
  const perTemplate = new Map<string, number>();
  for (const parsed of parseAllDocuments(stdout, kubeYamlOptions)) {
    const text = stdout.slice(parsed.range[0], parsed.range[2]);
    const template = templatePathFromSource(SOURCE.exec(text)?.[1]?.trim() ?? '<unknown template>');
    if (parsed.errors.length > 0) {
      throw new ManifestParseError(
        `helm output of ${template} is not valid YAML 1.1:\n${parsed.errors.map((e) => e.message).join('\n')}`,
      );
    }
    const value: unknown = parsed.toJS({ maxAliasCount: -1 });
    if (value === null || value === undefined) continue; // empty or comment-only document
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ManifestParseError(`${template} rendered a document that is not a mapping: ${JSON.stringify(value)}`);
    }
    const doc = deepFreeze(value as ChartDocument);
    const index = perTemplate.get(template) ?? 0;
    perTemplate.set(template, index + 1);
    setDocumentInfo(doc, { template, index });
    docs.push(doc);
  }
  return docs;
}
