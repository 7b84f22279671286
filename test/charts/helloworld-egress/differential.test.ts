/**
 * Differential property test: for generated valid values, real `helm template`
 * of the committed chart equals the concrete TypeScript render of the same
 * values (merged over the defaults as helm merges them), template by
 * template, and every rendered object passes its kubernetes-models schema.
 * Seeded, so a CI failure reproduces; fast-check prints the shrunk values.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helloworldEgress } from '../../../src/charts';
import { concreteBuiltIns, renderConcrete } from '../../../src/generator';
import { loadChart, type HelmMajor } from '../../../src/testing';
import { helmMergedValues, type ValuesMap } from '../../../src/values/helm-merge';
import { schemaProblems } from '../../../src/values/schema-problems';
import { arbitraryValues } from './arbitrary-values';

const chart = loadChart('charts/helloworld-egress');
const schema = JSON.parse(fs.readFileSync('charts/helloworld-egress/values.schema.json', 'utf8'));
const release = { name: 'diff-release', namespace: 'diff-ns' };
let dir: string;
let counter = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'differential-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function helmEqualsTypeScript(values: ValuesMap, helm: HelmMajor): Promise<void> {
  // The generator must produce valid values, or the property says nothing.
  expect(schemaProblems(values, schema)).toEqual([]);
  const file = path.join(dir, `values-${counter++}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  const out = await chart.render({ values: [file], release, helm }); // validates every document
  const merged = helmMergedValues(helloworldEgress.defaults as unknown as ValuesMap, [values]);
  const expected = renderConcrete(helloworldEgress, merged as never, concreteBuiltIns(helloworldEgress, release));
  for (const { template, documents } of expected) {
    expect({ template, documents: out.template(template) }).toEqual({ template, documents });
  }
}

describe('helm template versus the TypeScript render', () => {
  it('agree on 200 generated values files on Helm 4', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValues, (values) => helmEqualsTypeScript(values as unknown as ValuesMap, 4)),
      { seed: 20261125, numRuns: 200, endOnFailure: false },
    );
  }, 300_000);

  it('agree on a sample of 25 generated values files on Helm 3', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValues, (values) => helmEqualsTypeScript(values as unknown as ValuesMap, 3)),
      { seed: 3172026, numRuns: 25 },
    );
  }, 120_000);

  it('agree on the edge cases the property is meant to reach', async () => {
    const edge = {
      app: { name: 'on', image: { repository: 'nginx', tag: '0777', pullPolicy: 'Never' }, containerPort: 65535, replicas: 0, resources: {} },
      service: { ports: [{ name: 'no', port: 1, targetPort: 65535, appProtocol: 'tcp' }] },
      namespaces: [
        { name: '1e3', create: true, labels: { y: '', on: '0777' }, sidecar: { egress: [] } },
        {
          name: 'no',
          create: false,
          sidecar: {
            outboundTrafficPolicy: 'ALLOW_ANY',
            egress: [{ port: 65535, protocol: 'MONGO', name: 'off', hosts: ['*/*', '~/*', './*', '1e3/*.1e3.svc.cluster.local'] }],
          },
        },
      ],
      // ServiceEntries with YAML-trap names, every optional field, and a host the 'no' Sidecar imports.
      serviceEntries: [
        { name: 'on', namespace: '1e3', hosts: ['*.on.example'], ports: [{ number: 65535, protocol: 'MONGO', name: 'no' }], resolution: 'NONE', exportTo: ['.', 'no'] },
        {
          name: 'y',
          namespace: 'no',
          hosts: ['0777.example', 'Yes.Example'],
          ports: [{ number: 1, protocol: 'HTTP', name: 'y', targetPort: 65535 }],
          resolution: 'STATIC',
          location: 'MESH_INTERNAL',
          addresses: ['240.0.0.1'],
          endpoints: [{ address: '1e3.example', ports: { y: 1 } }],
        },
      ],
      istio: { sidecarApiVersion: 'networking.istio.io/v1', meshOutboundTrafficPolicy: 'REGISTRY_ONLY' },
      tests: { enabled: true, image: 'curlimages/curl:8.11.1' },
    };
    await helmEqualsTypeScript(edge, 4);
  });
});
