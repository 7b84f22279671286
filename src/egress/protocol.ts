/**
 * Protocol selection (research note §3.2): Istio's `protocol.Parse`, Kubernetes port
 * conversion (`ConvertProtocol`: appProtocol, name prefix, well-known ports) and the
 * listener class a protocol produces (`ModelProtocolToListenerProtocol`).
 */

export type IstioProtocol =
  | 'HTTP'
  | 'HTTP2'
  | 'GRPC'
  | 'GRPC-Web'
  | 'HTTP_PROXY'
  | 'HTTPS'
  | 'TLS'
  | 'TCP'
  | 'Mongo'
  | 'Redis'
  | 'MySQL'
  | 'UDP'
  | 'Unsupported';

/** http: shared `0.0.0.0:<port>` listener; tcp/auto: one listener per Service VIP; skip: no listener (UDP). */
export type ListenerClass = 'http' | 'tcp' | 'auto' | 'skip';

const BY_NAME: Record<string, IstioProtocol> = {
  http: 'HTTP',
  http2: 'HTTP2',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http_proxy: 'HTTP_PROXY',
  https: 'HTTPS',
  tls: 'TLS',
  tcp: 'TCP',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
  udp: 'UDP',
};

/** Ports that default to TCP when the name says nothing (SMTP, DNS, MySQL, MongoDB). */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

/** `protocol.Parse`: case-insensitive, unknown → Unsupported. */
export function parseProtocol(name: string | undefined): IstioProtocol {
  if (!name) return 'Unsupported';
  return BY_NAME[name.toLowerCase()] ?? 'Unsupported';
}

/** Protocol of a Kubernetes Service port, as pilot's `ConvertProtocol` derives it. */
export function servicePortProtocol(
  port: number,
  portName: string | undefined,
  k8sProtocol: string | undefined,
  appProtocol: string | undefined,
): IstioProtocol {
  if ((k8sProtocol ?? 'TCP').toUpperCase() === 'UDP') return 'UDP';
  let name = portName ?? '';
  if (appProtocol !== undefined && appProtocol !== '') {
    name = appProtocol;
    if (name === 'kubernetes.io/h2c') return 'HTTP2';
    if (name === 'kubernetes.io/ws') return 'HTTP';
    if (name === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (name.toLowerCase().startsWith('grpc-web')) return 'GRPC-Web';
  const dash = name.indexOf('-');
  const parsed = parseProtocol(dash >= 0 ? name.slice(0, dash) : name);
  if (parsed === 'Unsupported' && WELL_KNOWN_TCP_PORTS.has(port)) return 'TCP';
  return parsed;
}

export function listenerClass(p: IstioProtocol): ListenerClass {
  switch (p) {
    case 'HTTP':
    case 'HTTP2':
    case 'GRPC':
    case 'GRPC-Web':
    case 'HTTP_PROXY':
      return 'http';
    case 'HTTPS':
    case 'TLS':
    case 'TCP':
    case 'Mongo':
    case 'Redis':
    case 'MySQL':
      return 'tcp';
    case 'UDP':
      return 'skip';
    case 'Unsupported':
      return 'auto';
  }
}
