import { analyzeEgress } from '../../src/egress';
import { listenerClass, parseProtocol, servicePortProtocol } from '../../src/egress/protocol';
import { backed, deployment, probeOf, service, sidecar, type PortSpec } from './builders';

describe('Service port protocol', () => {
  it('reads the name prefix before the first dash', () => {
    expect(servicePortProtocol(8080, 'http-a', 'TCP', undefined)).toBe('HTTP');
  });

  it('reads a bare protocol name', () => {
    expect(servicePortProtocol(9000, 'tcp', undefined, undefined)).toBe('TCP');
  });

  it('reads the grpc-web prefix before splitting on the dash', () => {
    expect(servicePortProtocol(80, 'grpc-web-ui', undefined, undefined)).toBe('GRPC-Web');
  });

  it('prefers appProtocol over the port name', () => {
    expect(servicePortProtocol(80, 'http-web', undefined, 'tcp')).toBe('TCP');
  });

  it('maps the Kubernetes appProtocol kubernetes.io/h2c to HTTP2', () => {
    expect(servicePortProtocol(80, 'web', undefined, 'kubernetes.io/h2c')).toBe('HTTP2');
  });

  it('leaves an unknown name unsupported so it is sniffed', () => {
    expect(servicePortProtocol(8080, 'web', undefined, undefined)).toBe('Unsupported');
  });

  it('does not read httpfoo as HTTP', () => {
    expect(servicePortProtocol(8080, 'httpfoo', undefined, undefined)).toBe('Unsupported');
  });

  it('defaults an unnamed well-known port such as 3306 to TCP', () => {
    expect(servicePortProtocol(3306, '', undefined, undefined)).toBe('TCP');
  });

  it('marks UDP ports so they get no listener', () => {
    expect(listenerClass(servicePortProtocol(53, 'dns', 'UDP', undefined))).toBe('skip');
  });

  it('parses protocol names case-insensitively', () => {
    expect(parseProtocol('Http2')).toBe('HTTP2');
  });

  it.each([
    ['GRPC', 'http'],
    ['HTTPS', 'tcp'],
    ['TLS', 'tcp'],
    ['Mongo', 'tcp'],
    ['Unsupported', 'auto'],
  ] as const)('builds a %s port as a %s listener', (p, cls) => {
    expect(listenerClass(p)).toBe(cls);
  });
});

// Probe from c/client (catch-all hosts ["*/*"], REGISTRY_ONLY) to a Service `s.x` with one port.
function viaCatchAll(port: PortSpec) {
  const ms = [deployment('client', 'c'), service('s', 'x', [port]), sidecar('sc', 'c', { egress: [{ hosts: ['*/*'] }], mode: 'REGISTRY_ONLY' })];
  return probeOf(analyzeEgress(backed(ms)), 'c/client', `s.x.svc.cluster.local:${port.port}`);
}

describe('protocol through the catch-all listener', () => {
  it('routes an http- port through the shared 0.0.0.0 HTTP listener', () => {
    expect(viaCatchAll({ name: 'http-web', port: 8080 }).reason).toMatch(/^HTTP listener 0\.0\.0\.0:8080/);
  });

  it('binds a tcp- port to the Service VIP', () => {
    expect(viaCatchAll({ name: 'tcp-db', port: 5432 }).reason).toMatch(/^TCP listener on the Service VIP:5432/);
  });

  it('sniffs a port with an unknown name on the Service VIP', () => {
    expect(viaCatchAll({ name: 'web', port: 8080 }).reason).toMatch(/^sniffed listener on the Service VIP:8080/);
  });

  it('uses appProtocol http to build an HTTP listener for a port named like TCP', () => {
    expect(viaCatchAll({ name: 'tcp-x', port: 8080, appProtocol: 'http' }).reason).toMatch(/^HTTP listener/);
  });

  it('treats a grpc- port as HTTP', () => {
    expect(viaCatchAll({ name: 'grpc-api', port: 9090 }).reason).toMatch(/^HTTP listener 0\.0\.0\.0:9090/);
  });

  it('does not probe UDP Service ports', () => {
    const ms = [deployment('client', 'c'), service('dns', 'x', [{ name: 'dns', port: 53, protocol: 'UDP' }])];
    expect(analyzeEgress(backed(ms)).probes).toEqual([]);
  });
});
