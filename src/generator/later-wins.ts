/**
 * JavaScript's later-wins keys in an object literal, resolved before emission so that a template never writes
 * a key twice: `{ ...(on ? { a: '1' } : {}), a: '2' }` is `a: '2'`; `{ a: '1', ...(on ? { a: '2' } : {}) }` is
 * `{{ if on }}a: '2'{{ else }}a: '1'{{ end }}`; an earlier conditional spread that a later one may override is
 * moved into the later one's branches. Keys a map known only when Helm renders may hold (a values map, a map
 * helper) are merged by Helm instead (emit-template.ts, `mergeOverwrite`).
 */
import { CondMarker, SpreadMarker, SPREAD_KEY_PREFIX, WhenMarker, spreadKey } from './markers';
import { symbolicNode } from './symbolic';

type Entry = [string, unknown];

const isPlainMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !symbolicNode(v) && Object.getPrototypeOf(v) === Object.prototype;
const branchMap = (v: unknown): Record<string, unknown> | undefined => (v === undefined || v === null ? {} : isPlainMap(v) ? v : undefined);

/** The conditional a spread entry holds, when its branches are plain maps (whose keys are known). */
function conditional(entry: Entry): { marker: CondMarker | WhenMarker; then: Record<string, unknown>; else?: Record<string, unknown> } | undefined {
  const [key, value] = entry;
  if (!key.startsWith(SPREAD_KEY_PREFIX) || !(value instanceof SpreadMarker)) return undefined;
  const m = value.value;
  if (m instanceof CondMarker) {
    const then = branchMap(m.then);
    const otherwise = branchMap(m.otherwise);
    return then && otherwise ? { marker: m, then, else: otherwise } : undefined;
  }
  if (m instanceof WhenMarker) {
    const then = branchMap(m.body);
    const otherwise = branchMap(m.otherwise);
    return then && otherwise ? { marker: m, then, else: otherwise } : undefined;
  }
  return undefined;
}

/** Keys a map may define (nested conditional spreads included); undefined when one is not known. */
export function mayDefine(map: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  for (const entry of Object.entries(map)) {
    if (!entry[0].startsWith(SPREAD_KEY_PREFIX)) keys.add(entry[0]);
    else {
      const c = conditional(entry);
      if (c) for (const k of [...mayDefine(c.then), ...mayDefine(c.else ?? {})]) keys.add(k);
    }
  }
  return keys;
}

const without = (map: Record<string, unknown>, keys: Set<string>) => Object.fromEntries(Object.entries(map).filter(([k]) => !keys.has(k)));

function rebuild(c: NonNullable<ReturnType<typeof conditional>>, then: Record<string, unknown>, otherwise: Record<string, unknown>): Entry {
  const m = c.marker;
  const marker = m instanceof CondMarker ? new CondMarker(m.test, then, otherwise, m.splice) : new WhenMarker(m.test, m.testType, m.varName, then, otherwise);
  return [spreadKey(), new SpreadMarker(marker)];
}

/** The entries of `map` with JavaScript's later-wins semantics made explicit (no key can be written twice). */
export function laterWins(map: Record<string, unknown>): Record<string, unknown> {
  let out: Entry[] = [];
  for (const entry of Object.entries(map)) {
    const [key] = entry;
    const c = conditional(entry);
    if (!key.startsWith(SPREAD_KEY_PREFIX)) {
      const keys = new Set([key]);
      out = out.filter(([k]) => k !== key).map((e) => {
        const earlier = conditional(e);
        return earlier ? rebuild(earlier, without(earlier.then, keys), without(earlier.else ?? {}, keys)) : e;
      });
      out.push(entry);
    } else if (c) {
      const thenKeys = mayDefine(c.then);
      const elseKeys = mayDefine(c.else ?? {});
      let then: Record<string, unknown> = {};
      let otherwise: Record<string, unknown> = {};
      const kept: Entry[] = [];
      for (const e of out) {
        const earlier = conditional(e);
        const defines = earlier ? new Set([...mayDefine(earlier.then), ...mayDefine(earlier.else ?? {})]) : new Set(e[0].startsWith(SPREAD_KEY_PREFIX) ? [] : [e[0]]);
        if (![...defines].some((k) => thenKeys.has(k) || elseKeys.has(k))) {
          kept.push(e);
          continue;
        }
        // Moved into this conditional's branches, minus what each branch itself sets (it comes later, so it wins).
        const into = (branch: Record<string, unknown>, own: Set<string>) => {
          if (!earlier) return own.has(e[0]) ? branch : { ...branch, [e[0]]: e[1] };
          const [k, v] = rebuild(earlier, without(earlier.then, own), without(earlier.else ?? {}, own));
          return { ...branch, [k]: v };
        };
        then = into(then, thenKeys);
        otherwise = into(otherwise, elseKeys);
      }
      out = kept;
      out.push(rebuild(c, { ...then, ...c.then }, { ...otherwise, ...(c.else ?? {}) }));
    } else out.push(entry);
  }
  return Object.fromEntries(out);
}
