/**
 * Checks of helloworld-egress values that JSON Schema cannot express: they
 * relate one part of the values to another (uniqueness, ports that must
 * match, hosts that must name a namespace of the chart).
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
  const servicePortNumbers = list(field(values.service, 'ports')).map((p) => field(p, 'port')).filter((p) => typeof p === 'number');
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
      if (typeof port === 'number' && servicePortNumbers.length > 0 && !servicePortNumbers.includes(port) && !hosts.every(isDenyAllHost))
        out.push(problem([...base, i, 'port'], 'warning',
          `egress listener port ${port} matches no Service port (service.ports: ${servicePortNumbers.join(', ')}): this listener imports nothing`,
          `use one of ${servicePortNumbers.join(', ')}, or add a Service port ${port}`));
      hosts.forEach((host, h) => {
        if (typeof host !== 'string' || !host.includes('/')) return;
        const ns = host.slice(0, host.indexOf('/'));
        if (ns === '.' || ns === '*' || ns === '~' || names.has(ns)) return;
        out.push(problem([...base, i, 'hosts', h], 'warning',
          `host "${host}" names namespace "${ns}", which is not one of the chart's namespaces (${[...names].join(', ')})`,
          `check the spelling, or add namespace "${ns}" to namespaces; use "./*" for the Sidecar's own namespace`));
      });
    });
  });
  return out;
}

/**
 * Problems of `values` (Helm's merged values) that the schema cannot see:
 * errors for what Kubernetes or Istio reject, warnings for what renders but
 * most likely does not mean what was intended.
 */
export function semanticProblems(values: unknown): ValuesProblem[] {
  if (!isValuesMap(values)) return [];
  return [...namespaceNames(values), ...servicePorts(values), ...targetPorts(values), ...sidecars(values)];
}
