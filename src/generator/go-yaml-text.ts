/**
 * YAML text that go-yaml (Helm's and Kubernetes' reader) reads back as it was written: `values.yaml` and the
 * literal parts of templates. Scalars are quoted where YAML 1.1 as go-yaml resolves it would retype them
 * (`y`, `n`, `yes`, `on`, `~`, `1_000`, `0X1F`, `0o17`, a key named `n`, …: the tags of src/values/go-yaml.ts
 * decide), and a scalar holding NEL, LS or PS (line breaks to go-yaml) is double-quoted with the escapes
 * `\N`, `\L`, `\P`.
 */
import { Document, Scalar, visit, type ToStringOptions } from 'yaml';
import { goYamlOptions } from '../values/go-yaml';

type Tags = Array<{ tag?: string; identify?: (v: unknown) => boolean }>;
/**
 * go-yaml's options for writing: the YAML 1.1 merge tag of the `yaml` library identifies the *string* `<<` and
 * writes it bare, which go-yaml then reads as a merge key (`map merge requires map …`). Here it identifies only
 * the merge key itself, so a string `<<` goes through the string writer, which quotes it (the tag's `test`).
 */
const WRITE_OPTIONS = {
  ...goYamlOptions,
  customTags: ((tags: Tags) =>
    (goYamlOptions.customTags as unknown as (t: Tags) => Tags)(tags).map((t) =>
      t.tag === 'tag:yaml.org,2002:merge' ? { ...t, identify: (v: unknown) => typeof v === 'symbol' && v.description === '<<' } : t)) as never,
};

const BREAKS = /[\u0085\u2028\u2029]/;
const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

/** A document of `value` with go-yaml's scalar resolution (so strings it would retype are quoted). */
export function goYamlDocument(value: unknown): Document {
  return new Document(value, WRITE_OPTIONS);
}

/** `doc` as text go-yaml reads back unchanged. */
export function goYamlString(doc: Document, options: ToStringOptions): string {
  let breaks = false;
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && BREAKS.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
        breaks = true;
      }
    },
  });
  const text = doc.toString(options);
  // Only double-quoted scalars hold these characters now (comments are written without them).
  return breaks ? text.replace(/[\u0085\u2028\u2029]/g, (c) => ESCAPES[c]) : text;
}
