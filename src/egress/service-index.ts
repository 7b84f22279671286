/**
 * Indexes of the Service registry (closed world: only the input's Services exist),
 * so that importing a listener's hosts never scans every Service for every host.
 */
import type { ServiceModel } from './manifest-model';

export class ServiceIndex {
  readonly byNamespace = new Map<string, ServiceModel[]>();
  readonly byPort = new Map<number, ServiceModel[]>();
  readonly byNamespacePort = new Map<string, Map<number, ServiceModel[]>>();
  readonly byFqdn = new Map<string, ServiceModel>();
  private readonly marks: Int32Array;
  private epoch = 0;

  constructor(readonly services: readonly ServiceModel[]) {
    this.marks = new Int32Array(services.length);
    for (const s of services) {
      push(this.byNamespace, s.namespace, s);
      this.byFqdn.set(s.fqdn, s);
      let perPort = this.byNamespacePort.get(s.namespace);
      if (!perPort) this.byNamespacePort.set(s.namespace, (perPort = new Map()));
      const seen = new Set<number>();
      for (const p of s.ports) {
        if (seen.has(p.port)) continue;
        seen.add(p.port);
        push(this.byPort, p.port, s);
        push(perPort, p.port, s);
      }
    }
  }

  /** Services of a namespace, optionally only those having `port`. */
  inNamespace(namespace: string, port: number | null): readonly ServiceModel[] {
    if (port === null) return this.byNamespace.get(namespace) ?? [];
    return this.byNamespacePort.get(namespace)?.get(port) ?? [];
  }

  /** Starts a new de-duplication pass for {@link firstVisit}. */
  newPass(): number {
    return ++this.epoch;
  }

  /** True the first time a Service is visited in the given pass. */
  firstVisit(s: ServiceModel, pass: number): boolean {
    if (this.marks[s.index] === pass) return false;
    this.marks[s.index] = pass;
    return true;
  }

  /** Every Service, optionally only those having `port`. */
  all(port: number | null): readonly ServiceModel[] {
    return port === null ? this.services : (this.byPort.get(port) ?? []);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
