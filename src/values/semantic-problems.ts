/**
 * Checks of helloworld-egress values that JSON Schema cannot express: they
 * relate one part of the values to another (uniqueness, ports that must
 * match, hosts that must name a namespace of the chart or import something,
 * ServiceEntries some Sidecar must import).
 *
 * Pure and defensive: it reads merged values that may also break the schema,
 * and skips whatever does not have the expected shape (the schema reports it).
 */
import { isValuesMap, type ValuesMap } from './helm-merge';
import { formatPath, type PathSegment, type ValuesProblem } from './values-problem';

function problem(segments: PathSegment[], severity: ValuesProblem['severity'], message: string, hint: string): ValuesProblem {
  return { path: formatPath(segments), segments, message, hint, severity, at: { segments } };
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): unknown {
  return isValuesMap(value) ? value[key] : undefined;
}

/** Reports every item whose `key` repeats an earlier item's, as `make(later, firstIndex)`. */
function duplicates(items: unknown[], key: string, make: (index: number, value: string | number, first: number) => ValuesProblem): ValuesProblem[] {
  const first = new Map<string | number, number>();
  const out: ValuesProblem[] = [];
  items.forEach((item, index) => {
    const value = field(item, key);
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else out.push(make(index, value, earlier));
  });
  return out;
}

function namespaceNames(values: ValuesMap): ValuesProblem[] {
  return duplicates(list(values.namespaces), 'name', (i, name, first) =>
    problem(['namespaces', i, 'name'], 'error', `namespace "${name}" is listed twice (first at namespaces[${first}].name)`,
      'namespace names must be unique: rename or remove one (each gets its own Service, Deployment and Sidecar)'),
  );
}

function serviceEntryNames(values: ValuesMap): ValuesProblem[] {
  const entries = list(values.serviceEntries).map((e) => {
    const namespace = field(e, 'namespace');
    const name = field(e, 'name');
    return { id: typeof namespace === 'string' && typeof name === 'string' ? `${namespace}/${name}` : undefined };
  });
  return duplicates(entries, 'id', (i, id, first) =>
    problem(['serviceEntries', i, 'name'], 'error', `ServiceEntry ${id} is declared twice (first at serviceEntries[${first}])`,
      'each namespace/name renders one ServiceEntry object: rename one, or merge their hosts and ports into one entry'),
  );
}

function servicePorts(values: ValuesMap): ValuesProblem[] {
  const ports = list(field(values.service, 'ports'));
  return [
    ...duplicates(ports, 'port', (i, port, first) =>
      problem(['service', 'ports', i, 'port'], 'error', `Service port ${port} is already exposed by service.ports[${first}]`,
        'Kubernetes rejects a Service with two ports of one number: change or remove one')),
    ...duplicates(ports, 'name', (i, name, first) =>
      problem(['service', 'ports', i, 'name'], 'error', `Service port name "${name}" is already used by service.ports[${first}]`,
        'Kubernetes requires unique port names within a Service: rename one')),
  ];
}

function targetPorts(values: ValuesMap): ValuesProblem[] {
  const containerPort = field(values.app, 'containerPort');
  if (typeof containerPort !== 'number') return [];
  const out: ValuesProblem[] = [];
  list(field(values.service, 'ports')).forEach((port, i) => {
    const target = field(port, 'targetPort');
    if (typeof target === 'number' && target !== containerPort)
      out.push(problem(['service', 'ports', i, 'targetPort'], 'warning',
        `targetPort ${target} is not app.containerPort (${containerPort}): the Service forwards to a port the container does not listen on`,
        `set targetPort: ${containerPort}, or change app.containerPort`));
  });
  return out;
}

function isDenyAllHost(host: unknown): boolean {
  return typeof host === 'string' && host.startsWith('~/');
}

