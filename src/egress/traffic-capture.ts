/**
 * Pod annotations that change which outbound connections the sidecar captures, or how names
 * resolve, so the Sidecar's listeners no longer decide every probe (istio/istio 1.27.0: the
 * `traffic.sidecar.istio.io/*` and `sidecar.istio.io/interceptionMode` annotations the injector
 * passes to istio-iptables, `pkg/kube/inject/inject.go`, `tools/istio-iptables`; DNS capture by the
 * agent's `ISTIO_META_DNS_CAPTURE` / `ISTIO_META_DNS_AUTO_ALLOCATE` proxy metadata, which
 * `proxy.istio.io/config` can set). Such a client's probes are `unknown (needs traffic capture)`.
 * The mesh-wide equivalents (`values.global.proxy.includeIPRanges`, mesh `defaultConfig`) are not
 * in the input: Istio's defaults (capture everything, no DNS capture) are assumed.
 */
const CAPTURE_ANNOTATIONS = [
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  'traffic.sidecar.istio.io/includeOutboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
  'traffic.sidecar.istio.io/excludeInterfaces',
  'sidecar.istio.io/interceptionMode',
];

/**
 * Why the pod's own annotations or security context make its probes undecidable, or null. A
 * container running as the proxy's UID 1337 is not redirected: istio-iptables returns the proxy
 * UID's packets (`tools/istio-iptables/pkg/capture/run.go`, `-m owner --uid-owner`; 1337 is
 * `DefaultProxyUID`, `tools/istio-iptables/pkg/constants/constants.go`).
 */
export function captureOverride(annotations: Readonly<Record<string, string>>, runsAsProxyUid = false): string | null {
  if (runsAsProxyUid) return "a container runs as UID 1337, the proxy's: iptables does not redirect its connections to the sidecar";
  const set = CAPTURE_ANNOTATIONS.filter((a) => annotations[a] !== undefined);
  if (set.length > 0) return `annotation ${set.join(', ')} changes which connections the sidecar captures`;
  const config = annotations['proxy.istio.io/config'] ?? '';
  if (/ISTIO_META_DNS_(CAPTURE|AUTO_ALLOCATE)/.test(config)) return 'proxy.istio.io/config turns on DNS proxying, which is not modelled';
  return null;
}
