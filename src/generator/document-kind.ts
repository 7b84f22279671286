/**
 * What a template may return as a document (default-deny):
 * - an object of a model class (`new Service({…})` from kubernetes-models, a class of any `@kubernetes-models/*`
 *   package, or one `helmts import-crd` generated): typed when written, validated by its schema in tests;
 * - an object marked `untyped({ apiVersion, kind, … })`: a kind no model describes, emitted as written and never
 *   validated (the test toolkit lists it in `out.unvalidated`).
 * Anything else stops the build: a plain object (with a hint at the model class when one is installed), a
 * document without `apiVersion` and `kind` strings, a string or number.
 */
import { modelModules } from '../loading/model-modules';
import { exprOf } from './symbolic';

const UNTYPED = new WeakSet<object>();

/**
 * Marks a Kubernetes object no model describes as deliberately untyped: the build emits it as written (no
 * typing, no schema validation). Prefer the model class where one exists.
 */
export function untyped<T extends { apiVersion: string; kind: string }>(object: T): T {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw new TypeError('untyped() takes one object with apiVersion and kind');
  }
  UNTYPED.add(object);
  return object;
}

/** A document a template returned that the build refuses. */
export class DocumentKindError extends Error {}

const literal = (value: unknown): value is string => typeof value === 'string' && exprOf(value) === undefined;

function isModelObject(value: object): boolean {
  const ctor = (value as { constructor?: { kind?: unknown; apiVersion?: unknown } }).constructor;
  return Object.getPrototypeOf(value) !== Object.prototype
    && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    && typeof ctor?.kind === 'string'
    && typeof ctor.apiVersion === 'string'
    && (value as { kind?: unknown }).kind === ctor.kind;
}

function describe(doc: Record<string, unknown>): string {
  const name = (doc.metadata as { name?: unknown } | undefined)?.name;
  const kind = literal(doc.kind) ? doc.kind : 'object';
  return `${kind}${literal(name) ? ` ${name}` : ''}${literal(doc.apiVersion) ? ` (${doc.apiVersion})` : ''}`;
}

/** Throws a {@link DocumentKindError} unless `value` is a model object or an `untyped()` one. */
export function assertDocument(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || exprOf(value)) {
    throw new DocumentKindError(`a template returned ${exprOf(value) ? 'a value' : JSON.stringify(value)} as a document; return Kubernetes objects (new Service({…}) from kubernetes-models), lists of them or undefined`);
  }
  if (isModelObject(value)) return;
  const doc = value as Record<string, unknown>;
  if (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string' || !doc.apiVersion || !doc.kind) {
    throw new DocumentKindError(`a template returned a document without apiVersion and kind strings (${JSON.stringify(Object.keys(doc))}); every document is a Kubernetes object`);
  }
  if (UNTYPED.has(value)) return;
  const model = literal(doc.apiVersion) && literal(doc.kind) ? modelModules(doc.apiVersion, doc.kind)[0] : undefined;
  throw new DocumentKindError(
    model
      ? `${describe(doc)} is a plain object, but it has a model: build it with new ${doc.kind}({ … }) from '${model.specifier}' (typed, and validated in tests), or mark it untyped({ … }) to emit it unchecked`
      : `${describe(doc)} is a plain object and no installed model describes it: install its @kubernetes-models package, generate classes with \`helmts import-crd <crd.yaml>\`, or mark it untyped({ … }) to emit it unchecked`,
  );
}
