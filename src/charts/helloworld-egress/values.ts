/**
 * The values of the helloworld-egress chart: the one typed source of the
 * chart's values contract. `values.schema.json`, the comments in
 * `values.yaml` and the chart README's values table are all generated from
 * these types and their doc comments (`helmts build`, `npm run build-chart`).
 */

/**
 * A TCP/UDP port number.
 * @asType integer
 * @minimum 1
 * @maximum 65535
 */
export type PortNumber = number;

/**
 * An RFC 1123 DNS label, as Kubernetes requires for namespace names: lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters.
 * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
 * @maxLength 63
 */
export type DnsLabel = string;

// Host patterns: `*.L(.L)*|L(.L)+` is written `(*|L)(.L)+`, the same strings with the 63-character label L
// spelled twice instead of four times. Each `{0,61}` unrolls into ~120 regexp instructions; under 500 Go's
// regexp backtracks (fast), over it simulates an NFA: at 1,000 namespaces (30,000 hosts) the longer spelling
// made Helm's schema check ~5× slower (issue 24, bench/NOTES-issue-24.md).
/**
 * An Istio Sidecar egress host, `<namespace>/<dnsName>`. The namespace part is `.` (the Sidecar's own namespace), `*` (any namespace), `~` (no namespace) or a namespace name; the dnsName is `*`, `*.<suffix>` or a fully qualified name with at least one dot (Istio rejects short names such as `foo/helloworld`).
 * @pattern ^(\*|\.|~|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)/(\*|(\*|[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)+)$
 * @maxLength 317
 */
export type EgressHost = string;

/**
 * Kubernetes labels: keys are an optional DNS-subdomain prefix and `/` followed by a name of at most 63 alphanumerics, `-`, `_` or `.`; values are empty or at most 63 such characters starting and ending with an alphanumeric.
 * @propertyNames {"pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){0,}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", "maxLength": 317}
 */
export type Labels = { [key: string]: LabelValue };

/**
 * A Kubernetes label value.
 * @pattern ^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$
 * @maxLength 63
 */
export type LabelValue = string;

