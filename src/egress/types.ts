/**
 * Public types of the egress analyzer. The result types mirror exactly the
 * JSON printed by `npm run egress -- --json`.
 */

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/**
 * What a `curl -sI http://<svc>.<ns>.svc.cluster.local:<port>/` from the
 * workload ends with:
 * - `ok`: routed to the Service's own outbound cluster (HTTP 200 from the app);
 * - `block_all_502`: the HTTP listener's catch-all virtual host answers 502;
 * - `blackhole_reset`: the connection goes to BlackHoleCluster and is reset (curl exit 56);
 * - `passthrough_ok`: ALLOW_ANY sends it through PassthroughCluster (HTTP 200, unmanaged);
 * - `no_route_404`: extension for one edge case (research note §12.4): a sniffed VIP listener
 *   whose route `<fqdn>:<port>` has no virtual host (Envoy answers 404 NR);
 * - `unknown`: the outcome depends on what the model does not cover (VirtualService,
 *   DestinationRule TLS origination, egress gateways, DNS proxying); `via` says
 *   `unknown (needs X)`. Only probes to external (ServiceEntry) hosts get it.
 */
export type ProbeOutcome = 'ok' | 'block_all_502' | 'blackhole_reset' | 'passthrough_ok' | 'no_route_404' | 'unknown';

export type ClusterDirection = 'outbound' | 'inbound' | '';

export type ClusterType = 'EDS' | 'STATIC' | 'ORIGINAL_DST' | 'STRICT_DNS' | 'LOGICAL_DNS';

/** One row of `istioctl proxy-config clusters` (no subsets, no DestinationRules in this model). */
export interface ClusterEntry {
  fqdn: string;
  port: number | null;
  direction: ClusterDirection;
  type: ClusterType;
}

export interface WorkloadReport {
  /** `<namespace>/<name>` of the Deployment/StatefulSet/DaemonSet/ReplicaSet/Pod. */
  workload: string;
  /** `<namespace>/<name>` of the applying Sidecar, or null for the implicit default. */
  sidecar: string | null;
  mode: OutboundMode;
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
}

/** Plain Kubernetes manifest object, as parsed from YAML. */
export type Manifest = Record<string, unknown>;

export const DEFAULT_ISTIO_VERSION = '1.24';
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';
export const DEFAULT_MESH_MODE: OutboundMode = 'ALLOW_ANY';
export const CLUSTER_DOMAIN = 'cluster.local';
