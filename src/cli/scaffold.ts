/**
 * The files `helmts init <name>` writes: a chart definition with a typed,
 * documented `Values`, its defaults, and a Jest test on the toolkit. A pure
 * function of the name and the import specifiers.
 */
import type { GeneratedFile } from '../generator';

export interface ScaffoldImports {
  /** Where chart.ts imports the generator from (`helmts` in a consumer project). */
  generator: string;
  /** Where the test imports the toolkit from (`helmts/testing` in a consumer project). */
  testing: string;
}

/** Chart names: a DNS label (Helm's rule for chart names and the output folder), at most 53 characters. */
export const CHART_NAME = /^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$/;

export function scaffoldChart(name: string, imports: ScaffoldImports): GeneratedFile[] {
  const dir = `src/charts/${name}`;
  const values = `/**
 * The values of the ${name} chart. values.schema.json, the comments in
 * values.yaml and the chart README are generated from these types and their
 * doc comments by \`helmts build ${name}\`. Kubernetes-shaped fields take the
 * kubernetes-models types, so the schema accepts what the API accepts.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';

/** Where to pull the container image from. */
export interface Image {
  /**
   * Image repository, without tag.
   * @minLength 1
   */
  repository: string;
  /** Image tag. */
  tag: string;
  /** Kubernetes image pull policy. */
  pullPolicy: Exclude<IContainer['imagePullPolicy'], undefined>;
}

export interface Values {
  /** The container image. */
  image: Image;
  /**
   * Pods in the Deployment.
   * @asType integer
   * @minimum 0
   */
  replicas: number;
  /**
   * Port the container listens on.
   * @asType integer
   * @minimum 1
   * @maximum 65535
   */
  containerPort: number;
  /**
   * CPU and memory the container requests and may use at most.
   * @example { "requests": { "cpu": "100m", "memory": "128Mi" }, "limits": { "memory": "256Mi" } }
   */
  resources?: IResourceRequirements;
  /** The Service in front of the pods. */
  service: {
    /**
     * Port the Service exposes.
     * @asType integer
     * @minimum 1
     * @maximum 65535
     */
    port: number;
  };
}
`;
  const chart = `/** The ${name} chart: a Deployment and a Service in front of it. */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { defineChart, defineHelper, merge, type BuiltIns } from '${imports.generator}';
import type { Values } from './values';

/** Selects the pods of this release; never changes on upgrade. */
const selectorLabels = defineHelper('selectorLabels', (_v: Values, b) => ({
  'app.kubernetes.io/name': b.chart.name,
  'app.kubernetes.io/instance': b.release.name,
}));

/** The recommended labels, on every object. */
const labels = defineHelper('labels', (v: Values, b) =>
  merge(selectorLabels(v, b), { 'app.kubernetes.io/version': b.chart.appVersion, 'app.kubernetes.io/managed-by': b.release.service }),
);

const deployment = (v: Values, b: BuiltIns) =>
  new Deployment({
    metadata: { name: b.release.name, labels: labels(v, b) },
    spec: {
      replicas: v.replicas,
      selector: { matchLabels: selectorLabels(v, b) },
      template: {
        metadata: { labels: labels(v, b) },
        spec: {
          containers: [
            {
              name: 'app',
              image: \`\${v.image.repository}:\${v.image.tag}\`,
              imagePullPolicy: v.image.pullPolicy,
              ports: [{ name: 'http', containerPort: v.containerPort }],
              resources: v.resources,
            },
          ],
        },
      },
    },
  });

const service = (v: Values, b: BuiltIns) =>
  new Service({
    metadata: { name: b.release.name, labels: labels(v, b) },
    spec: {
      selector: selectorLabels(v, b),
      ports: [{ name: 'http', port: v.service.port, targetPort: 'http' }],
    },
  });

export const chart = defineChart<Values>({
  name: '${name}',
  version: '0.1.0',
  appVersion: '1.0.0',
  description: 'The ${name} chart',
  source: '${dir}',
  values: { file: '${dir}/values.ts', type: 'Values' },
  defaults: {
    image: { repository: 'nginx', tag: '1.27', pullPolicy: 'IfNotPresent' },
    replicas: 1,
    containerPort: 80,
    resources: {},
    service: { port: 80 },
  },
  helpers: [selectorLabels, labels],
  templates: { 'deployment.yaml': deployment, 'service.yaml': service },
});
`;
  const test = `/** The ${name} chart, rendered by real helm. Rebuild with \`helmts build ${name}\` after changing the definition. */
import { loadChart } from '${imports.testing}';

const chart = loadChart('charts/${name}');

describe('the ${name} chart', () => {
  it('runs image.repository:image.tag with replicas pods', async () => {
    const out = await chart.render({ set: { replicas: 3, 'image.tag': '1.0.1' } });
    const deployment = out.document({ kind: 'Deployment' });
    expect(deployment).toHaveValue('spec.replicas', 3);
    expect(deployment).toHaveValue('spec.template.spec.containers[0].image', 'nginx:1.0.1');
  });

  it('gives the container the resources of the values, and none by default', async () => {
    const limits = { cpu: '500m', memory: '256Mi' };
    const out = await chart.render({ set: { 'resources.limits': limits } });
    expect(out.document({ kind: 'Deployment' })).toHaveValue('spec.template.spec.containers[0].resources.limits', limits);
    const plain = await chart.render();
    expect(plain.document({ kind: 'Deployment' })).not.toHavePath('spec.template.spec.containers[0].resources');
  });

  it('exposes service.port on a Service that selects the pods', async () => {
    const out = await chart.render({ set: { 'service.port': 8080 }, release: { name: 'shop' } });
    const service = out.document({ kind: 'Service' });
    expect(service).toHaveValue('metadata.name', 'shop');
    expect(service).toHaveValue('spec.ports[0].port', 8080);
    expect(service).toHaveValue('spec.selector', out.document({ kind: 'Deployment' }).spec?.selector?.matchLabels);
  });
});
`;
  return [
    { path: `${dir}/values.ts`, content: values },
    { path: `${dir}/chart.ts`, content: chart },
    { path: `test/charts/${name}/${name}.test.ts`, content: test },
  ];
}