/** Where to pull the application image from. */
export interface Image {
  /**
   * Image repository, without tag.
   * @minLength 1
   * @pattern ^[^\s:@]+(:[0-9]+)?(/[^\s:@]+)*$
   * @examples ["nginx", "registry.example.com/team/nginx"]
   */
  repository: string;
  /**
   * Image tag; empty renders the repository alone (`image: nginx`), so the runtime uses `latest`.
   * @pattern ^([\w][\w.-]{0,127})?$
   * @examples ["", "1.27"]
   */
  tag: string;
  /** Kubernetes image pull policy. */
  pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

/** Compute resources of the application container, as in a Kubernetes container spec. */
export interface Resources {
  /**
   * Minimum resources the scheduler reserves, e.g. `{cpu: 100m, memory: 64Mi}`.
   * @propertyNames {"pattern": "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?(/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$"}
   */
  requests?: { [resource: string]: Quantity };
  /**
   * Maximum resources the container may use.
   * @propertyNames {"pattern": "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?(/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$"}
   */
  limits?: { [resource: string]: Quantity };
}

/**
 * A Kubernetes resource quantity such as `100m`, `0.5`, `64Mi` or `1G`.
 * @pattern ^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[mkMGTPE])?$
 */
export type Quantity = string;

/** The application: one nginx-like Deployment per namespace, behind the Service. */
export interface App {
  /**
   * Application name: the Service name, the Deployment name prefix (`<name>-<namespace>`), the container name, the `app` label and every selector.
   * @pattern ^[a-z]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 40
   */
  name: string;
  /** Container image. */
  image: Image;
  /** Port the container listens on. */
  containerPort: PortNumber;
  /**
   * Pods per Deployment.
   * @asType integer
   * @minimum 0
   * @maximum 1000
   */
  replicas: number;
  /** Container resource requests and limits. */
  resources: Resources;
}

/** One port of the Service. */
export interface ServicePort {
  /**
   * Port name (RFC 1123 label), unique within the Service; Istio reads an `http-`, `grpc-` or `tcp-` prefix as the protocol.
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 63
   */
  name: string;
  /** Port the Service exposes. */
  port: PortNumber;
  /** Container port the Service forwards to (usually `app.containerPort`). */
  targetPort: PortNumber;
  /** Application protocol hint for Istio (e.g. `http`, `tcp`); omitted when unset. */
  appProtocol?: 'http' | 'http2' | 'https' | 'grpc' | 'tcp' | 'tls' | 'mongo';
}

/** The Service rendered in every namespace. */
export interface Service {
  /**
   * Service ports.
   * @minItems 1
   */
  ports: ServicePort[];
}

// Same spelling as EgressHost's dnsName (see the note there).
/**
 * An external host name: a fully qualified name with at least one dot (`api.github.com`) or a `*.` wildcard (`*.wikipedia.org`); Istio rejects `*` alone and short names.
 * @pattern ^(\*|[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)+$
 * @maxLength 253
 */
export type ExternalHost = string;

/** Istio protocol of a ServiceEntry port: `HTTP` is routed by the Host header, `HTTPS`/`TLS` are matched by SNI and proxied as TCP, `TCP` binds the whole port when the entry has no addresses. */
export type ExternalProtocol = 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TLS' | 'TCP' | 'MONGO';

/** One port of a ServiceEntry. */
export interface ServiceEntryPort {
  /** Port number clients connect to (e.g. `443`). */
  number: PortNumber;
  /** Protocol of the port; required here (Istio would sniff an unset one, which the egress analysis cannot predict). */
  protocol: ExternalProtocol;
  /**
   * Port name, unique within the entry.
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 63
   */
  name: string;
  /** Port on the endpoints, when it differs from `number`. */
  targetPort?: PortNumber;
}

/** One endpoint of a `STATIC` (or `DNS`) ServiceEntry. */
export interface ServiceEntryEndpoint {
  /**
   * IP address or DNS name of the endpoint.
   * @minLength 1
   * @examples ["203.0.113.10"]
   */
  address: string;
  /**
   * Endpoint port per ServiceEntry port name, when it differs from the port number.
   * @propertyNames {"pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}
   */
  ports?: { [portName: string]: PortNumber };
}

/**
 * An external destination, rendered as an Istio ServiceEntry `<name>` in `<namespace>`. A Sidecar egress host `<namespace>/<host>` (or `<namespace>/*`) imports it; under `REGISTRY_ONLY` that is what allows a workload to reach it.
 * @schemaAllOf [{"if": {"properties": {"resolution": {"enum": ["DNS", "DNS_ROUND_ROBIN"]}}, "required": ["resolution"]}, "then": {"$comment": "Istio rejects a wildcard host with resolution DNS or DNS_ROUND_ROBIN: use resolution NONE for a wildcard, or list exact hosts", "properties": {"hosts": {"items": {"pattern": "^[^*]"}}}}}, {"if": {"properties": {"resolution": {"const": "STATIC"}}, "required": ["resolution"]}, "then": {"$comment": "a STATIC ServiceEntry needs addresses or endpoints (without them it routes nowhere)", "anyOf": [{"required": ["addresses"]}, {"required": ["endpoints"]}]}}]
 */
export interface ServiceEntryValues {
  /**
   * ServiceEntry name (RFC 1123 label).
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 63
   */
  name: string;
  /** Namespace the ServiceEntry lives in; Sidecar hosts name it (`<namespace>/<host>`). It need not be one of `namespaces` (e.g. a shared `egress` namespace that already exists). */
  namespace: DnsLabel;
  /**
   * Hosts: exact names or `*.` wildcards. A wildcard needs `resolution: NONE` (or `STATIC`): Istio rejects `DNS` with a wildcard host.
   * @minItems 1
   * @examples [["api.github.com"], ["*.wikipedia.org"]]
   */
  hosts: ExternalHost[];
  /**
   * Ports of the hosts.
   * @minItems 1
   */
  ports: ServiceEntryPort[];
  /** How the sidecar finds the endpoints: `DNS` (resolve the host), `DNS_ROUND_ROBIN`, `STATIC` (the `addresses`/`endpoints` listed here) or `NONE` (the address the client connected to); omitted means Istio's default `NONE`. */
  resolution?: 'DNS' | 'DNS_ROUND_ROBIN' | 'STATIC' | 'NONE';
  /** `MESH_EXTERNAL` (outside the mesh: no mTLS) or `MESH_INTERNAL`; omitted means Istio's default `MESH_EXTERNAL`. */
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  /**
   * Virtual IPs or CIDRs of the hosts. Without addresses an HTTPS/TLS port is matched by SNI and a TCP port takes every connection on its port number.
   * @examples [["203.0.113.0/24"]]
   */
  addresses?: string[];
  /** Endpoints (for `STATIC`; a `STATIC` entry needs `addresses` or `endpoints`). */
  endpoints?: ServiceEntryEndpoint[];
  /**
   * Namespaces that see the entry: `*` (all, the default), `.` (its own), or names.
   * @examples [["."], ["default", "foo"]]
   */
  exportTo?: string[];
}

/** Istio protocol of a Sidecar egress listener. */
export type EgressProtocol = 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS' | 'MONGO';

/** One Sidecar egress listener: a port and the hosts the workload may reach through it. */
export interface EgressListener {
  /** Listener port; only Services exposing this port are imported through it. */
  port: PortNumber;
  /** Listener protocol; `HTTP` routes by the Host header, `TCP` binds to each Service IP. */
  protocol: EgressProtocol;
  /**
   * Listener name.
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 63
   */
  name: string;
  /**
   * Hosts reachable through this listener, as `<namespace>/<dnsName>`: `./*` (the Sidecar's namespace), `foo/*` (namespace foo), `foo/*.example.com`, `~/*` (nothing); a `*` namespace means every namespace. External hosts are imported from the ServiceEntry's namespace: `egress/api.github.com`.
   * @examples [["./*", "default/*"], ["foo/*"]]
   * @minItems 1
   */
  hosts: EgressHost[];
}

/** Istio outbound traffic policy: `REGISTRY_ONLY` blocks destinations not imported by the Sidecar; `ALLOW_ANY` passes them through. */
export type OutboundTrafficPolicyMode = 'REGISTRY_ONLY' | 'ALLOW_ANY';

/** The Istio Sidecar of one namespace; it selects the application pods (`app: <app.name>`). */
export interface SidecarValues {
  /** Outbound traffic policy of the selected pods; omit to use the mesh default (Istio's default is `ALLOW_ANY`). */
  outboundTrafficPolicy?: OutboundTrafficPolicyMode;
  /** Egress listeners; an empty list makes Istio fall back to importing every Service of every namespace, so list `~/*` as the only host to deny all. */
  egress: EgressListener[];
}

/** One namespace of the system. */
export interface NamespaceValues {
  /** Namespace name (RFC 1123 label); names the Deployment `<app.name>-<name>` and the Sidecar `<app.name>-sidecar-<name>`. */
  name: DnsLabel;
  /** Render a Namespace object for it; leave `false` for namespaces that already exist (such as `default`). */
  create: boolean;
  /** Labels of the created Namespace (e.g. `istio-injection: enabled`); used only when `create` is true. */
  labels?: Labels;
  /** The namespace's Istio Sidecar; omit to render none. */
  sidecar?: SidecarValues;
}

/** Istio settings. */
export interface IstioValues {
  /** API version of the rendered Sidecar and ServiceEntry objects. */
  sidecarApiVersion: 'networking.istio.io/v1alpha3' | 'networking.istio.io/v1beta1' | 'networking.istio.io/v1';
  /** The mesh-wide outbound policy (`meshConfig.outboundTrafficPolicy.mode`) of the cluster, used where a Sidecar sets none; only the `helm test` expectations and NOTES read it. */
  meshOutboundTrafficPolicy: OutboundTrafficPolicyMode;
}

/** The `helm test` pods that check, on a real cluster, the egress outcomes the chart predicts. */
export interface TestsValues {
  /** Render one test pod per namespace that has a Sidecar; per Service port it curls the first 2 namespaces the Sidecar imports and the first 2 it does not, and expects the predicted outcome. */
  enabled: boolean;
  /**
   * Also check external hosts (needs internet access from the cluster, hence off by default): in each namespace whose Sidecar imports a ServiceEntry host, curl the first exact imported host whose outcome a curl can observe (`HTTP` port: `http-200`; `HTTPS`/`TLS` port: a completed TLS handshake) and the first host it does not import (a declared one, else `example.com:443`), expecting the predicted outcome (`http-502`, curl exit 35 or 56, or passthrough under `ALLOW_ANY`). The hosts must resolve in the cluster's DNS.
   */
  externalHosts: boolean;
  /**
   * Image of the test pods; it needs `sh` and `curl`.
   * @pattern ^[^\s]+$
   * @examples ["curlimages/curl:8.11.1"]
   */
  image: string;
}

/** Values of the helloworld-egress chart. */
export interface Values {
  /** The application deployed in every namespace. */
  app: App;
  /** The Service deployed in every namespace. */
  service: Service;
  /**
   * Namespaces: each gets the Service, a Deployment and, when `sidecar` is set, a Sidecar. Names must be unique.
   * @minItems 1
   */
  namespaces: NamespaceValues[];
  /** External destinations (Istio ServiceEntries) that Sidecar egress hosts can import; empty renders none. Each namespace/name must be unique. */
  serviceEntries: ServiceEntryValues[];
  /** Istio settings. */
  istio: IstioValues;
  /** `helm test` pods. */
  tests: TestsValues;
  /** Values shared with parent and sibling charts; this chart reads none of them. */
  global?: { [key: string]: unknown };
}
