/**
 * Which Sidecar applies to a workload (research note §1, pilot `initSidecarScopes` /
 * `getSidecarScope`): Sidecars sorted by creationTimestamp then `name.namespace`,
 * those with a workloadSelector before those without; in the workload's namespace the
 * first matching selector Sidecar, else the first selector-less one; else the root
 * namespace's first selector-less Sidecar (converted for the workload's namespace);
 * else the implicit default.
 */
import type { SidecarModel, WorkloadModel } from './manifest-model';
import { undecidedOrder } from './creation-order';

export type SidecarSource = 'workloadSelector' | 'namespace' | 'root' | 'implicit';

export interface SidecarChoice {
  sidecar: SidecarModel | null;
  source: SidecarSource;
  /** Set when competing Sidecars without creationTimestamp leave the choice to the order of creation. */
  undecided?: string;
}

const sameSpec = (a: SidecarModel, b: SidecarModel): boolean => a.specKey === b.specKey;

function olderFirst(a: SidecarModel, b: SidecarModel): number {
  if (a.created !== b.created) return a.created - b.created;
  const an = `${a.name}.${a.namespace}`;
  const bn = `${b.name}.${b.namespace}`;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

export class SidecarSelector {
  private readonly byNamespace = new Map<string, SidecarModel[]>();
  private readonly root: SidecarModel | null;
  readonly warnings: string[] = [];

  constructor(sidecars: readonly SidecarModel[], rootNamespace: string) {
    const sorted = [...sidecars].sort(olderFirst);
    const ordered = [...sorted.filter((s) => s.selector !== null), ...sorted.filter((s) => s.selector === null)];
    for (const s of ordered) {
      const list = this.byNamespace.get(s.namespace);
      if (list) list.push(s);
      else this.byNamespace.set(s.namespace, [s]);
    }
    for (const [ns, list] of this.byNamespace) {
      const wide = list.filter((s) => s.selector === null);
      if (wide.length > 1) {
        this.warnings.push(
          `namespace ${ns} has ${wide.length} Sidecars without workloadSelector (undefined in Istio docs); the oldest, ${wide[0].id}, is used`,
        );
      }
    }
    this.root = this.byNamespace.get(rootNamespace)?.find((s) => s.selector === null) ?? null;
    this.rootUndecided = undecidedOrder((this.byNamespace.get(rootNamespace) ?? []).filter((s) => s.selector === null), sameSpec);
  }

  private readonly rootUndecided: string | null;

  select(workload: WorkloadModel): SidecarChoice {
    const list = this.byNamespace.get(workload.namespace) ?? [];
    const matching = list.filter((s) => s.selector !== null && selects(s.selector, workload.labels));
    const undecided = matching.length > 0 ? undecidedOrder(matching, sameSpec) : undecidedOrder(list.filter((s) => s.selector === null), sameSpec);
    const choice = this.choose(workload, list);
    const why = undecided ?? (choice.source === 'root' ? this.rootUndecided : null);
    return why ? { ...choice, undecided: why } : choice;
  }

  private choose(workload: WorkloadModel, list: readonly SidecarModel[]): SidecarChoice {
    let chosen: SidecarModel | null = null;
    for (const s of list) {
      if (s.selector === null) {
        if (chosen) break;
        return { sidecar: s, source: 'namespace' };
      }
      if (selects(s.selector, workload.labels)) {
        if (chosen) {
          this.warnings.push(
            `workload ${workload.id} is selected by several Sidecars (${chosen.id}, ${s.id}); the oldest, ${chosen.id}, is used`,
          );
          break;
        }
        chosen = s;
      }
    }
    if (chosen) return { sidecar: chosen, source: 'workloadSelector' };
    if (this.root) return { sidecar: this.root, source: 'root' };
    return { sidecar: null, source: 'implicit' };
  }
}
