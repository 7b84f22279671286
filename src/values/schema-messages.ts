/**
 * Turns one ajv error into a message that names the key, the expectation and
 * the value found, and a hint that says how to fix it:
 * `port must be an integer 1–65535; got "80" (a string)` / `remove the quotes`.
 */
import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '../generator/json-schema';
import { withoutNull } from '../generator/nullable-schema';
import { didYouMean } from './did-you-mean';
import { resolveRef, schemaAt } from './schema-walk';
import { nodeLabel, showValue, type PathSegment, type ProblemLocation } from './values-problem';

export interface Explained {
  /** Path of the problem (the unknown key, the missing key, or the bad value). */
  segments: PathSegment[];
  message: string;
  hint?: string;
  at: ProblemLocation;
}

/** What a value of a named string type is called in messages. */
const NOUNS: Record<string, string> = {
  EgressHost: 'a valid Sidecar egress host (<namespace>/<dnsName>)',
  DnsLabel: 'a valid DNS label',
  LabelValue: 'a valid label value',
  Quantity: 'a valid resource quantity',
};

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^(.+?[.;:])(\s|$)/.exec(text);
  return (m ? m[1] : text).replace(/[.;:]$/, '');
}

/** `an integer 1–65535`, `one of REGISTRY_ONLY, ALLOW_ANY`, `a map`, `true or false`. */
export function describeExpected(schema: JsonSchema | undefined, root: JsonSchema): string {
  let s = resolveRef(schema, root).schema;
  if (!s) return 'a valid value';
  // An optional field also accepts null (Helm's unset): describe the value itself.
  s = resolveRef(withoutNull(s), root).schema ?? s;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => String(v)).join(', ')}`;
  const min = typeof s.minimum === 'number' ? s.minimum : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : undefined;
  switch (s.type) {
    case 'integer':
    case 'number': {
      const noun = s.type === 'integer' ? 'an integer' : 'a number';
      if (min !== undefined && max !== undefined) return `${noun} ${min}–${max}`;
      if (min !== undefined) return `${noun} of at least ${min}`;
      if (max !== undefined) return `${noun} of at most ${max}`;
      return noun;
    }
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    default:
      return 'a valid value';
  }
}

function typeHint(expected: JsonSchema, value: unknown): string | undefined {
  const type = expected.type;
  if ((type === 'integer' || type === 'number') && typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value))
    return 'remove the quotes';
  if (type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) return 'remove the quotes';
  if (type === 'string' && typeof value === 'boolean')
    return 'put it in quotes: unquoted, Helm reads y, n, yes, no, on, off, true and false as booleans';
  if (type === 'string' && typeof value === 'number') return 'put it in quotes: unquoted, YAML reads it as a number (1.10 becomes 1.1)';
  if (value === null) return 'give it a value, or delete the key to leave it unset';
  if (type === 'object') return 'write a map: indented "key: value" lines, or {key: value}';
  if (type === 'array') return typeof value === 'string' ? `write a list: [${JSON.stringify(value)}]` : 'write a list: [a, b] or one "- item" per line';
  return undefined;
}

/** Pattern hints for the chart's named string types; the definition's description otherwise. */
function patternHint(definition: string | undefined, value: unknown, description: string | undefined): string | undefined {
  const text = typeof value === 'string' ? value : '';
  if (definition === 'EgressHost') {
    const slash = text.indexOf('/');
    if (slash < 0) return 'write <namespace>/<dnsName>, e.g. "./*", "foo/*" or "foo/api.example.com"';
    const ns = text.slice(0, slash);
    const dns = text.slice(slash + 1);
    if (dns !== '*' && !dns.startsWith('*.') && !dns.includes('.'))
      return `Istio rejects short host names: write "${ns}/*" for every Service of ${ns}, or the full name "${ns}/${dns}.${ns}.svc.cluster.local"`;
    return 'the namespace part is ".", "*", "~" or a namespace name; the host part is "*", "*.<suffix>" or a name with a dot';
  }
  if (definition === 'DnsLabel') {
    const rule = 'use lowercase letters, digits and "-", starting and ending with a letter or digit';
    const slug = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    return slug && slug !== text ? `${rule}, e.g. "${slug}"` : rule;
  }
  if (definition === 'Quantity') return 'write a quantity such as 100m, 0.5, 64Mi or 1G';
  return firstSentence(description);
}

/** Message, hint and location of one ajv error about `value` at `segments` (the error's instance path). */
export function explainSchemaError(
  error: ErrorObject,
  segments: PathSegment[],
  value: unknown,
  root: JsonSchema,
): Explained {
  const p = error.params as Record<string, unknown>;
  const { schema: parent, definition } = schemaAt(root, segments);
  const label = nodeLabel(segments);
  const here = (message: string, hint?: string): Explained => ({ segments, message, hint, at: { segments } });
  const propertyName = (error as { propertyName?: string }).propertyName;
  if (propertyName !== undefined || error.keyword === 'propertyNames') {
    const key = propertyName ?? String(p.propertyName ?? '');
    const keySegments = [...segments, key];
    const hint =
      definition === 'Labels'
        ? 'a label key is an optional DNS prefix and "/", then up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit'
        : label === 'requests' || label === 'limits'
          ? 'resource names look like cpu, memory or example.com/gpu'
          : 'rename the key';
    return {
      segments: keySegments,
      message: `key ${JSON.stringify(key)} is not a valid key of ${label}`,
      hint,
      at: { segments: keySegments, key: true },
    };
  }
  switch (error.keyword) {
    case 'type':
    case 'minimum':
    case 'maximum': {
      const message = `${label} must be ${describeExpected(parent, root)}; got ${showValue(value)}`;
      if (error.keyword === 'type') return here(message, parent ? typeHint(parent, value) : undefined);
      const bound = error.keyword === 'minimum' ? 'at least' : 'at most';
      return here(message, `use a value of ${bound} ${String(p.limit)}`);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => String(v));
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      const caseOnly = guess !== undefined && guess.toLowerCase() === String(value).toLowerCase();
      const hint = guess ? `did you mean ${guess}?${caseOnly ? ' Values are case-sensitive' : ''}` : undefined;
      return here(`${label} must be one of ${allowed.join(', ')}; got ${showValue(value)}`, hint);
    }
    case 'pattern': {
      const shown = JSON.stringify(value);
      const noun = definition ? NOUNS[definition] : undefined;
      const message = noun ? `${label} ${shown} is not ${noun}` : `${label} ${shown} does not match ${String(p.pattern)}`;
      return here(message, patternHint(definition, value, parent?.description));
    }
    case 'maxLength':
      return here(
        `${label} is ${typeof value === 'string' ? value.length : '?'} characters long; at most ${String(p.limit)} are allowed`,
        'shorten it',
      );
    case 'minLength':
      return here(`${label} must not be empty`, firstSentence(parent?.description));
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys(parent?.properties ?? {});
      const guess = didYouMean(key, known);
      const keySegments = [...segments, key];
      const accepts = `${label} accepts ${known.join(', ')}`;
      return {
        segments: keySegments,
        message: `unknown key "${key}" in ${label}`,
        hint: guess ? `did you mean "${guess}"? ${accepts}` : `remove it; ${accepts}`,
        at: { segments: keySegments, key: true },
      };
    }
    case 'required': {
      const key = String(p.missingProperty);
      const property = parent?.properties?.[key];
      const keySegments = [...segments, key];
      return {
        segments: keySegments,
        message: `${label} is missing the required key "${key}" (${describeExpected(property, root)})`,
        hint: `add ${key}: <${describeExpected(property, root)}>${property?.description ? ` — ${firstSentence(property.description)}` : ''}`,
        at: { segments: keySegments, missing: true },
      };
    }
    case 'minItems':
      return here(
        `${label} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}; got ${Array.isArray(value) ? value.length : 0}`,
        definition === undefined && label === 'hosts' ? 'list at least one host; ["~/*"] alone denies all egress' : 'add an item',
      );
    default:
      return here(`${label}: ${error.message ?? error.keyword}`);
  }
}
