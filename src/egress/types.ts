/**
 * Public types of the egress analyzer. The result types mirror exactly the
 * JSON printed by `npm run egress -- --json`.
 */

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/**
 * What a `curl -sI http://<svc>.<ns>.svc.cluster.local:<port>/` from the
 * workload ends with:
 * - `ok`: routed to the destination's own outbound cluster (HTTP 200 from the app);
 * - `block_all_502`: the HTTP listener's catch-all virtual host answers 502;
 * - `blackhole_reset`: the connection goes to BlackHoleCluster and is reset (curl exit 56; 35 for TLS);
 * - `passthrough_ok`: ALLOW_ANY sends it through PassthroughCluster (HTTP 200, unmanaged);
 * - `no_route_404`: a route table without a matching route (Envoy answers 404 NR): a sniffed VIP
 *   listener whose route has no virtual host (research note §12.4), or a VirtualService whose
 *   HTTP routes all have matches the request does not meet;
 * - `direct_ok`: the client has no sidecar: plain Kubernetes networking reaches the destination;
 * - `mtls_reset`: a plaintext client (no sidecar) reaches a sidecar whose PeerAuthentication is
 *   STRICT on that port: the connection is reset (curl exit 56);
 * - `route_response`: a VirtualService route answers itself (redirect, fault abort, direct
 *   response); `status` is the HTTP status;
 * - `unknown`: the outcome depends on what the model does not cover; `via` says `unknown (needs X)`.
 */
export type ProbeOutcome =
  | 'ok'
  | 'block_all_502'
  | 'blackhole_reset'
  | 'passthrough_ok'
  | 'no_route_404'
  | 'direct_ok'
  | 'mtls_reset'
  | 'route_response'
  | 'unknown';

export type ClusterDirection = 'outbound' | 'inbound' | '';

export type ClusterType = 'EDS' | 'STATIC' | 'ORIGINAL_DST' | 'STRICT_DNS' | 'LOGICAL_DNS';

/** One row of `istioctl proxy-config clusters`. */
export interface ClusterEntry {
  fqdn: string;
  port: number | null;
  direction: ClusterDirection;
  type: ClusterType;
  /** DestinationRule subset (`outbound|<port>|<subset>|<fqdn>`); absent for the service-wide cluster. */
  subset?: string;
  /** `<name>.<namespace>` of the DestinationRule that applies to the host, as istioctl shows it. */
  destinationRule?: string;
}

export interface WorkloadReport {
  /** `<namespace>/<name>` of the Deployment/StatefulSet/DaemonSet/ReplicaSet/Pod. */
  workload: string;
  /** `<namespace>/<name>` of the applying Sidecar, or null for the implicit default. */
  sidecar: string | null;
  mode: OutboundMode;
  /** Whether the pod has a sidecar (Istio's injection rules), runs a gateway proxy, has none, or cannot be told from the input. */
  proxy: 'sidecar' | 'none' | 'gateway' | 'unknown';
  /** Why, in one line (the label or annotation that decided). */
  proxyReason: string;
  /** The client's Envoy clusters; empty when it has no sidecar. */
  clusters: ClusterEntry[];
}

export interface Probe {
  /** `<namespace>/<workload name>` */
  from: string;
  /** `<svc>.<ns>.svc.cluster.local:<port>`, or `<host>:<port>` for an external (ServiceEntry) host. */
  to: string;
  outcome: ProbeOutcome;
  /** Envoy cluster or route that handles the request: `outbound|80||fqdn`, `block_all`, `BlackHoleCluster`, `PassthroughCluster`. */
  via: string;
  /** One readable line. */
  reason: string;
  /** Present (true) when the probe is a TLS handshake (`curl https://`): an external host's HTTPS/TLS port. A reset then makes curl exit 35, not 56. */
  tls?: true;
  /**
   * The client sidecar's cluster for this request, as its access log names it:
   * `outbound|<port>|<subset>|<host>`, `PassthroughCluster` or `BlackHoleCluster`; absent when
   * no cluster serves it (no sidecar, a route's own answer, `block_all`, unknown).
   */
  cluster?: string;
  /** Through an egress gateway: the gateway's cluster for the request (`outbound|443||www.wikipedia.org`). */
  gatewayCluster?: string;
  /** The route's timeout (`3s`): an answer slower than that is a 504 from the client sidecar. */
  timeout?: string;
  /** `route_response`: the HTTP status the route answers with. */
  status?: number;
  /** Whether the connection to the destination uses Istio mutual TLS (sidecar to sidecar). */
  mtls?: boolean;
}

export interface EgressResult {
  workloads: WorkloadReport[];
  probes: Probe[];
}

export interface EgressOptions {
  /** Mesh-wide `outboundTrafficPolicy.mode`, used when the applying Sidecar sets none. Default ALLOW_ANY. */
  meshMode?: OutboundMode;
  /** `meshConfig.rootNamespace`. Default `istio-system`. */
  rootNamespace?: string;
  /** Istio minor version such as `1.17` or `1.24.3`. Default {@link DEFAULT_ISTIO_VERSION}. */
  istioVersion?: string;
  /**
   * Extra external probes, `<host>:<port>`, e.g. `en.wikipedia.org:443` for a wildcard
   * ServiceEntry (every exact ServiceEntry host × port is probed anyway).
   */
  externalProbes?: readonly string[];
  /**
   * Extra requests to probe, beyond every Service port and ServiceEntry host: a URL
   * (`https://api.example.com:8443/v1`, `http://10.0.0.7:3128/`), optionally with `connectTo`,
   * a Service FQDN the connection goes to instead (curl's `--resolve`).
   */
  requests?: readonly ProbeRequest[];
  /** Host names (or `*.suffix` patterns) asserted to resolve in the cluster's DNS, beyond those the input declares. */
  resolvableHosts?: readonly string[];
  /** Control-plane revisions installed besides `default` (for `istio.io/rev` labels). */
  revisions?: readonly string[];
  /** Kinds (`Kind` or `Kind.group`) declared not to affect traffic, so they do not make probes unknown. */
  ignoreKinds?: readonly string[];
  /** The namespace of namespaced objects without `metadata.namespace` (`kubectl apply -n`). Default `default`, with a warning. */
  defaultNamespace?: string;
  /**
   * Objects Istio's or Kubernetes' admission refuses (admission.ts): `leave-out` (default; they
   * would not exist) or `as-written` (analysed as given, with the warning: for a caller that reports
   * them itself, as the helloworld-egress chart's values validation does).
   */
  refused?: 'leave-out' | 'as-written';
  /**
   * Take the Services' ClusterIPs to lie outside every CIDR ServiceEntry range (by default a
   * Service whose ClusterIP the input does not give, on a port such an entry takes, is unknown).
   * For a caller whose own model makes that assumption: the helloworld-egress chart's Go twin.
   */
  ignoreCidrEntries?: boolean;
}

/** One extra request (see {@link EgressOptions.requests}). */
export interface ProbeRequest {
  url: string;
  /** The Service FQDN (or `name.namespace`) the connection goes to, while the URL names the Host / SNI. */
  connectTo?: string;
}

/** Plain Kubernetes manifest object, as parsed from YAML. */
export type Manifest = Record<string, unknown>;

export const DEFAULT_ISTIO_VERSION = '1.24';
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';
export const DEFAULT_MESH_MODE: OutboundMode = 'ALLOW_ANY';
export const CLUSTER_DOMAIN = 'cluster.local';