function sidecars(values: ValuesMap): ValuesProblem[] {
  const names = new Set(list(values.namespaces).map((n) => field(n, 'name')).filter((n) => typeof n === 'string'));
  const entries = externalEntries(values);
  for (const e of entries) names.add(e.namespace);
  const servicePortNumbers = list(field(values.service, 'ports')).map((p) => field(p, 'port')).filter((p) => typeof p === 'number');
  const entryPorts = new Set(entries.flatMap((e) => e.ports));
  const out: ValuesProblem[] = [];
  list(values.namespaces).forEach((namespace, n) => {
    const sidecar = field(namespace, 'sidecar');
    const egress = field(sidecar, 'egress');
    const base: PathSegment[] = ['namespaces', n, 'sidecar', 'egress'];
    if (Array.isArray(egress) && egress.length === 0)
      out.push(problem(base, 'warning',
        'egress is empty: Istio then falls back to */* and imports every Service of every namespace, the opposite of a lockdown',
        'to deny all egress, list one listener with hosts: ["~/*"]; to allow all, say so with hosts: ["*/*"]'));
    const listeners = list(egress);
    out.push(...duplicates(listeners, 'port', (i, port, first) =>
      problem([...base, i, 'port'], 'error', `egress listener port ${port} is already used by egress[${first}] of this Sidecar`,
        'Istio rejects a Sidecar with two egress listeners on one port: merge their hosts into one listener')));
    listeners.forEach((listener, i) => {
      const port = field(listener, 'port');
      const hosts = list(field(listener, 'hosts'));
      if (typeof port === 'number' && servicePortNumbers.length > 0 && !servicePortNumbers.includes(port) && !entryPorts.has(port) && !hosts.every(isDenyAllHost))
        out.push(problem([...base, i, 'port'], 'warning',
          `egress listener port ${port} matches no Service port (service.ports: ${servicePortNumbers.join(', ')}): this listener imports nothing`,
          `use one of ${servicePortNumbers.join(', ')}, or add a Service port ${port}`));
      hosts.forEach((host, h) => {
        if (typeof host !== 'string' || !host.includes('/')) return;
        const ns = host.slice(0, host.indexOf('/'));
        const self = field(namespace, 'name');
        // Only on a port something exposes: otherwise the port warning above already says the listener imports nothing.
        const exposed = typeof port === 'number' && (servicePortNumbers.includes(port) || entryPorts.has(port));
        if (typeof self === 'string' && exposed && (ns === '.' || ns === '*' || names.has(ns))) {
          const nothing = importsNothing(values, entries, self, port as number, host);
          if (nothing) out.push(problem([...base, i, 'hosts', h], 'warning', nothing.message, nothing.hint));
        }
        if (ns === '.' || ns === '*' || ns === '~' || names.has(ns)) return;
        out.push(problem([...base, i, 'hosts', h], 'warning',
          `host "${host}" names namespace "${ns}", which is not one of the chart's namespaces (${someOf([...names])})`,
          `check the spelling, or add namespace "${ns}" to namespaces; use "./*" for the Sidecar's own namespace`));
      });
    });
  });
  return out;
}

/** A list for a message: all of a short one, the first few of a long one (a message per host must not grow with the chart). */
function someOf(items: string[], shown = 5): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')}, … ${items.length} in all`;
}

interface Entry {
  index: number;
  name: string;
  namespace: string;
  hosts: string[];
  ports: number[];
  /** null: exported everywhere (no exportTo, or `*`). */
  exportTo: Set<string> | null;
}

function externalEntries(values: ValuesMap): Entry[] {
  const out: Entry[] = [];
  list(values.serviceEntries).forEach((e, index) => {
    const name = field(e, 'name');
    const namespace = field(e, 'namespace');
    if (typeof name !== 'string' || typeof namespace !== 'string') return;
    const exportTo = list(field(e, 'exportTo')).filter((x): x is string => typeof x === 'string');
    out.push({
      index,
      name,
      namespace,
      hosts: list(field(e, 'hosts')).filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase()),
      ports: list(field(e, 'ports')).map((p) => field(p, 'number')).filter((p): p is number => typeof p === 'number'),
      exportTo: exportTo.length === 0 || exportTo.includes('*') ? null : new Set(exportTo.map((x) => (x === '.' ? namespace : x))),
    });
  });
  return out;
}

/** Sidecar dnsName matching (Istio `SubsetOf`): `*`, `*.suffix` covering the name, or equal. */
function dnsCovers(dnsName: string, name: string): boolean {
  return dnsName === '*' || dnsName === name || (dnsName.startsWith('*.') && name.endsWith(dnsName.slice(1)));
}

