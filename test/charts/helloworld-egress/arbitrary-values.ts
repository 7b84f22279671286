/**
 * fast-check arbitraries for helloworld-egress values, biased towards the edges.
 * `arbitraryValues` draws values a user may give: they pass the schema and every
 * error-level rule of validate-values (unique namespace names, Service port numbers
 * and names, and egress listener ports within a Sidecar); warnings (a targetPort
 * that is not the containerPort, a listener port no Service exposes, an empty
 * egress list) are legal and kept on purpose. The test pods are always enabled,
 * so every sample with a Sidecar renders them and lists its checks in NOTES; half the
 * samples also check external hosts (`tests.externalHosts`). ServiceEntries (0–4) are
 * valid per the schema: YAML-trap names, exact and wildcard hosts (a wildcard only with
 * NONE or STATIC), STATIC with addresses, every protocol, `exportTo`; Sidecar hosts name
 * them (`<entry namespace>/<host>`, `<any>/<host>`, `./<host>`) beside the chart's Services.
 */
import fc from 'fast-check';
import type { EgressProtocol, HelloworldEgressValues as Values } from '../../../src/charts';

type ServiceEntryValues = Values['serviceEntries'][number];

/** Names a YAML 1.1 reader would turn into booleans, numbers or null if they were not quoted. */
export const yamlTrapNames = ['on', 'off', 'no', 'yes', 'y', 'n', 'true', 'null', '0777', '1e3', '0x1f', '123'];

const dnsLabel = fc.oneof(
  fc.constantFrom(...yamlTrapNames, 'default', 'foo', 'bar', 'a'),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/),
  fc.constant('x'.repeat(63)),
);

const port = fc.oneof(fc.constantFrom(1, 80, 443, 8080, 65535), fc.integer({ min: 1, max: 65535 }));

/** Exact external hosts (YAML-trap labels included) and wildcards over some of them. */
const exactHosts = ['httpbin.org', 'api.github.com', 'on.example', '0777.example', 'Yes.Example', 'en.wikipedia.org', 'example.com', 'a.b.example.com'];
const wildcardHosts = ['*.wikipedia.org', '*.example.com', '*.example', '*.b.example.com', '*.com'];

