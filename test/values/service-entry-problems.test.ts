/** validate-values on ServiceEntries: the chart schema's cross-field rules in words, and the two import warnings. */
import * as fs from 'node:fs';
import { schemaProblems } from '../../src/values/schema-problems';
import { semanticProblems } from '../../src/values/semantic-problems';

const schema = JSON.parse(fs.readFileSync('charts/helloworld-egress/values.schema.json', 'utf8'));
const defaults = { app: { name: 'helloworld' }, service: { ports: [{ name: 'http', port: 80, targetPort: 80 }] }, istio: { meshOutboundTrafficPolicy: 'ALLOW_ANY' } };
const github = { name: 'github', namespace: 'egress', hosts: ['api.github.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }], resolution: 'DNS' };
const sidecar = (hosts: string[], port = 443) => ({
  name: 'default',
  create: false,
  sidecar: { outboundTrafficPolicy: 'REGISTRY_ONLY', egress: [{ port, protocol: 'TLS', name: 'tls', hosts }] },
});
const warnings = (values: unknown) => semanticProblems(values).map(({ path, severity, message }) => ({ path, severity, message }));
const entryProblems = (entry: Record<string, unknown>) =>
  schemaProblems({ serviceEntries: [{ ...github, ...entry }] }, schema)
    .filter((p) => p.path.startsWith('serviceEntries'))
    .map((p) => `${p.path}: ${p.message}`);

describe('schema problems of a ServiceEntry', () => {
  it('says in words that Istio rejects a wildcard host with DNS resolution, at the host', () => {
    expect(entryProblems({ hosts: ['*.github.com'] })).toEqual([
      'serviceEntries[0].hosts[0]: Istio rejects a wildcard host with resolution DNS or DNS_ROUND_ROBIN: use resolution NONE for a wildcard, or list exact hosts',
    ]);
  });

  it('accepts a wildcard host with resolution NONE', () => {
    expect(entryProblems({ hosts: ['*.github.com'], resolution: 'NONE' })).toEqual([]);
  });

  it('says a STATIC entry needs addresses or endpoints, once, and accepts it with endpoints', () => {
    expect(entryProblems({ resolution: 'STATIC' })).toEqual([
      'serviceEntries[0]: a STATIC ServiceEntry needs addresses or endpoints (without them it routes nowhere)',
    ]);
    expect(entryProblems({ resolution: 'STATIC', endpoints: [{ address: '203.0.113.10' }] })).toEqual([]);
  });
});

describe('ServiceEntry names', () => {
  it('refuses a second entry of one namespace/name, at its name, and accepts the name in another namespace', () => {
    const second = { ...github, hosts: ['uploads.github.com'] };
    const errors = (entries: unknown[]) =>
      semanticProblems({ ...defaults, serviceEntries: entries }).filter((p) => p.severity === 'error').map(({ path, message }) => ({ path, message }));
    expect(errors([github, second])).toEqual([
      { path: 'serviceEntries[1].name', message: 'ServiceEntry egress/github is declared twice (first at serviceEntries[0])' },
    ]);
    expect(errors([github, { ...second, namespace: 'other' }])).toEqual([]);
  });
});

describe('import warnings of validate-values', () => {
  it('warns about a Sidecar host naming an external host in the wrong namespace, and says which namespace declares it', () => {
    const problems = semanticProblems({ ...defaults, namespaces: [sidecar(['default/api.github.com', 'egress/api.github.com'])], serviceEntries: [github] });
    expect(problems.map(({ path, message, hint }) => ({ path, message, hint }))).toEqual([
      {
        path: 'namespaces[0].sidecar.egress[0].hosts[0]',
        message: 'host "default/api.github.com" on port 443 imports no Service of the chart and no ServiceEntry: it allows nothing',
        hint: 'ServiceEntry "github" declares it in namespace egress: use "egress/api.github.com"',
      },
    ]);
  });

  it('warns about a ServiceEntry no Sidecar imports when a namespace is REGISTRY_ONLY', () => {
    expect(warnings({ ...defaults, namespaces: [sidecar(['egress/api.github.com'], 8443)], serviceEntries: [github] })).toContainEqual({
      path: 'serviceEntries[0]',
      severity: 'warning',
      message: 'ServiceEntry "github" (api.github.com) is imported by no Sidecar: under REGISTRY_ONLY no workload of the chart can reach it',
    });
  });

  it('counts an entry exported only to its own namespace as not imported from another namespace', () => {
    const own = { ...github, exportTo: ['.'] };
    expect(warnings({ ...defaults, namespaces: [sidecar(['egress/api.github.com'])], serviceEntries: [own] }).map((p) => p.path)).toEqual([
      'namespaces[0].sidecar.egress[0].hosts[0]',
      'serviceEntries[0]',
    ]);
  });

  it('says nothing when a wildcard host of the right namespace imports the entry', () => {
    expect(warnings({ ...defaults, namespaces: [sidecar(['egress/*.github.com'])], serviceEntries: [github] })).toEqual([]);
  });

  it('says nothing about unused entries when every Sidecar is ALLOW_ANY', () => {
    const allowAny = { name: 'default', create: false, sidecar: { outboundTrafficPolicy: 'ALLOW_ANY', egress: [{ port: 80, protocol: 'HTTP', name: 'h', hosts: ['./*'] }] } };
    expect(warnings({ ...defaults, namespaces: [allowAny], serviceEntries: [github] })).toEqual([]);
  });
});
