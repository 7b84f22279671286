/**
 * `chart.subchart('<alias or name>')`: renders the parent chart the way Helm renders the
 * subchart inside it, with the test's values scoped under the subchart's key.
 *
 * - `values` files and `set` / `setRaw` / `setFile` keys are moved under `<key>.`, except
 *   `global` (Helm shares `.Values.global` between parent and subcharts): a values file
 *   `{ replicas: 2, global: { env: prod } }` becomes `{ <key>: { replicas: 2 }, global: { env: prod } }`.
 * - Only the subchart's templates render (`templates` defaults to `charts/<key>/templates/**`;
 *   given patterns are relative to the subchart's `templates/`), plus every helper, so a parent
 *   template that fails cannot fail a subchart test.
 * - `chart: { version, appVersion }` overrides the subchart's Chart.yaml (`dependencies[key]`).
 * - `out.template('templates/x.yaml')` means `charts/<key>/templates/x.yaml`.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { RenderResult } from './render-result';
import { subchartByKey } from './subcharts';
import type { RenderOptions } from './types';

export interface ParentChart {
  readonly dir: string;
  render(options?: RenderOptions): Promise<RenderResult>;
  renderError(options?: RenderOptions): Promise<string>;
}

let scopedDir: string | undefined;

function isGlobal(key: string): boolean {
  return key === 'global' || key.startsWith('global.') || key.startsWith('global[');
}

/** A values file with its content moved under `key` (except `global`), written once per content. */
function scopedValuesFile(file: string, key: string): string {
  const text = fs.readFileSync(path.resolve(file), 'utf8');
  const content = (parse(text) as Record<string, unknown> | null) ?? {};
  if (typeof content !== 'object' || Array.isArray(content)) throw new Error(`${file}: a values file must be a map`);
  const { global, ...rest } = content;
  const scoped = { [key]: rest, ...(global !== undefined ? { global } : {}) };
  const out = stringify(scoped);
  scopedDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-scoped-values-'));
  const target = path.join(scopedDir, `${createHash('sha256').update(`${key}\0${out}`).digest('hex').slice(0, 16)}.yaml`);
  if (!fs.existsSync(target)) fs.writeFileSync(target, out);
  return target;
}

const scopeKey = (key: string) => (k: string) => (isGlobal(k) ? k : `${key}.${k}`);

export class SubchartView {
  constructor(
    private readonly parent: ParentChart,
    /** The subchart's key: its alias, else its name. */
    readonly key: string,
  ) {}

  /** The parent render options that render this subchart with `options` scoped under its key. */
  scopedOptions(options: RenderOptions = {}): RenderOptions {
    subchartByKey(this.parent.dir, this.key); // a clear error for an unknown subchart
    const scope = scopeKey(this.key);
    const base = `charts/${this.key}/templates`;
    const templates = (options.templates ?? ['**']).map((p) =>
      p.startsWith('!') ? `!${base}/${p.slice(1)}` : `${base}/${p}`,
    );
    const { chart, ...rest } = options;
    return {
      ...rest,
      values: options.values?.map((f) => scopedValuesFile(f, this.key)),
      set: options.set && Object.fromEntries(Object.entries(options.set).map(([k, v]) => [scope(k), v])),
      setRaw: options.setRaw?.map(scope),
      setFile: options.setFile && Object.fromEntries(Object.entries(options.setFile).map(([k, v]) => [scope(k), v])),
      templates,
      dependencies: chart ? { ...options.dependencies, [this.key]: chart } : options.dependencies,
    };
  }

  /** Renders the parent chart with `options` scoped to this subchart. */
  async render(options: RenderOptions = {}): Promise<RenderResult> {
    const out = await this.parent.render(this.scopedOptions(options));
    return out.scopedTo(`charts/${this.key}`);
  }

  /** Like `Chart.renderError`, for a subchart render that must fail. */
  renderError(options: RenderOptions = {}): Promise<string> {
    return this.parent.renderError(this.scopedOptions(options));
  }
}
