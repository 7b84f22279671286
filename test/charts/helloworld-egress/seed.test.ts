/**
 * Ground truth: with its default values the chart renders the seed's seven
 * resources field for field (test/fixtures/seed/seed-resources.yaml is copied
 * verbatim from ../shared/seed/istio-sidecar-egress-example.md). Recommended
 * labels may be added under metadata.labels, and the pods' `sidecar.istio.io/inject: "true"`
 * (the sidecar the seed cluster gave them through its namespaces' labels, which the chart cannot
 * set on a namespace it does not create); nothing else may differ.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeYamlOptions, loadChart, type ChartDocument } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');
const seedFile = path.join(__dirname, '..', '..', 'fixtures', 'seed', 'seed-resources.yaml');
const seed = parseAllDocuments(fs.readFileSync(seedFile, 'utf8'), kubeYamlOptions).map(
  (d) => d.toJS() as ChartDocument,
);
const EXTRA_LABEL = /^(app\.kubernetes\.io\/[a-z-]+|helm\.sh\/chart|sidecar\.istio\.io\/inject)$/;

/**
 * A deep copy with the allowed extra labels removed from every `labels` map
 * (and a `labels` map that held only those removed too).
 */
function withoutExtraLabels(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutExtraLabels(v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => !(parentKey === 'labels' && EXTRA_LABEL.test(key)));
  return Object.fromEntries(
    entries
      .map(([key, v]) => [key, withoutExtraLabels(v, key)] as const)
      .filter(([key, v]) => !(key === 'labels' && v !== null && typeof v === 'object' && Object.keys(v).length === 0)),
  );
}

describe.each([4, 3] as const)('the default render on Helm %i', (helm) => {
  it('has exactly the seed’s seven objects besides the helm test hooks', async () => {
    const out = await chart.render({ helm });
    const objects = out.documents.filter((d) => !d.metadata?.annotations?.['helm.sh/hook']);
    expect(objects.map((d) => `${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`).sort()).toEqual(
      seed.map((d) => `${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`).sort(),
    );
  });

  it.each(seed.map((d) => [`${d.kind} ${d.metadata?.namespace ?? ''}/${d.metadata?.name}`, d] as const))(
    'renders the seed’s %s field for field',
    async (_name, expected) => {
      const out = await chart.render({ helm });
      const actual = out.document({ kind: expected.kind, name: expected.metadata?.name, namespace: expected.metadata?.namespace });
      expect(withoutExtraLabels(actual)).toEqual(expected);
    },
  );

  it('keeps every selector exactly app: helloworld', async () => {
    const out = await chart.render({ helm });
    expect(out.select({ kind: 'Service' })).toHaveValue('spec.selector', { app: 'helloworld' });
    expect(out.select({ kind: 'Deployment' })).toHaveValue('spec.selector.matchLabels', { app: 'helloworld' });
    expect(out.select({ kind: 'Sidecar' })).toHaveValue('spec.workloadSelector.labels', { app: 'helloworld' });
  });
});
