import { semanticProblems } from '../../src/values/semantic-problems';

/** The parts of a problem a test asserts on. */
function summary(values: unknown) {
  return semanticProblems(values).map(({ path, severity, message }) => ({ path, severity, message }));
}

describe('semanticProblems', () => {
  it('reports a duplicate namespace name at namespaces[2].name', () => {
    const values = { namespaces: [{ name: 'default' }, { name: 'foo' }, { name: 'default' }] };
    expect(summary(values)).toEqual([
      { path: 'namespaces[2].name', severity: 'error', message: 'namespace "default" is listed twice (first at namespaces[0].name)' },
    ]);
  });

  it('reports a duplicate Service port number at service.ports[1].port', () => {
    const values = { service: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] } };
    expect(summary(values)).toEqual([
      { path: 'service.ports[1].port', severity: 'error', message: 'Service port 80 is already exposed by service.ports[0]' },
    ]);
  });

  it('reports a duplicate Service port name at service.ports[1].name', () => {
    const values = { service: { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] } };
    expect(summary(values)).toEqual([
      { path: 'service.ports[1].name', severity: 'error', message: 'Service port name "http" is already used by service.ports[0]' },
    ]);
  });

  it('reports a second egress listener on the same port of one Sidecar at its port', () => {
    const values = {
      service: { ports: [{ name: 'http', port: 80 }] },
      namespaces: [
        {
          name: 'default',
          sidecar: { egress: [{ port: 80, hosts: ['./*'] }, { port: 80, hosts: ['*/*'] }] },
        },
      ],
    };
    expect(summary(values)).toEqual([
      {
        path: 'namespaces[0].sidecar.egress[1].port',
        severity: 'error',
        message: 'egress listener port 80 is already used by egress[0] of this Sidecar',
      },
    ]);
  });

  it('accepts one port in the egress listeners of two different Sidecars', () => {
    const values = {
      service: { ports: [{ name: 'http', port: 80 }] },
      namespaces: [
        { name: 'a', sidecar: { egress: [{ port: 80, hosts: ['./*'] }] } },
        { name: 'b', sidecar: { egress: [{ port: 80, hosts: ['./*'] }] } },
      ],
    };
    expect(summary(values)).toEqual([]);
  });

  it('warns about an egress listener port that no Service port exposes', () => {
    const values = {
      service: { ports: [{ name: 'a', port: 8080 }, { name: 'b', port: 80 }] },
      namespaces: [{ name: 'default', sidecar: { egress: [{ port: 9090, hosts: ['./*'] }] } }],
    };
    expect(summary(values)).toEqual([
      {
        path: 'namespaces[0].sidecar.egress[0].port',
        severity: 'warning',
        message: 'egress listener port 9090 matches no Service port (service.ports: 8080, 80): this listener imports nothing',
      },
    ]);
  });

  it('does not warn about an unexposed listener port whose only host is ~/* (deny all)', () => {
    const values = {
      service: { ports: [{ name: 'a', port: 8080 }] },
      namespaces: [{ name: 'default', sidecar: { egress: [{ port: 9090, hosts: ['~/*'] }] } }],
    };
    expect(summary(values)).toEqual([]);
  });

  it('warns about a host whose namespace part names no namespace of the chart', () => {
    const values = {
      namespaces: [{ name: 'default', sidecar: { egress: [{ port: 80, hosts: ['./*', 'bar/*'] }] } }],
    };
    expect(summary(values)).toEqual([
      {
        path: 'namespaces[0].sidecar.egress[0].hosts[1]',
        severity: 'warning',
        message: 'host "bar/*" names namespace "bar", which is not one of the chart\'s namespaces (default)',
      },
    ]);
  });

  it('names the first five namespaces only when the chart has many (a message per host does not grow with the chart)', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `ns-${i}`);
    const values = { namespaces: names.map((name) => ({ name, sidecar: { egress: [{ port: 80, hosts: ['bar/*'] }] } })) };
    const messages = summary(values).map((p) => p.message);
    expect(messages).toHaveLength(1000);
    expect(messages[999]).toBe('host "bar/*" names namespace "bar", which is not one of the chart\'s namespaces (ns-0, ns-1, ns-2, ns-3, ns-4, … 1000 in all)');
  });

  it('accepts hosts in ".", "*", "~" and in any namespace of the chart', () => {
    const values = {
      namespaces: [
        { name: 'default', sidecar: { egress: [{ port: 80, hosts: ['./*', '*/*.example.com', '~/*', 'foo/*'] }] } },
        { name: 'foo' },
      ],
    };
    expect(summary(values)).toEqual([]);
  });

  it('warns about a targetPort that is not app.containerPort', () => {
    const values = { app: { containerPort: 80 }, service: { ports: [{ name: 'http', port: 8080, targetPort: 8080 }] } };
    expect(summary(values)).toEqual([
      {
        path: 'service.ports[0].targetPort',
        severity: 'warning',
        message: 'targetPort 8080 is not app.containerPort (80): the Service forwards to a port the container does not listen on',
      },
    ]);
  });

  it('warns about a Sidecar with an empty egress list, which Istio reads as */*', () => {
    const values = { namespaces: [{ name: 'foo', sidecar: { egress: [] } }] };
    expect(semanticProblems(values)).toEqual([
      {
        path: 'namespaces[0].sidecar.egress',
        segments: ['namespaces', 0, 'sidecar', 'egress'],
        severity: 'warning',
        message:
          'egress is empty: Istio then falls back to */* and imports every Service of every namespace, the opposite of a lockdown',
        hint: 'to deny all egress, list one listener with hosts: ["~/*"]; to allow all, say so with hosts: ["*/*"]',
        at: { segments: ['namespaces', 0, 'sidecar', 'egress'] },
      },
    ]);
  });

  it('finds nothing wrong with the seed values', () => {
    const values = {
      app: { name: 'helloworld', containerPort: 80 },
      service: { ports: [{ name: 'http-a', port: 8080, targetPort: 80 }, { name: 'http-b', port: 80, targetPort: 80 }] },
      namespaces: [
        { name: 'default', create: false, sidecar: { egress: [{ port: 80, protocol: 'HTTP', name: 'egress-http', hosts: ['foo/*'] }] } },
        { name: 'foo', create: true, sidecar: { egress: [{ port: 8080, protocol: 'HTTP', name: 'egress-default', hosts: ['./*', 'default/*'] }] } },
      ],
    };
    expect(semanticProblems(values)).toEqual([]);
  });

  it('skips parts of the wrong shape instead of throwing', () => {
    const values = { app: 'x', service: { ports: [null, 5, { port: '80' }] }, namespaces: [null, { sidecar: 'none' }, { sidecar: { egress: 'x' } }] };
    expect(semanticProblems(values)).toEqual([]);
  });
});