const serviceEntry = (namespaces: string[]): fc.Arbitrary<ServiceEntryValues> =>
  fc
    .record({
      name: fc.oneof(fc.constantFrom(...yamlTrapNames), fc.stringMatching(/^[a-z][-a-z0-9]{0,8}[a-z0-9]$/)),
      namespace: fc.oneof(fc.constantFrom(...namespaces), fc.constantFrom('egress', 'istio-system')),
      wildcard: fc.boolean(),
      exact: fc.uniqueArray(fc.constantFrom(...exactHosts), { minLength: 1, maxLength: 2 }),
      wild: fc.uniqueArray(fc.constantFrom(...wildcardHosts), { minLength: 1, maxLength: 2 }),
      ports: fc.uniqueArray(
        fc.record({
          number: fc.constantFrom(80, 443, 8080, 8443, 1),
          protocol: fc.constantFrom('HTTP' as const, 'HTTPS' as const, 'TLS' as const, 'TCP' as const, 'HTTP2' as const, 'GRPC' as const, 'MONGO' as const),
          name: fc.constantFrom('http', 'https', 'on', 'no', 'tls-1'),
        }),
        { minLength: 1, maxLength: 2, selector: (p) => p.name },
      ),
      resolution: fc.constantFrom('DNS' as const, 'DNS_ROUND_ROBIN' as const, 'STATIC' as const, 'NONE' as const, undefined),
      location: fc.constantFrom('MESH_EXTERNAL' as const, 'MESH_INTERNAL' as const, undefined),
      addresses: fc.option(fc.constantFrom<string[]>(['240.0.0.1'], ['203.0.113.0/24']), { nil: undefined }),
      exportTo: fc.option(fc.oneof(fc.constantFrom<string[]>(['.'], ['*'], ['~']), fc.uniqueArray(fc.constantFrom('.', ...namespaces), { minLength: 1, maxLength: 3 })), { nil: undefined }),
    })
    .map(({ wildcard, exact, wild, resolution, addresses, ...rest }) => {
      // Istio rejects a wildcard host with DNS resolution; STATIC needs addresses (or endpoints).
      const res = wildcard && (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') ? 'NONE' : resolution;
      const addr = res === 'STATIC' ? (addresses ?? ['240.0.0.2']) : addresses;
      const se: ServiceEntryValues = { ...rest, hosts: wildcard ? [...wild, ...exact.slice(0, 1)] : exact };
      if (res === undefined) delete se.resolution;
      else se.resolution = res;
      if (addr) se.addresses = addr;
      if (se.location === undefined) delete se.location;
      if (se.exportTo === undefined) delete se.exportTo;
      return se;
    });

/** Sidecar hosts that import (or narrowly miss) the entries' hosts. */
const entryHostFor = (entries: ServiceEntryValues[]) =>
  fc.constantFrom(...entries).chain((se) =>
    fc.constantFrom(...se.hosts).chain((host) =>
      fc.constantFrom(`${se.namespace}/${host}`, `*/${host}`, `${se.namespace}/*`, `./${host}`, `${se.namespace}/*.example.com`, `*/*.wikipedia.org`),
    ),
  );

const hostFor = (namespaces: string[], entries: ServiceEntryValues[]) =>
  fc.oneof(
    ...(entries.length > 0 ? [entryHostFor(entries), entryHostFor(entries)] : []),
    fc.constantFrom('*/*', '~/*', './*', '*/*.svc.cluster.local'),
    fc.constantFrom(...namespaces).map((ns) => `${ns}/*`),
    fc.constantFrom(...namespaces).map((ns) => `${ns}/*.${ns}.svc.cluster.local`),
    fc.constantFrom(...namespaces).map((ns) => `./helloworld.${ns}.svc.cluster.local`),
    // Every other way a host can name (or miss) a namespace's Service; the test pods' Go body resolves them by name.
    fc.constantFrom('*/*.cluster.local', '*/*.local', 'istio-system/*', '*/*.example.com'),
    fc.constantFrom(...namespaces).map((ns) => `*/helloworld.${ns}.svc.cluster.local`),
    fc.constantFrom(...namespaces).map((ns) => `*/*.${ns}.svc.cluster.local`),
    fc.constantFrom(...namespaces).map((ns) => `${ns}/helloworld.${ns}.svc.cluster.local`),
    fc.constantFrom(...namespaces).map((ns) => `${ns}/*.svc.cluster.local`),
    fc.tuple(fc.constantFrom(...namespaces), fc.constantFrom(...namespaces)).map(([a, b]) => `${a}/*.${b}.svc.cluster.local`),
  );

const labelValue = fc.oneof(fc.constantFrom('', 'enabled', 'on', '0777', 'true', 'a.b_c-d'), fc.stringMatching(/^[A-Za-z0-9]{1,10}$/));
const labels = fc.dictionary(
  fc.oneof(fc.constantFrom('istio-injection', 'team', 'example.com/owner', 'on', 'y'), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/)),
  labelValue,
  { maxKeys: 4 },
);

const quantity = fc.constantFrom('100m', '0.5', '1', '64Mi', '1G', '2');
const resourceMap = fc.dictionary(fc.constantFrom('cpu', 'memory', 'ephemeral-storage'), quantity, { maxKeys: 3 });

function sidecar(namespaces: string[], entries: ServiceEntryValues[]) {
  return fc.record(
    {
      outboundTrafficPolicy: fc.constantFrom('REGISTRY_ONLY' as const, 'ALLOW_ANY' as const),
      egress: fc.uniqueArray(
        fc.record({
          port,
          protocol: fc.constantFrom<EgressProtocol>('HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'MONGO'),
          name: fc.oneof(fc.constantFrom('egress-http', 'on', 'no'), fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/)),
          hosts: fc.array(hostFor(namespaces, entries), { minLength: 1, maxLength: 12 }),
        }),
        { maxLength: 12, selector: (listener) => listener.port }, // Istio rejects two listeners on one port
      ),
    },
    { requiredKeys: ['egress'] },
  );
}