/** Entries a Sidecar host of namespace `self` imports on listener `port`. */
function importedEntries(entries: Entry[], self: string, port: number, host: string): Entry[] {
  const slash = host.indexOf('/');
  const ns = host.slice(0, slash) === '.' ? self : host.slice(0, slash);
  const dns = host.slice(slash + 1).toLowerCase();
  return entries.filter(
    (e) =>
      (ns === '*' || ns === e.namespace) &&
      (e.exportTo === null || e.exportTo.has(self)) &&
      e.ports.includes(port) &&
      e.hosts.some((h) => dnsCovers(dns, h)),
  );
}

/** A warning when `host` (of a listener on `port` in namespace `self`) imports no Service of the chart and no ServiceEntry. */
function importsNothing(values: ValuesMap, entries: Entry[], self: string, port: number, host: string): { message: string; hint: string } | null {
  const app = field(values.app, 'name');
  const chartNamespaces = list(values.namespaces).map((n) => field(n, 'name')).filter((n): n is string => typeof n === 'string');
  const servicePorts = list(field(values.service, 'ports')).map((p) => field(p, 'port'));
  const slash = host.indexOf('/');
  const ns = host.slice(0, slash) === '.' ? self : host.slice(0, slash);
  const dns = host.slice(slash + 1).toLowerCase();
  if (typeof app !== 'string') return null;
  const service = servicePorts.includes(port) && chartNamespaces.some((n) => (ns === '*' || ns === n) && dnsCovers(dns, `${app}.${n}.svc.cluster.local`));
  if (service || importedEntries(entries, self, port, host).length > 0) return null;
  const elsewhere = entries.find((e) => e.hosts.some((h) => dnsCovers(dns, h)) && e.ports.includes(port));
  return {
    message: `host "${host}" on port ${port} imports no Service of the chart and no ServiceEntry: it allows nothing`,
    hint: elsewhere
      ? `ServiceEntry "${elsewhere.name}" declares it in namespace ${elsewhere.namespace}${elsewhere.exportTo && !elsewhere.exportTo.has(self) ? ` but does not export it to ${self}` : ''}: use "${elsewhere.namespace}/${dns}"`
      : `declare it in serviceEntries (with port ${port}), or fix the name or port`,
  };
}

function mode(values: ValuesMap, namespace: unknown): unknown {
  return field(field(namespace, 'sidecar'), 'outboundTrafficPolicy') ?? field(values.istio, 'meshOutboundTrafficPolicy');
}

/** Warns about a ServiceEntry that no Sidecar imports while some namespace is REGISTRY_ONLY (it then allows nothing). */
function unusedEntries(values: ValuesMap): ValuesProblem[] {
  const entries = externalEntries(values);
  const namespaces = list(values.namespaces).filter((n) => field(n, 'sidecar') !== undefined);
  if (entries.length === 0 || !namespaces.some((n) => mode(values, n) === 'REGISTRY_ONLY')) return [];
  const used = new Set<number>();
  for (const n of namespaces) {
    const self = field(n, 'name');
    if (typeof self !== 'string') continue;
    for (const l of list(field(field(n, 'sidecar'), 'egress'))) {
      const port = field(l, 'port');
      if (typeof port !== 'number') continue;
      for (const host of list(field(l, 'hosts'))) {
        if (typeof host === 'string' && host.includes('/')) for (const e of importedEntries(entries, self, port, host)) used.add(e.index);
      }
    }
  }
  return entries
    .filter((e) => !used.has(e.index))
    .map((e) =>
      problem(['serviceEntries', e.index], 'warning',
        `ServiceEntry "${e.name}" (${e.hosts.join(', ')}) is imported by no Sidecar: under REGISTRY_ONLY no workload of the chart can reach it`,
        `add "${e.namespace}/${e.hosts[0] ?? '*'}" to the hosts of an egress listener on port ${e.ports.join(' or ')}, or remove the entry`),
    );
}

/**
 * Problems of `values` (Helm's merged values) that the schema cannot see:
 * errors for what Kubernetes or Istio reject, warnings for what renders but
 * most likely does not mean what was intended.
 */
export function semanticProblems(values: unknown): ValuesProblem[] {
  if (!isValuesMap(values)) return [];
  return [...namespaceNames(values), ...serviceEntryNames(values), ...servicePorts(values), ...targetPorts(values), ...sidecars(values), ...unusedEntries(values)];
}
