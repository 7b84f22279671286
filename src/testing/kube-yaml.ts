/**
 * YAML as Kubernetes tooling reads it. kubectl and Helm decode manifests
 * with go-yaml v2 (through sigs.k8s.io/yaml): YAML 1.1 booleans (`on`, `no`,
 * `y`), octal `0777`, `_` in numbers; but a float needs a digit or dot before
 * its exponent (`e0` stays a string), and there are no sexagesimal numbers
 * (`1:20`) or timestamps. The `yaml` library's YAML 1.1 schema is looser on
 * those three, so they are adjusted here (go-yaml v2 resolve.go,
 * `yamlStyleFloat`).
 */
import type { ParseOptions, DocumentOptions, SchemaOptions, ToJSOptions } from 'yaml';

type Tag = { tag: string; format?: string; test?: RegExp; resolve?: unknown };

/** go-yaml v2's float syntax, once `_` are removed. */
const GO_YAML_EXP_FLOAT = /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)[eE][-+]?[0-9]+$/;

export const kubeYamlOptions: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  version: '1.1',
  prettyErrors: true,
  customTags: (tags) =>
    (tags as Tag[])
      .filter((t) => t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp')
      .map((t) => (t.tag === 'tag:yaml.org,2002:float' && t.format === 'EXP' ? { ...t, test: GO_YAML_EXP_FLOAT } : t)) as never,
};
