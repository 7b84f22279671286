/**
 * YAML as Kubernetes tooling reads it. kubectl and Helm decode manifests with
 * go-yaml v2 (through sigs.k8s.io/yaml), the same reading Helm applies to
 * values files, so the toolkit parses rendered output with the values
 * reader's options (src/values/go-yaml.ts): YAML 1.1 booleans (`on`, `no`,
 * `y`), octal `0777` and `0o777`, `_` in numbers, a digit or dot before a
 * float's exponent (`e0` stays a string), no sexagesimal numbers or
 * timestamps.
 */
import { goYamlOptions } from '../values/go-yaml';

export const kubeYamlOptions = goYamlOptions;
