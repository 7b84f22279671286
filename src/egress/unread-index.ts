/**
 * The unread objects of an input (object-kinds.ts), indexed for the questions the decisions
 * ask: does one affect everything, the requests of this client, or requests reaching these
 * workloads / this host?
 */
import { selectorMatches, type UnreadScope } from './object-kinds';
import { ruleHostCovers } from './virtual-service';
import type { WorkloadModel } from './workload-model';

export interface UnreadHit {
  needs: string;
  what: string;
}

export class UnreadIndex {
  readonly all: UnreadHit | null;
  private readonly fromScopes: UnreadScope[];
  private readonly toScopes: UnreadScope[];
  private readonly portScopes: UnreadScope[];

  constructor(scopes: readonly UnreadScope[]) {
    const all = scopes.find((s) => s.all);
    this.all = all ? { needs: all.needs, what: all.what } : null;
    this.fromScopes = scopes.filter((s) => s.from);
    this.toScopes = scopes.filter((s) => s.to || s.hosts);
    this.portScopes = scopes.filter((s) => s.ports);
  }

  /** An object that could change any sidecar probe on this port (a listener the input lacks). */
  onPort(port: number): UnreadHit | null {
    const s = this.portScopes.find((x) => x.ports?.includes(port));
    return s ? { needs: s.needs, what: s.what } : null;
  }

  /** An unread object that selects this client (its outbound requests). */
  from(w: WorkloadModel): UnreadHit | null {
    const s = this.fromScopes.find((x) => x.from?.some((p) => selectorMatches(p, w.namespace, w.labels)));
    return s ? { needs: s.needs, what: s.what } : null;
  }

  /** An unread object that selects one of these destination workloads, or names this host. */
  to(workloads: readonly WorkloadModel[], host: string): UnreadHit | null {
    if (this.toScopes.length === 0) return null;
    const s = this.toScopes.find(
      (x) => x.to?.some((p) => workloads.some((w) => selectorMatches(p, w.namespace, w.labels))) || x.hosts?.some((h) => ruleHostCovers(h, host)),
    );
    return s ? { needs: s.needs, what: s.what } : null;
  }
}
