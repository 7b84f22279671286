import type { JsonSchema } from '../../src/generator/json-schema';
import { formatProblems, schemaProblems } from '../../src/values/schema-problems';

/** A schema shaped like the chart's: named definitions reached through $ref. */
function listenerSchema(): JsonSchema {
  return {
    type: 'object',
    properties: { listener: { $ref: '#/definitions/EgressListener' } },
    additionalProperties: false,
    definitions: {
      PortNumber: { type: 'integer', minimum: 1, maximum: 65535 },
      EgressHost: { type: 'string', pattern: '^(\\*|\\.|~|[a-z0-9-]+)/(\\*|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)$' },
      EgressListener: {
        type: 'object',
        properties: {
          port: { $ref: '#/definitions/PortNumber', description: 'Listener port.' },
          protocol: { type: 'string', enum: ['HTTP', 'TCP'] },
          hosts: { type: 'array', items: { $ref: '#/definitions/EgressHost' }, minItems: 1 },
        },
        required: ['port', 'protocol'],
        additionalProperties: false,
      },
    },
  };
}

function only(values: unknown) {
  const problems = schemaProblems(values, listenerSchema());
  expect(problems).toHaveLength(1);
  const [{ path, message, hint, at }] = problems;
  return { path, message, hint, at };
}

describe('schemaProblems', () => {
  it('tells to remove the quotes from a port written as "80"', () => {
    expect(only({ listener: { port: '80', protocol: 'HTTP' } })).toEqual({
      path: 'listener.port',
      message: 'port must be an integer 1–65535; got "80" (a string)',
      hint: 'remove the quotes',
      at: { segments: ['listener', 'port'] },
    });
  });

  it('names the allowed range of a port above 65535', () => {
    expect(only({ listener: { port: 70000, protocol: 'HTTP' } })).toMatchObject({
      message: 'port must be an integer 1–65535; got 70000',
      hint: 'use a value of at most 65535',
    });
  });

  it('lists the allowed values of an enum and the case-insensitive match', () => {
    expect(only({ listener: { port: 80, protocol: 'http' } })).toMatchObject({
      path: 'listener.protocol',
      message: 'protocol must be one of HTTP, TCP; got "http" (a string)',
      hint: 'did you mean HTTP? Values are case-sensitive',
    });
  });

  it('reports one problem for a value that breaks both its type and its enum', () => {
    expect(only({ listener: { port: 80, protocol: 7 } })).toMatchObject({
      path: 'listener.protocol',
      message: 'protocol must be one of HTTP, TCP; got 7',
    });
  });

  it('points an unknown key at the key and suggests the known key it resembles', () => {
    expect(only({ listener: { port: 80, protocol: 'TCP', host: [] } })).toEqual({
      path: 'listener.host',
      message: 'unknown key "host" in listener',
      hint: 'did you mean "hosts"? listener accepts port, protocol, hosts',
      at: { segments: ['listener', 'host'], key: true },
    });
  });

  it('names a missing required key by its own path and marks it missing', () => {
    expect(only({ listener: { port: 80 } })).toEqual({
      path: 'listener.protocol',
      message: 'listener is missing the required key "protocol" (one of HTTP, TCP)',
      hint: 'add protocol: <one of HTTP, TCP>',
      at: { segments: ['listener', 'protocol'], missing: true },
    });
  });

  it('explains that Istio rejects a short host name such as foo/helloworld', () => {
    expect(only({ listener: { port: 80, protocol: 'TCP', hosts: ['foo/helloworld'] } })).toMatchObject({
      path: 'listener.hosts[0]',
      message: 'hosts[0] "foo/helloworld" is not a valid Sidecar egress host (<namespace>/<dnsName>)',
      hint: 'Istio rejects short host names: write "foo/*" for every Service of foo, or the full name "foo/helloworld.foo.svc.cluster.local"',
    });
  });

  it('reports an empty list below minItems', () => {
    expect(only({ listener: { port: 80, protocol: 'TCP', hosts: [] } })).toMatchObject({
      path: 'listener.hosts',
      message: 'hosts needs at least 1 item; got 0',
    });
  });

  it('finds nothing wrong with valid values', () => {
    expect(schemaProblems({ listener: { port: 80, protocol: 'TCP', hosts: ['./*'] } }, listenerSchema())).toEqual([]);
  });

  it('formats problems as "at <path>: <message> (<hint>)" lines', () => {
    const problems = schemaProblems({ listener: { port: '80', protocol: 'HTTP' } }, listenerSchema());
    expect(formatProblems(problems)).toBe('at listener.port: port must be an integer 1–65535; got "80" (a string) (remove the quotes)');
  });
});