/** Valid values: 1–20 uniquely named namespaces, every protocol and mode, YAML-trap names, edge ports. */
export const arbitraryValues: fc.Arbitrary<Values> = fc
  .uniqueArray(dnsLabel, { minLength: 1, maxLength: 20 })
  .chain((names) =>
    fc.tuple(fc.constant(names), fc.uniqueArray(serviceEntry(names), { maxLength: 4, selector: (se) => `${se.namespace}/${se.name}` })),
  )
  .chain(([names, entries]) =>
    fc.record<Values>(
      {
        app: fc.record({
          name: fc.oneof(fc.constantFrom('helloworld', 'on', 'no', 'y'), fc.stringMatching(/^[a-z]([-a-z0-9]{0,15}[a-z0-9])?$/)),
          image: fc.record({
            repository: fc.constantFrom('nginx', 'registry.example.com/team/nginx', 'localhost:5000/on'),
            tag: fc.constantFrom('', '1.27', 'on', '0777'),
            pullPolicy: fc.constantFrom('Always' as const, 'IfNotPresent' as const, 'Never' as const),
          }),
          containerPort: port,
          replicas: fc.integer({ min: 0, max: 1000 }),
          resources: fc.record({ requests: resourceMap, limits: resourceMap }, { requiredKeys: [] }),
        }),
        service: fc.record({
          ports: fc
            .uniqueArray(fc.record({ name: dnsLabel, port, targetPort: port }), {
              minLength: 1,
              maxLength: 5,
              selector: (p) => p.name,
            })
            .chain((ports) =>
              fc.tuple(...ports.map((p) => fc.option(fc.constantFrom('http' as const, 'tcp' as const, 'grpc' as const), { nil: undefined }).map((appProtocol) => (appProtocol ? { ...p, appProtocol } : p)))),
            )
            .map((ports) => ports.filter((p, i) => ports.findIndex((q) => q.port === p.port) === i)),
        }),
        namespaces: fc.tuple(
          ...names.map((name) =>
            fc.record(
              { name: fc.constant(name), create: fc.boolean(), labels, sidecar: sidecar(names, entries) },
              { requiredKeys: ['name', 'create'] },
            ),
          ),
        ),
        serviceEntries: fc.constant(entries),
        istio: fc.record({
          sidecarApiVersion: fc.constantFrom(
            'networking.istio.io/v1alpha3' as const,
            'networking.istio.io/v1beta1' as const,
            'networking.istio.io/v1' as const,
          ),
          meshOutboundTrafficPolicy: fc.constantFrom('REGISTRY_ONLY' as const, 'ALLOW_ANY' as const),
        }),
        tests: fc.record({ enabled: fc.constant(true), externalHosts: fc.boolean(), image: fc.constantFrom('curlimages/curl:8.11.1', 'registry.example.com/curl') }),
      },
      { requiredKeys: ['app', 'service', 'namespaces', 'serviceEntries', 'istio', 'tests'] },
    ),
  );

/** A Sidecar that has listeners, with the place a duplicate-port listener goes. */
interface DuplicatePort {
  values: Values;
  /** The namespace whose Sidecar gets the duplicate. */
  namespace: number;
  /** The listener whose port is repeated. */
  first: number;
  /** The index of the added listener (the last of that Sidecar). */
  duplicate: number;
}

/**
 * Valid values plus one egress listener that repeats the port of an earlier
 * listener of the same Sidecar: an error validate-values must report at the
 * added listener's port.
 */
export const arbitraryDuplicatePort: fc.Arbitrary<DuplicatePort> = arbitraryValues
  .filter((v) => v.namespaces.some((n) => (n.sidecar?.egress.length ?? 0) > 0))
  .chain((v) => {
    const withListeners = v.namespaces.flatMap((n, i) => ((n.sidecar?.egress.length ?? 0) > 0 ? [i] : []));
    return fc.record({
      namespace: fc.constantFrom(...withListeners),
      pick: fc.nat(),
      protocol: fc.constantFrom<EgressProtocol>('HTTP', 'TCP', 'TLS'),
      hosts: fc.constantFrom<string[]>(['*/*'], ['~/*'], ['./*']),
    }).map(({ namespace, pick, protocol, hosts }) => {
      const sidecar = v.namespaces[namespace].sidecar!;
      const first = pick % sidecar.egress.length;
      const duplicate = { port: sidecar.egress[first].port, protocol, name: 'duplicate', hosts };
      const namespaces = v.namespaces.map((n, i): Values['namespaces'][number] =>
        i === namespace ? { ...n, sidecar: { ...sidecar, egress: [...sidecar.egress, duplicate] } } : n,
      );
      return { values: { ...v, namespaces }, namespace, first, duplicate: sidecar.egress.length };
    });
  });
