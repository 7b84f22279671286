/**
 * Chart coverage: a marked build of a chart has a YAML comment
 * `# helmts-coverage: <id>` at the start of every block body it emits (each
 * rendered document, `range`, `with` and `if` body). The comment survives
 * into `helm template` output, so the renders a test suite makes tell which
 * branches ran; each branch also lists the values paths it reads.
 */
import type { Expr, Scope } from './expr';

export const COVERAGE_MARK = '# helmts-coverage:';

export interface CoverageBranch {
  /** Unique within the chart, e.g. `sidecar.yaml#3`. */
  id: string;
  template: string;
  kind: 'template' | 'document' | 'range' | 'with' | 'if';
  /** The action that opens the block (or `---` for a document). */
  action: string;
  /** Values paths read in the block, e.g. `namespaces[].sidecar.egress[].port`. */
  paths: string[];
}

/** Per-template state of a marked emission. */
export class CoverageRecorder {
  readonly branches: CoverageBranch[] = [];
  constructor(readonly template: string) {}

  /** A new branch, and the scope its body is emitted in (reads are recorded into it). */
  open(kind: CoverageBranch['kind'], action: string, scope: Scope, binding?: { name: string; source: Expr }): { branch: CoverageBranch; scope: Scope } {
    const branch: CoverageBranch = { id: `${this.template}#${this.branches.length}`, template: this.template, kind, action, paths: [] };
    this.branches.push(branch);
    const vars = { ...scope.vars };
    if (binding) {
      const source = canonical(binding.source, scope.vars ?? {});
      if (source !== undefined) vars[binding.name] = kind === 'range' ? `${source}[]` : source;
    }
    const seen = new Set<string>();
    return {
      branch,
      scope: {
        ...scope,
        vars,
        onRef: (ref) => {
          const path = canonical(ref, vars);
          if (path !== undefined && path !== '' && !seen.has(path)) {
            seen.add(path);
            branch.paths.push(path);
          }
        },
      },
    };
  }
}

/** `namespaces[].sidecar` for `$sidecar` bound to `$namespace.sidecar`; undefined for `.Release`/`.Chart`. */
function canonical(expr: Expr, vars: Record<string, string>): string | undefined {
  if (expr.kind !== 'ref') return undefined;
  const join = (base: string) => [base, ...expr.path].filter(Boolean).join('.');
  if (expr.root.type === 'values') return join('');
  if (expr.root.type === 'var') return vars[expr.root.name] === undefined ? undefined : join(vars[expr.root.name]);
  return undefined;
}

export interface CoverageReport {
  templates: Array<{ template: string; branches: number; hit: number; paths: number; pathsHit: number }>;
  missedBranches: CoverageBranch[];
  missedPaths: string[];
  branchRatio: number;
  pathRatio: number;
}

/** Which branches and values paths the hit ids cover. A path counts once it is read in any hit branch. */
export function coverageReport(branches: CoverageBranch[], hits: ReadonlySet<string>): CoverageReport {
  const templates = [...new Set(branches.map((b) => b.template))].sort().map((template) => {
    const own = branches.filter((b) => b.template === template);
    const paths = new Set(own.flatMap((b) => b.paths));
    const pathsHit = new Set(own.filter((b) => hits.has(b.id)).flatMap((b) => b.paths));
    return { template, branches: own.length, hit: own.filter((b) => hits.has(b.id)).length, paths: paths.size, pathsHit: pathsHit.size };
  });
  const allPaths = new Set(branches.flatMap((b) => b.paths));
  const hitPaths = new Set(branches.filter((b) => hits.has(b.id)).flatMap((b) => b.paths));
  const missedBranches = branches.filter((b) => !hits.has(b.id));
  return {
    templates,
    missedBranches,
    missedPaths: [...allPaths].filter((p) => !hitPaths.has(p)).sort(),
    branchRatio: branches.length ? (branches.length - missedBranches.length) / branches.length : 1,
    pathRatio: allPaths.size ? hitPaths.size / allPaths.size : 1,
  };
}

/** Ids of the coverage marks in rendered output. */
export function coverageHits(rendered: string): string[] {
  const ids: string[] = [];
  const re = /^\s*# helmts-coverage: (\S+)$/gm;
  for (let m = re.exec(rendered); m; m = re.exec(rendered)) ids.push(m[1]);
  return ids;
}
