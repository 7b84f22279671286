/**
 * Figures and their targets, the printed table, and bench/results.json.
 *
 * A figure is one table row: one or more checks (a measured value, its unit,
 * a comparison and a limit) that are met when every check is. A value known
 * only as a lower bound (a render killed at its timeout) meets an upper-limit
 * target never when the bound already exceeds it, and is `?` otherwise.
 * Informational figures show their target but do not count as misses.
 */
import * as fs from 'node:fs';

export type Unit = 'ms' | 'MiB' | 'KiB' | 'x' | 'exp' | 'count' | 'bool';
export type Op = '<' | '<=' | '>=' | '=';

export interface Check {
  value: number;
  unit: Unit;
  op: Op;
  limit: number;
  /** The true value is at least `value` (e.g. a killed render). */
  lowerBound?: boolean;
}

export interface Figure {
  section: string;
  name: string;
  checks: Check[];
  informational?: boolean;
  /** Shown after the value, e.g. `(+55 ms)`. */
  suffix?: string;
}

export type Met = 'yes' | 'no' | '?';

function checkMet(c: Check): Met {
  if (!Number.isFinite(c.value)) return c.lowerBound && (c.op === '<' || c.op === '<=') ? 'no' : '?';
  const pass = c.op === '<' ? c.value < c.limit : c.op === '<=' ? c.value <= c.limit : c.op === '>=' ? c.value >= c.limit : c.value === c.limit;
  if (!c.lowerBound) return pass ? 'yes' : 'no';
  if (c.op === '<' || c.op === '<=') return pass ? '?' : 'no';
  if (c.op === '>=') return pass ? 'yes' : '?';
  return '?';
}

export function figureMet(f: Figure): Met {
  const all = f.checks.map(checkMet);
  return all.includes('no') ? 'no' : all.includes('?') ? '?' : 'yes';
}

function num(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ms':
      return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
    case 'MiB':
      return `${Math.round(value)} MiB`;
    case 'KiB':
      return `${Math.round(value)} KiB`;
    case 'x':
      return `${value.toFixed(2)}×`;
    case 'exp':
      return value.toFixed(2);
    case 'count':
      return String(Math.round(value));
    case 'bool':
      return value ? 'yes' : 'no';
  }
}

function showValue(c: Check): string {
  return `${c.lowerBound ? '> ' : ''}${num(c.value, c.unit)}`;
}

function showTarget(c: Check): string {
  if (c.unit === 'bool') return num(c.limit, 'bool');
  const op = c.op === '<=' ? '≤' : c.op === '>=' ? '≥' : c.op;
  const limit = c.unit === 'ms' && Number.isInteger(c.limit) ? `${c.limit} ms` : num(c.limit, c.unit);
  return `${op} ${limit}`;
}

/** The aligned text table, grouped by section. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => ({
    section: f.section,
    name: f.name,
    value: f.checks.map(showValue).join(' · ') + (f.suffix ? ` ${f.suffix}` : ''),
    target: f.checks.map(showTarget).join(' · '),
    met: `${figureMet(f)}${f.informational ? ' (info)' : ''}`,
  }));
  const head = { name: 'figure', value: 'value', target: 'target', met: 'met?' };
  const w = {
    name: Math.max(head.name.length, ...rows.map((r) => r.name.length)),
    value: Math.max(head.value.length, ...rows.map((r) => r.value.length)),
    target: Math.max(head.target.length, ...rows.map((r) => r.target.length)),
  };
  const line = (r: { name: string; value: string; target: string; met: string }) =>
    `${r.name.padEnd(w.name)} | ${r.value.padStart(w.value)} | ${r.target.padEnd(w.target)} | ${r.met}`;
  const rule = `${'-'.repeat(w.name)}-+-${'-'.repeat(w.value)}-+-${'-'.repeat(w.target)}-+-${'-'.repeat(10)}`;
  const out = [line(head), rule];
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push(`[${section}]`);
    }
    out.push(line(r));
  }
  return out.join('\n');
}

/** Counts of met / not met / unknown, informational figures apart. */
export function tally(figures: readonly Figure[]): { met: number; notMet: number; unknown: number; informational: number } {
  const t = { met: 0, notMet: 0, unknown: 0, informational: 0 };
  for (const f of figures) {
    if (f.informational) t.informational++;
    else {
      const m = figureMet(f);
      if (m === 'yes') t.met++;
      else if (m === 'no') t.notMet++;
      else t.unknown++;
    }
  }
  return t;
}

/** Writes `results` as pretty JSON, with each figure's verdict added. */
export function writeResults(file: string, results: Record<string, unknown> & { figures: Figure[] }): void {
  const figures = results.figures.map((f) => ({ ...f, met: figureMet(f) }));
  fs.writeFileSync(file, `${JSON.stringify({ ...results, figures }, null, 2)}\n`);
}
